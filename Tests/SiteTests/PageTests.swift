import Foundation
import Site
import Testing

@Suite struct PageTests {
  @Test func indexListsChaptersInGivenOrderWithSectionsAndAnchors() throws {
    try withTemporaryDirectory { dir in
      var chapters = Fixtures.chapters()
      chapters.swapAt(0, 2)  // the given order, not the slug order, must be kept
      _ = try Fixtures.builder().build(chapters: chapters, extraFiles: [:], outputDirectory: dir)
      let index = readText(dir, "index.html")
      let positions = ["03-four-point.html", "02-two-point.html", "01-intro.html"].map {
        index.range(of: "href=\"\($0)\"")?.lowerBound
      }
      #expect(positions.allSatisfy { $0 != nil })
      #expect(positions.compactMap { $0 } == positions.compactMap { $0 }.sorted())
      #expect(index.contains("<title>Deep Nets &amp; Criticality</title>"))
      #expect(index.contains("A. Lecturer"))
      #expect(index.contains("Notes on &lt;PDLT&gt; at initialization."))
      #expect(index.contains("Why <em>initialization</em> matters."))  // abstract inserted raw
      #expect(index.contains("href=\"02-two-point.html#fixed-points\""))
      // Notation (level 3) is nested in a list inside the Setup (level 2) entry.
      let setup = try #require(
        slice(index, from: "href=\"01-intro.html#setup\">Setup</a>", to: "</li>\n<li>"))
      #expect(setup.contains("<ul>"))
      #expect(setup.contains("href=\"01-intro.html#notation\">Notation</a>"))
      #expect(index.contains("href=\"01-intro.html#plan\">Plan</a>"))
    }
  }

  @Test func prevAndNextLinks() throws {
    try withTemporaryDirectory { dir in
      _ = try Fixtures.builder().build(chapters: Fixtures.chapters(), extraFiles: [:], outputDirectory: dir)
      let first = readText(dir, "01-intro.html")
      let middle = readText(dir, "02-two-point.html")
      let last = readText(dir, "03-four-point.html")
      #expect(!first.contains("rel=\"prev\""))
      // Links at the top and at the bottom.
      #expect(first.components(separatedBy: "rel=\"next\" href=\"02-two-point.html\"").count == 3)
      #expect(middle.components(separatedBy: "rel=\"prev\" href=\"01-intro.html\"").count == 3)
      #expect(middle.components(separatedBy: "rel=\"next\" href=\"03-four-point.html\"").count == 3)
      #expect(last.components(separatedBy: "rel=\"prev\" href=\"02-two-point.html\"").count == 3)
      #expect(!last.contains("rel=\"next\""))
    }
  }

  @Test func titleIsEscapedAndSidebarMarksCurrentChapter() throws {
    try withTemporaryDirectory { dir in
      _ = try Fixtures.builder().build(chapters: Fixtures.chapters(), extraFiles: [:], outputDirectory: dir)
      let page = readText(dir, "02-two-point.html")
      let title = try #require(slice(page, from: "<title>", to: "</title>"))
      #expect(
        title
          == "The kernel K &lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt; &amp; co · Deep Nets &amp; Criticality"
      )
      #expect(!page.contains("<script>alert"))
      let sidebar = try #require(slice(page, from: "<ol class=\"chapter-list\">", to: "</ol>"))
      #expect(sidebar.components(separatedBy: "aria-current=\"page\"").count == 2)
      #expect(sidebar.contains("<li class=\"current\"><a href=\"02-two-point.html\" aria-current=\"page\">"))
      #expect(page.contains("Source: <code>chapters/02-two-point.md</code>"))
    }
  }

  @Test func headingsWithIdsGetAnchorLinksAndPageHasItsTableOfContents() throws {
    try withTemporaryDirectory { dir in
      var chapters = Fixtures.chapters()
      chapters[0].bodyHTML +=
        "\n<h4 id=\"deep\">Deep <em>one</em></h4>\n<h2>No id</h2>\n<h1 id=\"top\">Top</h1>"
      _ = try Fixtures.builder().build(chapters: chapters, extraFiles: [:], outputDirectory: dir)
      let page = readText(dir, "01-intro.html")
      #expect(page.contains("<h2 id=\"setup\">Setup<a class=\"anchor\" href=\"#setup\""))
      #expect(page.contains("<h3 id=\"notation\">Notation<a class=\"anchor\" href=\"#notation\""))
      #expect(page.contains("<h4 id=\"deep\">Deep <em>one</em><a class=\"anchor\" href=\"#deep\""))
      #expect(page.contains("<h2>No id</h2>"))
      #expect(page.contains("<h1 id=\"top\">Top</h1>"))
      let toc = try #require(slice(page, from: "<nav class=\"page-toc\"", to: "</nav>"))
      #expect(toc.contains("<a href=\"#setup\">Setup</a>"))
      #expect(toc.contains("<a href=\"#notation\">Notation</a>"))
      #expect(toc.contains("<a href=\"#plan\">Plan</a>"))
      // The last chapter has no sections, hence no in-page table of contents.
      #expect(!readText(dir, "03-four-point.html").contains("class=\"page-toc\""))
    }
  }

  @Test func librariesAreLoadedOnlyWhereNeeded() throws {
    try withTemporaryDirectory { dir in
      var chapters = Fixtures.chapters()
      chapters[1].titleHTML = "The kernel"  // no math in any title any more
      chapters[1].titleHasMath = false
      _ = try Fixtures.builder().build(chapters: chapters, extraFiles: [:], outputDirectory: dir)
      let plain = readText(dir, "01-intro.html")
      let rich = readText(dir, "02-two-point.html")
      #expect(!plain.contains("katex.min.js") && !plain.contains("highlight.min.js"))
      #expect(rich.contains("<script defer src=\"assets/katex.min.js\"></script>"))
      #expect(rich.contains("<script defer src=\"assets/highlight.min.js\"></script>"))
      #expect(rich.contains("href=\"assets/katex.min.css\""))
      #expect(plain.contains("<script defer src=\"assets/notes.js\"></script>"))
    }
  }

  @Test func builtOnLineOnlyWithSourceDateEpoch() throws {
    try withTemporaryDirectory { dir in
      let plain = dir.appendingPathComponent("a")
      let dated = dir.appendingPathComponent("b")
      _ = try Fixtures.builder().build(chapters: Fixtures.chapters(), extraFiles: [:], outputDirectory: plain)
      // 1700000000 s after the epoch is 2023-11-14T22:13:20Z.
      _ = try Fixtures.builder(environment: ["SOURCE_DATE_EPOCH": "1700000000"])
        .build(chapters: Fixtures.chapters(), extraFiles: [:], outputDirectory: dated)
      #expect(!readText(plain, "index.html").contains("Built on"))
      #expect(readText(dated, "index.html").contains("Built on 2023-11-14 (UTC)"))
      #expect(readText(dated, "01-intro.html").contains("Built on 2023-11-14 (UTC)"))
      // 951782400 = 2000-02-29T00:00:00Z (leap day), 0 = 1970-01-01.
      let leap = dir.appendingPathComponent("c")
      _ = try Fixtures.builder(environment: ["SOURCE_DATE_EPOCH": "951782400"])
        .build(chapters: [], extraFiles: [:], outputDirectory: leap)
      #expect(readText(leap, "index.html").contains("Built on 2000-02-29 (UTC)"))
      #expect(throws: SiteError.self) {
        try Fixtures.builder(environment: ["SOURCE_DATE_EPOCH": "yesterday"])
          .build(chapters: [], extraFiles: [:], outputDirectory: leap)
      }
    }
  }

  @Test func themeOverridesPageTemplateAndCopiesOtherFiles() throws {
    try withTemporaryDirectory { dir in
      let theme = dir.appendingPathComponent("theme")
      try FileManager.default.createDirectory(
        at: theme.appendingPathComponent("img"), withIntermediateDirectories: true)
      try Data(
        "<html><title>{{pageTitle}}</title>{{> banner}}<main>{{{bodyHTML}}}</main>{{#next}}<a href=\"{{href}}\">next</a>{{/next}}</html>"
          .utf8
      )
      .write(to: theme.appendingPathComponent("page.mustache"))
      try Data("<b>{{siteTitle}}</b>".utf8).write(to: theme.appendingPathComponent("banner.mustache"))
      try Data("body{color:red}".utf8).write(to: theme.appendingPathComponent("style.css"))
      try Data([1, 2, 3]).write(to: theme.appendingPathComponent("img/logo.png"))
      let out = dir.appendingPathComponent("build")
      let report = try Fixtures.builder(theme: theme).build(
        chapters: Fixtures.chapters(), extraFiles: [:], outputDirectory: out)
      let page = readText(out, "01-intro.html")
      #expect(
        page.hasPrefix(
          "<html><title>Introduction</title><b>Deep Nets &amp; Criticality</b><main><p>Plain text.</p>"))
      #expect(page.hasSuffix("<a href=\"02-two-point.html\">next</a></html>"))
      #expect(!page.contains("class=\"sidebar\""))
      #expect(readText(out, "index.html").contains("class=\"course-toc\""))  // index keeps the default
      #expect(readText(out, "assets/notes.css") == "body{color:red}")
      #expect(
        FileManager.default.contents(atPath: out.path + "/assets/theme/img/logo.png") == Data([1, 2, 3]))
      #expect(!report.writtenFiles.contains { $0.hasSuffix(".mustache") || $0 == "assets/theme/style.css" })
    }
  }

  @Test func themeSectionsPartialReplacesTheDefaultInIndexAndPages() throws {
    try withTemporaryDirectory { dir in
      let theme = dir.appendingPathComponent("theme")
      try FileManager.default.createDirectory(at: theme, withIntermediateDirectories: true)
      try Data("{{#sections}}<li class=\"mine\">{{sectionBase}}|{{anchor}}</li>{{/sections}}".utf8)
        .write(to: theme.appendingPathComponent("sections.mustache"))
      let out = dir.appendingPathComponent("build")
      _ = try Fixtures.builder(theme: theme).build(
        chapters: Fixtures.chapters(), extraFiles: [:], outputDirectory: out)
      // The index links sections of their chapter page; a page links its own anchors.
      #expect(readText(out, "index.html").contains("<li class=\"mine\">01-intro.html|setup</li>"))
      #expect(readText(out, "01-intro.html").contains("<li class=\"mine\">|setup</li>"))
    }
  }

  @Test func themeTemplateSyntaxErrorNamesFileAndLine() throws {
    try withTemporaryDirectory { dir in
      let theme = dir.appendingPathComponent("theme")
      try FileManager.default.createDirectory(at: theme, withIntermediateDirectories: true)
      try Data("<html>\n{{#chapters}}\n{{/wrong}}".utf8).write(
        to: theme.appendingPathComponent("index.mustache"))
      do {
        _ = try Fixtures.builder(theme: theme).build(
          chapters: Fixtures.chapters(), extraFiles: [:], outputDirectory: dir.appendingPathComponent("build")
        )
        Issue.record("a broken template was accepted")
      } catch let error as SiteError {
        #expect(error.description.contains("index.mustache:3:"), "\(error)")
      }
      #expect(!FileManager.default.fileExists(atPath: dir.path + "/build"))
    }
  }

  @Test func rejectsBadSlugs() throws {
    try withTemporaryDirectory { dir in
      for bad in ["index", "a/b", "../x", ".hidden", ""] {
        var chapters = Fixtures.chapters()
        chapters[2].slug = bad
        #expect(throws: SiteError.self, "slug \(bad)") {
          try Fixtures.builder().build(chapters: chapters, extraFiles: [:], outputDirectory: dir)
        }
      }
      var twice = Fixtures.chapters()
      twice[2].slug = twice[0].slug
      #expect(throws: SiteError.self) {
        try Fixtures.builder().build(chapters: twice, extraFiles: [:], outputDirectory: dir)
      }
    }
  }
}
