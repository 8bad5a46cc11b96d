import Bibliography
import Markdown
import Site

/// The book's bibliography page, `bibliography.html`: every work the chapters cite, in
/// reference-list order, each with links to the chapters that cite it. It is the last page
/// of the book (so the sidebar and the index link to it).
enum BibliographyPage {
  /// The page's slug: `bibliography`, or `bibliography-1` … when a chapter already has it.
  static func slug(avoiding taken: Set<String>) -> String {
    var slug = "bibliography"
    var n = 1
    while taken.contains(slug) {
      slug = "bibliography-\(n)"
      n += 1
    }
    return slug
  }

  /// The page for the works in `citedBy` (key and the index of a chapter that cites it, in
  /// any order, repeats allowed); `pages` are the chapters' pages, by index.
  static func page(
    _ bibliography: Bibliography, citedBy: [(key: String, chapter: Int)], pages: [ChapterPage],
    taken: Set<String>, sourcePath: String = "references.bib"
  ) -> ChapterPage {
    var chaptersOf: [String: [Int]] = [:]
    for (key, chapter) in citedBy where !(chaptersOf[key]?.contains(chapter) ?? false) {
      chaptersOf[key, default: []].append(chapter)
    }
    var body = "<ol class=\"references bibliography\">\n"
    for entry in bibliography.sorted(citedBy.map(\.key)) {
      let id = HTMLEscaping.escape(Bibliography.anchor(for: entry.key))
      let links = (chaptersOf[entry.key] ?? []).sorted().map { index in
        let page = pages[index]
        return "<a href=\"\(HTMLEscaping.escape(page.slug)).html\">\(HTMLEscaping.escape(page.titleText))</a>"
      }
      body += "<li id=\"\(id)\">\(bibliography.referenceHTML(entry.key) ?? "")"
      body += " <span class=\"cited-in\">Cited in \(LabelTable.list(links)).</span></li>\n"
    }
    body += "</ol>\n"
    return ChapterPage(
      slug: slug(avoiding: taken), sourcePath: sourcePath, titleHTML: "Bibliography",
      titleText: "Bibliography", abstractHTML: "Every work the chapters cite.", bodyHTML: body,
      hasMath: citedBy.contains { bibliography.referenceHasMath($0.key) })
  }
}
