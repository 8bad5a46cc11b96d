import Foundation
import Testing

/// Issue 2 through the real CLI: a book without executable code becomes an ordered, linked,
/// self-contained site.
@Suite struct SiteEndToEndTests {
  /// The fixture book: `01-welcome`, `02-placeholder`, `10-last`, and a `notes.toml`.
  static let chapters = [
    ("01-welcome", "Welcome to criticality"),
    ("02-placeholder", "Placeholder: the kernel recursion"),
    ("10-last", "A last word"),
  ]

  @Test func indexListsChaptersInFileNameOrderWithTheirTitles() throws {
    let book = try Workspace(fixture: "site")
    let result = try book.notes("build")
    try #require(result.status == 0, "\(result)")
    #expect(result.stdout.contains("built 3 chapters into build/"), "\(result)")

    let index = try book.read("build/index.html")
    // The course title from notes.toml, as the page title and the heading.
    #expect(index.contains("<title>Deep Networks at Initialization</title>"))
    #expect(index.contains("Deep Networks at Initialization</h1>"))
    let toc = HTML.matches("<a class=\"toc-chapter-title\" href=\"([^\"]+)\">([^<]*)</a>", in: index)
    #expect(toc.map { $0[0] } == Self.chapters.map { "\($0.0).html" })
    #expect(toc.map { $0[1] } == Self.chapters.map(\.1))
    // Sections (## and ###) of a chapter are listed under it, linking to their anchors.
    let welcome = try #require(
      HTML.first("href=\"01-welcome.html\">(.*?)</li>\n<li class=\"toc-chapter\"", in: index))
    #expect(welcome.contains("01-welcome.html#the-two-point-function"))
    #expect(welcome.contains("01-welcome.html#fixed-points"))
    #expect(welcome.contains("01-welcome.html#outlook"))
    #expect(!welcome.contains("02-placeholder.html#"))

    for (slug, title) in Self.chapters {
      let page = try book.read("build/\(slug).html")
      #expect(page.contains("<title>\(title) · Deep Networks at Initialization</title>"), "\(slug)")
      #expect(page.contains("<h1 class=\"chapter-title\">\(title)</h1>"), "\(slug)")
      // The title is shown once: the page header, not again from the body.
      #expect(page.components(separatedBy: "<h1").count == 2, "\(slug)")
      // Each page lists every chapter, marking itself as current.
      let sidebar = try #require(HTML.first("<ol class=\"chapter-list\">(.*?)</ol>", in: page))
      let list = HTML.matches("<li( class=\"current\")?><a href=\"([^\"]+)\"", in: sidebar)
      #expect(list.map { $0[1] } == Self.chapters.map { "\($0.0).html" }, "\(slug)")
      #expect(list.filter { !$0[0].isEmpty }.map { $0[1] } == ["\(slug).html"], "\(slug)")
    }
  }

  @Test func previousAndNextLinkNeighbouringChapters() throws {
    let book = try Workspace(fixture: "site")
    try #require(try book.notes("build").status == 0)
    let slugs = Self.chapters.map(\.0)
    for (position, slug) in slugs.enumerated() {
      let page = try book.read("build/\(slug).html")
      let previous = position > 0 ? "\(slugs[position - 1]).html" : nil
      let next = position + 1 < slugs.count ? "\(slugs[position + 1]).html" : nil
      #expect(HTML.pagerLink("prev", in: page) == previous, "\(slug)")
      #expect(HTML.pagerLink("next", in: page) == next, "\(slug)")
    }
  }

  @Test func placeholderChapterHasMathListingTableAndFootnote() throws {
    let book = try Workspace(fixture: "site")
    try #require(try book.notes("build").status == 0)
    let page = try book.read("build/02-placeholder.html")

    // Math survives Markdown exactly as written, for KaTeX to typeset.
    #expect(page.contains("<span class=\"math inline\">z_i^{(l)}*w_{ij}</span>"))
    #expect(page.contains("<span class=\"math inline\">a*b</span>"))
    #expect(page.contains("K^{(\\ell+1)} = C_b + C_W \\langle \\sigma(z)^2 \\rangle_{K^{(\\ell)}}"))
    #expect(HTML.first("<div class=\"math display\">(.*?)</div>", in: page)?.contains("C_b + C_W") == true)
    // Dollar amounts are text, not math.
    #expect(page.contains("costs $5 and $10."))
    // The listing is escaped and marked for highlight.js.
    #expect(page.contains("<code class=\"language-swift\">let cw = 2.0\nprint(cw * 0.5)\n</code>"))
    // The table, with math in a header cell (the `|` inside `$…$` is not a column break).
    let table = try #require(HTML.first("<table>(.*?)</table>", in: page))
    #expect(HTML.matches("<th>", in: table).count == 3)
    #expect(table.contains("<th><span class=\"math inline\">|x|</span></th>"))
    #expect(
      HTML.matches("<td>([^<]*)</td>", in: table).map { $0[0] } == ["ReLU", "2", "1", "tanh", "1", "0"])
    // The footnote: a reference and the note with a link back.
    let ref = try #require(HTML.first("<sup class=\"footnote-ref\"><a href=\"#([^\"]+)\"", in: page))
    let note = try #require(HTML.first("<li id=\"\(ref)\">(.*?)</li>", in: page))
    #expect(note.contains("See PDLT, chapter 5."))
    // KaTeX and highlight.js are loaded from the site's own assets, which are real files.
    #expect(page.contains("src=\"assets/katex.min.js\""))
    #expect(page.contains("src=\"assets/highlight.min.js\""))
    for asset in ["assets/katex.min.js", "assets/katex.min.css", "assets/highlight.min.js"] {
      let attributes = try FileManager.default.attributesOfItem(atPath: book.url("build/\(asset)").path)
      #expect(attributes[.type] as? FileAttributeType == .typeRegular, "\(asset) is not a regular file")
      #expect((attributes[.size] as? Int ?? 0) > 1000, "\(asset) is (nearly) empty")
    }
    // KaTeX's fonts come along (the page must work offline): no link leaves the site.
    let site = try book.tree("build")
    #expect(site.keys.contains { $0.hasPrefix("assets/fonts/") && $0.hasSuffix(".woff2") })
    #expect(try Tree.symbolicLinks(book.url("build")) == [])
  }

  @Test func themeFolderOverridesThePageTemplate() throws {
    let book = try Workspace(fixture: "site")
    try book.write(
      "theme/page.mustache",
      "<!-- custom -->\n<h1>{{{titleHTML}}}</h1>\n<p>{{number}} of {{count}}</p>\n{{{bodyHTML}}}\n")
    try book.write("theme/logo.svg", "<svg/>")
    let result = try book.notes("build")
    try #require(result.status == 0, "\(result)")
    let page = try book.read("build/02-placeholder.html")
    #expect(page.hasPrefix("<!-- custom -->\n<h1>Placeholder: the kernel recursion</h1>\n<p>2 of 3</p>\n"))
    #expect(page.contains("<span class=\"math inline\">a*b</span>"))
    #expect(try book.read("build/assets/theme/logo.svg") == "<svg/>")
    // The index keeps the default template.
    #expect(try book.read("build/index.html").contains("<nav class=\"course-toc\""))

    try book.write("theme/page.mustache", "{{#chapters}}unclosed\n")
    let broken = try book.notes("build")
    #expect(broken.status == 1, "\(broken)")
    // At the template's line, as the author names the file; the output folder is not the location.
    #expect(broken.stderr.hasPrefix("theme/page.mustache:"), "\(broken)")
    #expect(broken.stderr.contains(": error: template error: "), "\(broken)")
    #expect(broken.stderr.components(separatedBy: "page.mustache").count == 2, "\(broken)")
  }

  @Test func cleanRemovesOnlyAnOutputFolderNotesWrote() throws {
    let book = try Workspace(fixture: "site")
    try #require(try book.notes("build").status == 0)
    let removed = try book.notes("clean")
    #expect(removed.status == 0, "\(removed)")
    #expect(!book.exists("build"))
    #expect(book.exists("chapters/01-welcome.md"))

    try book.write("build/precious.txt", "mine")
    let refused = try book.notes("clean")
    #expect(refused.status == 1, "\(refused)")
    #expect(refused.stderr.contains("build: error: not a notes output folder"), "\(refused)")
    #expect(try book.read("build/precious.txt") == "mine")
  }
}
