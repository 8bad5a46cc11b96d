/// The Mustache contexts of the index and chapter pages (see `DefaultPageTemplate` and
/// `DefaultIndexTemplate` for the keys). Optional values are `false` when absent, so a
/// section tag never falls through to an outer context.
struct PageContexts {
  let configuration: SiteConfiguration
  let chapters: [ChapterPage]
  /// The API reference's module pages (see the Reference module): listed in every sidebar.
  var reference: [ChapterPage] = []
  let builtOn: String?
  /// Whether pages get the search box (`assets/search.js` and its index).
  var hasSearch = false
  let assets = "assets"

  static func href(_ chapter: ChapterPage) -> String { chapter.href }

  /// Whether a chapter page needs KaTeX: its body has math, or a title on it (sidebar,
  /// prev/next, its sections) contains a math element.
  func pageNeedsMath(_ index: Int) -> Bool {
    let chapter = chapters[index]
    return chapter.hasMath || chapter.titleHasMath || chapter.sections.contains(where: \.hasMath)
      || chapters.contains(where: \.titleHasMath)
  }

  /// Whether the index needs KaTeX: a title, abstract or section heading has a math element.
  var indexNeedsMath: Bool {
    chapters.contains { chapter in
      chapter.titleHasMath || chapter.abstractHasMath || chapter.sections.contains(where: \.hasMath)
    }
  }

  private var common: [String: Any] {
    [
      "lang": configuration.language,
      "siteTitle": configuration.title,
      "author": configuration.author.map { $0 as Any } ?? false,
      "description": configuration.description.map { $0 as Any } ?? false,
      "builtOn": builtOn.map { $0 as Any } ?? false,
      "assets": assets,
      "count": chapters.count,
      "hasSearch": hasSearch,
      "hasReference": !reference.isEmpty,
      "referencePages": referenceLinks(current: nil),
    ]
  }

  /// The reference pages for the sidebar, `current` (an index in `reference`) marked.
  private func referenceLinks(current: Int?) -> [[String: Any]] {
    reference.enumerated().map { i, page in
      ["href": Self.href(page), "titleHTML": page.titleHTML, "current": i == current]
    }
  }

  /// Whether reference page `index` needs KaTeX (math in a doc comment, or in a chapter title
  /// in its sidebar).
  func referenceNeedsMath(_ index: Int) -> Bool {
    reference[index].hasMath || chapters.contains(where: \.titleHasMath)
  }

  /// A page of the API reference: the chapter page's keys, with no chapter current, no
  /// number and no previous/next chapter.
  func referencePage(_ index: Int) -> [String: Any] {
    var context = pageContext(reference[index], hasMath: referenceNeedsMath(index), current: nil)
    context["number"] = false
    context["prev"] = false
    context["next"] = false
    context["referencePages"] = referenceLinks(current: index)
    return context
  }

  private func link(_ chapter: ChapterPage) -> [String: Any] {
    ["href": Self.href(chapter), "titleHTML": chapter.titleHTML, "titleText": chapter.titleText]
  }

  func chapter(_ index: Int) -> [String: Any] {
    var context = pageContext(chapters[index], hasMath: pageNeedsMath(index), current: index)
    context["number"] = index + 1
    context["prev"] = index > 0 ? link(chapters[index - 1]) as Any : false
    context["next"] = index + 1 < chapters.count ? link(chapters[index + 1]) as Any : false
    return context
  }

  /// The keys every page made with the page template has: `page`'s title, body and sections,
  /// and the sidebar's chapters, chapter `current` (nil: none) marked.
  private func pageContext(_ page: ChapterPage, hasMath: Bool, current: Int?) -> [String: Any] {
    var context = common
    context["pageTitle"] = page.titleText
    context["titleHTML"] = page.titleHTML
    context["slug"] = page.slug
    context["href"] = Self.href(page)
    context["sourcePath"] = page.sourcePath
    context["bodyHTML"] = HeadingAnchors.add(to: page.bodyHTML)
    context["hasMath"] = hasMath
    context["hasCode"] = page.hasCode
    context["hasSections"] = !page.sections.isEmpty
    context["sections"] = SectionTree.context(for: page.sections)
    context["sectionBase"] = ""
    context["chapters"] = chapters.enumerated().map { (i, other) -> [String: Any] in
      var entry = link(other)
      entry["current"] = i == current
      entry["number"] = i + 1
      return entry
    }
    return context
  }

  /// The print edition's context (see `DefaultPrintTemplate`).
  func print(_ edition: PrintEdition) -> [String: Any] {
    var context = common
    context["hasSearch"] = false
    context["hasMath"] = edition.needsMath
    context["hasCode"] = edition.chapters.contains(where: \.hasCode)
    context["chapters"] = edition.chapters.enumerated().map { (i, chapter) -> [String: Any] in
      [
        "anchor": chapter.slug, "href": "#" + chapter.slug, "number": i + 1, "titleHTML": chapter.titleHTML,
        "titleText": chapter.titleText,
        "abstractHTML": chapter.abstractHTML.map { $0 as Any } ?? false,
        "bodyHTML": HeadingAnchors.add(to: chapter.bodyHTML),
        "hasSections": !chapter.sections.isEmpty,
        "sections": SectionTree.context(for: chapter.sections), "sectionBase": "",
      ]
    }
    context["hasReferences"] = !edition.referencesHTML.isEmpty
    context["referencesHTML"] = edition.referencesHTML
    context["referencesAnchor"] = edition.referencesAnchor
    return context
  }

  var index: [String: Any] {
    var context = common
    context["hasMath"] = indexNeedsMath
    context["hasCode"] = false
    context["hasChapters"] = !chapters.isEmpty
    context["chapters"] = chapters.enumerated().map { (i, chapter) -> [String: Any] in
      var entry = link(chapter)
      entry["number"] = i + 1
      entry["abstractHTML"] = chapter.abstractHTML.map { $0 as Any } ?? false
      entry["hasSections"] = !chapter.sections.isEmpty
      entry["sections"] = SectionTree.context(for: chapter.sections)
      entry["sectionBase"] = Self.href(chapter)
      return entry
    }
    return context
  }
}
