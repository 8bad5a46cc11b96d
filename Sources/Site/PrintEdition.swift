/// The whole book on one page (`print.html`): the index's text, then every chapter in order,
/// then the works cited. Its chapters are rendered for this page (see `Book`): links between
/// chapters are in-page links, and ids are unique across the page.
public struct PrintEdition: Sendable {
  public static let fileName = "print.html"

  /// The chapters in book order; each `slug` is the id of its `<article>` (links to a chapter
  /// go to `#slug`), each body and section anchor as rendered for this page.
  public var chapters: [ChapterPage]
  /// The reference list of every work cited in the book (empty: none), and its id.
  public var referencesHTML: String
  public var referencesAnchor: String

  public init(chapters: [ChapterPage], referencesHTML: String = "", referencesAnchor: String = "references") {
    self.chapters = chapters
    self.referencesHTML = referencesHTML
    self.referencesAnchor = referencesAnchor
  }

  /// Whether the page loads KaTeX: some chapter, title or heading has math.
  var needsMath: Bool {
    chapters.contains { chapter in
      chapter.hasMath || chapter.titleHasMath || chapter.abstractHasMath
        || chapter.sections.contains(where: \.hasMath)
    }
  }
}
