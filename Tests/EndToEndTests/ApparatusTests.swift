import Foundation
import Testing

/// Issue 13, the scholarly apparatus, through the real `notes` binary on the `apparatus` fixture
/// book (three chapters; only chapter 2 runs Swift): equations numbered and referred to within
/// and across chapters, a figure of chapter 2 referred to from chapter 3, sections, callouts,
/// numbered environments with a collapsed solution, citations in every form with reference
/// lists and the bibliography page, folded code, hover previews; errors at their positions;
/// KaTeX in headless Chromium.
@Suite struct ApparatusTests {
  static func build() async throws -> Workspace {
    try await ChapterLibraries.ready()
    let book = try Workspace(fixture: "apparatus")
    let result = try book.notes("build")
    try #require(result.status == 0, "\(result)")
    #expect(result.stdout.contains("built 3 chapters"), "\(result)")
    return book
  }

  /// The links of `page` as (href, title, text), in order.
  static func links(_ page: String) -> [(href: String, title: String, text: String)] {
    HTML.matches("<a href=\"([^\"]*)\"(?: title=\"([^\"]*)\")?>([^<]*)</a>", in: page).map {
      ($0[0], $0[1], $0[2])
    }
  }

  @Test func equationsSectionsFiguresAndEnvironmentsAreNumberedAndLinked() async throws {
    let book = try await Self.build()
    let one = try book.read("build/01-kernels.html")
    let two = try book.read("build/02-decay.html")
    let three = try book.read("build/03-summary.html")

    // Equations: numbered per chapter with KaTeX's \tag; the unlabelled one is not.
    #expect(one.contains("<div class=\"math display\" id=\"eq-recursion\">"))
    #expect(one.contains("\\tag{1.1}</div>"))
    #expect(one.contains(" \\chi_\\parallel = \\chi_\\perp = 1 .  \\tag{1.2}</div>"))
    #expect(
      one.contains("<div class=\"math display\"> \\chi = C_W \\langle \\sigma&#39;(z)^2 \\rangle </div>"))
    #expect(
      two.contains(
        "<div class=\"math display\" id=\"eq-decay\"> K^{(\\ell)} \\sim e^{-\\ell/\\xi}  \\tag{2.1}</div>"))
    #expect(!(one + two + three).contains("{#"))

    let oneLinks = Self.links(one)
    let threeLinks = Self.links(three)
    func link(_ links: [(href: String, title: String, text: String)], _ href: String) -> (
      href: String, title: String, text: String
    )? { links.first { $0.href == href } }
    // Within a chapter, with the equation's TeX as the hover preview.
    #expect(link(oneLinks, "#eq-recursion")?.text == "(1.1)")
    #expect(link(oneLinks, "#eq-critical")?.title == "\\chi_\\parallel = \\chi_\\perp = 1 .")
    #expect(one.contains("and <a href=\"#eq-recursion\""))
    #expect(one.contains(">(1.1)</a> and <a href=\"#eq-critical\""))
    // (The first link to the section is the page's table of contents.)
    let section = oneLinks.first { $0.href == "#sec-recursion" && $0.text.hasPrefix("Section") }
    #expect(section?.text == "Section 1.1")
    #expect(section?.title == "The recursion")

    // Across chapters: the figure of chapter 2 from chapter 3, by its caption (references worded).
    let figure = try #require(link(threeLinks, "02-decay.html#fig-decay"))
    #expect(figure.text == "Figure 2.1")
    #expect(figure.title == "The kernel decays, by (1.1).")
    #expect(two.contains("<figure class=\"notes-figure\" id=\"fig-decay\">"))
    #expect(
      two.contains(
        "<span class=\"figure-number\">Figure 2.1.</span> The kernel decays, by <a href=\"01-kernels.html#eq-recursion\""
      ))
    #expect(link(threeLinks, "02-decay.html#eq-decay")?.text == "(2.1)")
    #expect(link(threeLinks, "01-kernels.html#eq-recursion")?.text == "(1.1)")
    #expect(three.contains(">(1.1)</a> and <a href=\"02-decay.html#eq-decay\""))
    #expect(link(threeLinks, "01-kernels.html#sec-citations")?.text == "Section 1.2")

    // Environments: numbered per kind and chapter, anchored at their label, referable anywhere.
    #expect(
      one.contains(
        "<div class=\"callout callout-theorem\" id=\"thm-critical\" role=\"group\" aria-label=\"Theorem 1.1\">"
      ))
    #expect(
      one.contains(
        "<span class=\"callout-label\">Theorem 1.1</span>\n <span class=\"callout-name\">(Criticality)</span>"
      ))
    #expect(
      one.contains(
        "<div class=\"callout callout-exercise\" id=\"exr-six\" role=\"group\" aria-label=\"Exercise 1.1\">"))
    #expect(two.contains("<span class=\"callout-label\">Exercise 2.1</span>"))
    #expect(
      three.contains(
        "<div class=\"callout callout-exercise\" id=\"exr-back\" role=\"group\" aria-label=\"Exercise 3.1\">")
    )
    #expect(three.contains("<div class=\"callout callout-definition\" id=\"def-depth\""))
    let theorem = try #require(link(threeLinks, "01-kernels.html#thm-critical"))
    #expect(theorem.text == "Theorem 1.1")
    #expect(theorem.title == "Theorem 1.1 (Criticality): A deep network is trainable only near (1.2).")
    #expect(link(threeLinks, "01-kernels.html#exr-six")?.text == "Exercise 1.1")
    #expect(link(threeLinks, "#def-depth")?.text == "Definition 3.1")
    // The solution right after an exercise is collapsed, named after it.
    #expect(
      one.contains(
        "<details class=\"callout callout-solution\">\n<summary><span class=\"callout-label\">Solution to Exercise 1.1</span>\n</summary>\n<p>It vanishes"
      ))
    #expect(
      three.contains(
        "<summary><span class=\"callout-label\">Solution to Exercise 3.1</span>\n <span class=\"callout-name\">(A hint)</span>\n</summary>"
      ))

    // Alerts: GitHub's five kinds as notes with an icon and their name; a title after the marker.
    #expect(
      one.contains(
        "<div class=\"callout callout-note\" role=\"note\">\n<p class=\"callout-title\"><span class=\"callout-icon\" aria-hidden=\"true\"></span><span class=\"callout-label\">Note</span>\n</p>\n<p>Criticality is"
      ))
    #expect(
      one.contains(
        "<span class=\"callout-label\">Tip</span>\n <span class=\"callout-name\">Where to start</span>"))
    #expect(one.contains("<div class=\"callout callout-warning\" role=\"note\">"))
    #expect(three.contains("<div class=\"callout callout-caution\" role=\"note\">"))
    #expect(!(one + two + three).contains("[!"))
    #expect(!(one + two + three).contains("<blockquote>"))
    for page in [one, two, three] { #expect(!page.contains("notes-unresolved")) }

    // Every link to an anchor finds it on its page.
    let pages = ["01-kernels.html": one, "02-decay.html": two, "03-summary.html": three]
    for (name, page) in pages {
      for found in Self.links(page) where found.href.contains("#") {
        let parts = found.href.split(separator: "#", omittingEmptySubsequences: false)
        let target = try parts[0].isEmpty ? page : pages[String(parts[0])] ?? book.read("build/\(parts[0])")
        #expect(target.contains(" id=\"\(parts[1])\""), "\(name): \(found)")
      }
    }
  }

  @Test func citationsInEveryFormWithReferenceListsAndABibliographyPage() async throws {
    let book = try await Self.build()
    let one = try book.read("build/01-kernels.html")
    func cite(_ keys: String, _ inner: String) -> String {
      "<span class=\"citation\" data-cites=\"\(keys)\">\(inner)</span>"
    }
    let roberts = "<a href=\"#ref-roberts2022\">"
    let poole = "<a href=\"#ref-poole2016\">"
    let schoenholz = "<a href=\"#ref-schoenholz2017\">"
    #expect(
      one.contains(
        "after " + cite("roberts2022", roberts + "Roberts, Yaida &amp; Hanin (2022, ch. 4)</a>") + "."))
    #expect(
      one.contains(
        "Parenthetical " + cite("roberts2022", "(" + roberts + "Roberts, Yaida &amp; Hanin 2022</a>)")))
    #expect(
      one.contains(
        "grouped "
          + cite(
            "poole2016 schoenholz2017",
            "(\(poole)Poole et al. 2016</a>; \(schoenholz)Schoenholz et al. 2017</a>)")))
    #expect(one.contains(cite("roberts2022", "(" + roberts + "Roberts, Yaida &amp; Hanin 2022</a>, ch. 3)")))
    #expect(one.contains("with a prefix " + cite("poole2016", "(see \(poole)Poole et al. 2016</a>, p. 3)")))
    #expect(one.contains("year only " + cite("schoenholz2017", "(\(schoenholz)2017</a>)")))
    #expect(one.contains("narrative " + cite("schoenholz2017", schoenholz + "Schoenholz et al. (2017)</a>")))
    #expect(
      one.contains(cite("roberts2022", roberts + "Roberts, Yaida &amp; Hanin (2022, p. 12)</a>") + ".</p>"))
    // An e-mail address, code, math, an escaped @ and a URL are not citations.
    #expect(one.contains("<a href=\"mailto:someone@example.org\">someone@example.org</a>"))
    #expect(one.contains("<code>@escaping</code>"))
    #expect(one.contains("<span class=\"math inline\">a@b</span>"))
    #expect(one.contains("an escaped @roberts2022,"))
    #expect(one.contains("<a href=\"https://example.org/@roberts2022\">https://example.org/@roberts2022</a>"))
    // A citation in a heading: a link in the heading, its text in the table of contents (no
    // link inside a link).
    #expect(
      one.contains("<h3 id=\"sec-after\">After " + cite("poole2016", poole + "Poole et al. (2016)</a>")))
    #expect(one.contains("<a href=\"#sec-after\">After Poole et al. (2016)</a>"))

    // Each chapter ends with what it cites, sorted, each once.
    for (page, keys) in [
      ("01-kernels", ["poole2016", "roberts2022", "schoenholz2017"]), ("02-decay", ["schoenholz2017"]),
      ("03-summary", ["poole2016"]),
    ] {
      let html = try book.read("build/\(page).html")
      let list = try #require(
        HTML.first("<h2 id=\"references\">References.*?</h2>\n(<ol class=\"references\">.*?</ol>)", in: html))
      #expect(HTML.matches("<li id=\"ref-([^\"]+)\">", in: list).map { $0[0] } == keys, "\(page)")
    }
    #expect(one.contains("<a href=\"https://arxiv.org/abs/2106.10165\">arXiv:2106.10165</a>"))

    // The bibliography page: every cited work (not the uncited one), with the chapters citing it.
    let bibliography = try book.read("build/bibliography.html")
    #expect(
      HTML.matches("<li id=\"ref-([^\"]+)\">", in: bibliography).map { $0[0] } == [
        "poole2016", "roberts2022", "schoenholz2017",
      ])
    #expect(
      bibliography.contains(
        "<span class=\"cited-in\">Cited in <a href=\"01-kernels.html\">Kernels</a> and <a href=\"03-summary.html\">Summary</a>.</span>"
      ))
    #expect(!bibliography.contains("neverCited"))
    #expect(try book.read("build/index.html").contains("href=\"bibliography.html\""))
    #expect(one.contains("href=\"bibliography.html\""))

    // Same input, same bytes.
    let first = try book.tree("build", excluding: [".notes"])
    let again = try book.notes("build")
    try #require(again.status == 0, "\(again)")
    #expect(try book.tree("build", excluding: [".notes"]) == first)
  }

  /// `//| code-fold: true` folds the code under "Code" and keeps the output; `code-fold = true`
  /// in notes.toml folds the others; neither changes the cached run.
  @Test func foldedCodeIsPresentationOnly() async throws {
    let book = try await Self.build()
    let two = try book.read("build/02-decay.html")
    #expect(
      two.contains(
        "<div class=\"notes-cell\" id=\"cell-1\">\n<details class=\"code-fold\"><summary>Code</summary>\n<pre><code class=\"language-swift\">var fig"
      ))
    #expect(two.contains("</code></pre>\n</details>\n<figure class=\"notes-figure\" id=\"fig-decay\">"))
    #expect(
      two.contains("<div class=\"notes-cell\" id=\"cell-2\">\n<pre><code class=\"language-swift\">print("))

    try book.write("notes.toml", "title = \"Apparatus\"\ncode-fold = true\neq-prefix = \"Eq.\"\n")
    try book.edit("chapters/02-decay.md", replacing: "//| code-fold: true\n", with: "//| code-fold: false\n")
    let again = try book.notes("build")
    try #require(again.status == 0, "\(again)")
    #expect(again.stdout.contains("(0 executed, 1 cached"), "\(again)")
    let folded = try book.read("build/02-decay.html")
    #expect(
      folded.contains("<div class=\"notes-cell\" id=\"cell-1\">\n<pre><code class=\"language-swift\">var fig")
    )
    #expect(
      folded.contains(
        "<div class=\"notes-cell\" id=\"cell-2\">\n<details class=\"code-fold\"><summary>Code</summary>"))
    #expect(folded.contains("<div class=\"notes-output\"><pre>depth scale"))
    // eq-prefix: "Eq. (1.1)", once before a group.
    let three = try book.read("build/03-summary.html")
    #expect(three.contains("follows from Eq. <a href=\"01-kernels.html#eq-recursion\""))
    #expect(
      three.contains(
        "Eq. <a href=\"01-kernels.html#eq-recursion\" title=\"K^{(\\ell+1)} = C_b + C_W \\langle \\sigma(z)^2 \\rangle_{K^{(\\ell)}}\">(1.1)</a> and <a href=\"02-decay.html#eq-decay\""
      ))
  }

  /// KaTeX typesets every numbered equation, with its tag, in a real browser.
  @Test func katexRendersEveryNumberedEquationInChromium() async throws {
    let book = try await Self.build()
    try #require(MarkdownTrustTests.chromium != nil, "no chromium on PATH: run scripts/install-deps")
    let expected = [
      "01-kernels.html": ["(1.1)", "(1.2)"], "02-decay.html": ["(2.1)"], "03-summary.html": [],
    ]
    for (page, tags) in expected.sorted(by: { $0.key < $1.key }) {
      let dom = try MarkdownTrustTests.dumpDOM(book.url("build/\(page)"))
      #expect(dom.contains("class=\"katex\""), "\(page): KaTeX did not run")
      #expect(!dom.contains("katex-error"), "\(page): KaTeX error")
      #expect(HTML.katexTags(in: dom) == tags, "\(page)")
      // The solution is closed until opened.
      if page == "01-kernels.html" {
        #expect(dom.contains("<details class=\"callout callout-solution\">"))
        #expect(!dom.contains("<details class=\"callout callout-solution\" open"))
      }
    }
    // The print edition opens them all: solutions and folded code print.
    let printed = try MarkdownTrustTests.dumpDOM(book.url("build/print.html"))
    #expect(printed.contains("<details class=\"callout callout-solution\" open=\"\">"), "\(printed)")
    #expect(printed.contains("<details class=\"code-fold\" open=\"\">"))
    #expect(!printed.contains("<details class=\"callout callout-solution\">"))
  }

  /// A missing label, a duplicate label, an unknown citation key, an unknown callout and an
  /// orphan solution are errors at their positions; nothing is written.
  @Test func errorsAtTheirPositions() throws {
    let book = try Workspace()
    try book.write("notes.toml", "title = \"T\"\n")
    try book.write("references.bib", "@book{known2020, author = {A, B}, title = {T}, year = 2020}\n")
    try book.write("chapters/01-a.md", "# A\n\n$$ x $$ {#eq-a}\n\n> [!THEOREM] {#thm-a}\n> True.\n")
    try book.write(
      "chapters/02-b.md",
      """
      # B

      As [@fig-nowhere] and @known2020.

      > [!EXERCISE] Again {#thm-a}
      > Text.

      > [!LEMMA] Dup {#eq-a}
      > Text.

      See @unknown2021 and [@known2020; @missing1999].

      > [!NOTEE]
      > Typo.

      > [!SOLUTION]
      > Orphan.

      """)
    let result = try book.notes("build")
    #expect(result.status == 1, "\(result)")
    for expected in [
      "chapters/02-b.md:3:4: error: no figure, table, equation, section or numbered callout is labelled 'fig-nowhere'",
      "chapters/02-b.md:5:21: error: the label of [!EXERCISE] must start with 'exr-', not 'thm-a'",
      "chapters/02-b.md:8:16: error: the label of [!LEMMA] must start with 'lem-', not 'eq-a'",
      "chapters/02-b.md:11:5: error: no figure, table, equation, section or numbered callout is labelled 'unknown2021', and references.bib has no entry 'unknown2021'",
      "chapters/02-b.md:11:22: error: no figure, table, equation, section or numbered callout is labelled 'missing1999', and references.bib has no entry 'missing1999'",
      "chapters/02-b.md:13:3: error: unknown callout '[!NOTEE]'",
      "chapters/02-b.md:16:3: error: a [!SOLUTION] must come right after the [!EXERCISE] it solves",
    ] {
      #expect(result.stderr.contains(expected), "\(expected)\n\(result)")
    }
    #expect(!book.exists("build"))

    // A duplicate label across chapters: at the second.
    try book.write("chapters/02-b.md", "# B\n\n> [!THEOREM] {#thm-a}\n> Again.\n")
    let duplicate = try book.notes("build")
    #expect(duplicate.status == 1, "\(duplicate)")
    #expect(
      duplicate.stderr.contains(
        "chapters/02-b.md:3:14: error: duplicate label 'thm-a' (first at chapters/01-a.md:5)"),
      "\(duplicate)")
  }
}
