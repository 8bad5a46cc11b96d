/// A heading of level 2 or 3 inside a chapter, as listed in the tables of contents.
public struct SectionHeading: Sendable, Equatable, Codable {
  /// 2 for `## `, 3 for `### `; other levels are accepted and nested like level 3.
  public var level: Int
  /// Inline HTML of the heading (may contain math spans); inserted raw.
  public var titleHTML: String
  /// The heading's `id` in the chapter body, without `#`.
  public var anchor: String
  /// Whether the title holds math: a page that lists it loads KaTeX.
  public var hasMath: Bool

  public init(level: Int, titleHTML: String, anchor: String, hasMath: Bool = false) {
    self.level = level
    self.titleHTML = titleHTML
    self.anchor = anchor
    self.hasMath = hasMath
  }
}

/// One rendered chapter: everything the site needs to lay out `build/<slug>.html`.
public struct ChapterPage: Sendable, Codable {
  /// File name without extension: `"02-two-point"` → written as `02-two-point.html`.
  public var slug: String
  /// Where the chapter came from, e.g. `"chapters/02-two-point.md"` (shown as text in the footer).
  public var sourcePath: String
  /// Inline HTML of the first `# ` heading (may contain math spans); inserted raw.
  public var titleHTML: String
  /// Plain text of the title, for `<title>`; escaped.
  public var titleText: String
  /// One-line abstract for the index (inline HTML, inserted raw), or nil.
  public var abstractHTML: String?
  /// Headings of level 2 and 3 in document order; their anchors are ids in `bodyHTML`.
  public var sections: [SectionHeading]
  /// The rendered chapter body; headings already carry `id="anchor"`. Inserted raw.
  public var bodyHTML: String
  /// Whether the body contains math (the page then loads KaTeX).
  public var hasMath: Bool
  /// Whether the body contains highlighted listings (the page then loads highlight.js).
  public var hasCode: Bool
  /// Whether the title holds math: every page that lists it (sidebar, pager, index) loads KaTeX.
  public var titleHasMath: Bool
  /// Whether the abstract holds math: the index then loads KaTeX.
  public var abstractHasMath: Bool

  public init(
    slug: String, sourcePath: String, titleHTML: String, titleText: String,
    abstractHTML: String? = nil, sections: [SectionHeading] = [], bodyHTML: String,
    hasMath: Bool = false, hasCode: Bool = false, titleHasMath: Bool = false, abstractHasMath: Bool = false
  ) {
    self.titleHasMath = titleHasMath
    self.abstractHasMath = abstractHasMath
    self.slug = slug
    self.sourcePath = sourcePath
    self.titleHTML = titleHTML
    self.titleText = titleText
    self.abstractHTML = abstractHTML
    self.sections = sections
    self.bodyHTML = bodyHTML
    self.hasMath = hasMath
    self.hasCode = hasCode
  }
}

extension ChapterPage {
  /// The page's relative URL (`02-two-point.html`, percent-encoded).
  public var href: String { HTMLText.urlPath(slug) + ".html" }
}
