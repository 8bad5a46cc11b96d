import Foundation
import Testing

/// Issue 13: chapter numbers, numbered equations, section labels and book-wide
/// cross-references, through the real `notes` binary on the `xref` fixture book (front matter
/// and three chapters), with KaTeX run in headless Chromium.
@Suite struct CrossReferenceTests {
  static func build() async throws -> Workspace {
    try await ChapterLibraries.ready()
    let book = try Workspace(fixture: "xref")
    let result = try book.notes("build")
    try #require(result.status == 0, "\(result)")
    return book
  }

  @Test func numbersAndLinksWithinAndAcrossChapters() async throws {
    let book = try await Self.build()
    // Links carry their target's caption as a hover `title` (checked in ApparatusTests).
    func read(_ page: String) throws -> String {
      try book.read("build/\(page)").replacingOccurrences(
        of: " title=\"[^\"]*\">", with: ">", options: .regularExpression)
    }
    let preface = try read("00-preface.html")
    let one = try read("01-kernels.html")
    let two = try read("02-decay.html")
    let three = try read("03-summary.html")

    // Equations: numbered per chapter with KaTeX's \tag, anchored; unlabelled ones are not.
    #expect(one.contains("<div class=\"math display\" id=\"eq-recursion\">"))
    #expect(one.contains("\\tag{1.1}</div>"))
    #expect(
      one.contains(
        "<div class=\"math display\" id=\"eq-critical\"> \\chi_\\parallel = \\chi_\\perp = 1 .  \\tag{1.2}</div>"
      ))
    #expect(
      one.contains("<div class=\"math display\"> \\chi = C_W \\langle \\sigma&#39;(z)^2 \\rangle </div>"))
    #expect(!one.contains("{#eq-"))
    #expect(
      two.contains(
        "<div class=\"math display\" id=\"eq-decay\"> K^{(\\ell)} \\sim \\ell^{-1}  \\tag{2.1}</div>"))
    #expect(three.contains("\\tag{3.1}</div>"))
    // Front matter (00-) is unnumbered: its items are numbered 1, 2, …
    #expect(preface.contains("<div class=\"math display\" id=\"eq-preface\"> p = 1  \\tag{1}</div>"))

    // References within a chapter.
    #expect(one.contains("By <a href=\"#eq-recursion\">(1.1)</a>, and"))
    #expect(
      one.contains("<a href=\"#eq-recursion\">(1.1)</a> and <a href=\"#eq-critical\">(1.2)</a> together"))
    // Sections: `##` are numbered 1.1, 1.2, `###` under them 1.2.1; the label is the anchor.
    #expect(one.contains("<h2 id=\"sec-recursion\">The recursion"))
    #expect(one.contains("<h3 id=\"sec-detail\">Detail"))
    #expect(
      one.contains(
        "see <a href=\"#sec-fixed\">Section 1.2</a> and <a href=\"#sec-detail\">Section 1.2.1</a>."))

    // Figures: numbered 2.1, 2.2 in chapter 2; a caption may refer to another chapter.
    #expect(two.contains("<figure class=\"notes-figure\" id=\"fig-decay\">"))
    #expect(
      two.contains(
        "<span class=\"figure-number\">Figure 2.1.</span> The kernel decays, by <a href=\"01-kernels.html#eq-recursion\">(1.1)</a>."
      ))
    #expect(two.contains("<span class=\"figure-number\">Figure 2.2.</span> Second"))
    // Several labels: one kind, then mixed kinds.
    #expect(
      two.contains("See Figures <a href=\"#fig-decay\">2.1</a> and <a href=\"#fig-second\">2.2</a> and"))
    #expect(two.contains("and Figure <a href=\"#fig-decay\">2.1</a> and <a href=\"#eq-decay\">(2.1)</a>."))

    // Across chapters: the other page's anchor and the other chapter's number.
    #expect(three.contains("As <a href=\"02-decay.html#fig-decay\">Figure 2.1</a> shows"))
    #expect(
      three.contains(
        "<a href=\"01-kernels.html#eq-recursion\">(1.1)</a> and <a href=\"02-decay.html#eq-decay\">(2.1)</a> hold"
      ))
    #expect(three.contains("<a href=\"02-decay.html#sec-panels\">Section 2.1</a> has more"))
    #expect(
      three.contains(
        "Back to <a href=\"#eq-last\">(3.1)</a> and to the preface's <a href=\"00-preface.html#eq-preface\">(1)</a>."
      ))
    #expect(one.contains("Figure <a href=\"02-decay.html#fig-decay\">Figure 2.1</a>"))
    #expect(one.contains("its <a href=\"02-decay.html#eq-decay\">(2.1)</a>."))
    #expect(preface.contains("ends with <a href=\"03-summary.html#eq-last\">(3.1)</a>."))
    for page in [preface, one, two, three] { #expect(!page.contains("notes-unresolved")) }

    // Every link goes to an id that exists on its page.
    let pages = [
      "00-preface.html": preface, "01-kernels.html": one, "02-decay.html": two, "03-summary.html": three,
    ]
    for (name, page) in pages {
      for link in HTML.matches("<a href=\"([0-9a-z-]*\\.html)?#((?:eq|fig|sec)-[a-z]+)\"", in: page) {
        let target = link[0].isEmpty ? page : pages[link[0]] ?? ""
        #expect(target.contains(" id=\"\(link[1])\""), "\(name): \(link)")
      }
    }
  }

  /// KaTeX typesets every numbered equation, with its tag, in a real browser.
  @Test func katexRendersNumberedEquationsInChromium() async throws {
    let book = try await Self.build()
    try #require(MarkdownTrustTests.chromium != nil, "no chromium on PATH: run scripts/install-deps --pdf")
    let expected = [
      "00-preface.html": ["(1)"], "01-kernels.html": ["(1.1)", "(1.2)"], "02-decay.html": ["(2.1)"],
      "03-summary.html": ["(3.1)"],
    ]
    for (page, tags) in expected.sorted(by: { $0.key < $1.key }) {
      let dom = try MarkdownTrustTests.dumpDOM(book.url("build/\(page)"))
      #expect(dom.contains("class=\"katex-display\""), "\(page): KaTeX did not run")
      #expect(!dom.contains("katex-error"), "\(page): KaTeX error")
      #expect(HTML.katexTags(in: dom) == tags, "\(page)")
    }
  }

  @Test func missingAndDuplicateLabelsAreErrorsAtTheirPositions() throws {
    let book = try Workspace()
    try book.write("chapters/01-a.md", "# A\n\n$$ x $$ {#eq-a}\n\n## Sec {#sec-a}\n")
    try book.write(
      "chapters/02-b.md", "# B\n\nText.\n\n## Again {#eq-a}\n\nAs [@fig-nowhere] and [@sec-a; @eq-none].\n")
    let result = try book.notes("build")
    #expect(result.status == 1, "\(result)")
    #expect(
      result.stderr.contains(
        "chapters/02-b.md:5:10: error: duplicate label 'eq-a' (first at chapters/01-a.md:3)"),
      "\(result)")
    #expect(
      result.stderr.contains(
        "chapters/02-b.md:7:4: error: no figure, table, equation, section or numbered callout is labelled 'fig-nowhere'"
      ),
      "\(result)")
    #expect(
      result.stderr.contains(
        "chapters/02-b.md:7:23: error: no figure, table, equation, section or numbered callout is labelled 'eq-none'"
      ),
      "\(result)")
    #expect(!book.exists("build"))
  }
}
