import Foundation
import Testing

/// Issue 3 through the real CLI: `{swift}` blocks run as one notebook per chapter and their
/// results are spliced into the page.
@Suite struct NotebookEndToEndTests {
  /// Builds `notebook.md` and `independent.md`; returns the book and the notebook page's body.
  func builtNotebook() async throws -> (Workspace, String) {
    try await ChapterLibraries.ready()
    let book = try Workspace()
    try book.addChapter("notebook.md", as: "01-notebook.md")
    try book.addChapter("independent.md", as: "02-independent.md")
    let result = try book.notes("build")
    try #require(result.status == 0, "\(result)")
    #expect(result.stdout.contains("(2 executed, 0 cached"), "\(result)")
    let page = try book.read("build/01-notebook.html")
    let body = try #require(HTML.first("<div class=\"chapter-body\">(.*)</article>", in: page))
    return (book, body)
  }

  /// The HTML of the `{swift}` cell whose code contains `needle` (or, for hidden code, whose
  /// output does).
  func cell(containing needle: String, in body: String) -> String? {
    HTML.matches("(<div class=\"notes-cell\".*?)(?=<div class=\"notes-cell\"|<p>|$)", in: body)
      .map { $0[0] }.first { $0.contains(needle) }
  }

  @Test func blocksShareOneScopeAndChaptersAreIndependent() async throws {
    let (book, body) = try await builtNotebook()
    // The second block uses n and L from the first; inline spans see both.
    #expect(body.contains("<pre>aspect ratio 0.25\n"))
    #expect(body.contains("the aspect ratio is <span class=\"notes-value\">0.25</span>"))
    // A `var` mutated by two blocks, one of them with hidden output, read after both.
    #expect(body.contains("the log holds <span class=\"notes-value\">ratio,silent</span>"))
    // The other chapter has its own `n`.
    let other = try book.read("build/02-independent.html")
    #expect(other.contains("<pre>n is 99\n</pre>"))
    #expect(other.contains("Here <code>n</code> is <span class=\"notes-value\">99</span>"))
  }

  @Test func inlineValuesAreFormatted() async throws {
    let (_, body) = try await builtNotebook()
    let values = HTML.matches("<span class=\"notes-value\">([^<]*)</span>", in: body).map { $0[0] }
    #expect(
      values == [
        "0.25",  // Double(4) / Double(16)
        "0.6667",  // 2/3 to 4 significant digits
        "1.221e-05",  // 1/81920 = 1.2207e-05: exponent style below 1e-4
        "6.022e+23",  // exponent style for huge values
        "12350",  // four significant digits below 1e6 too
        "64",  // Int as is
        "σ &amp; &lt;τ&gt;",  // String as text, escaped
        "0.612 ± 0.013",  // Estimate: error to 2 significant digits, value to the same place
        "K* = 0.5",  // a CustomStringConvertible of the chapter's own
        "ratio,silent",
      ])
  }

  @Test func blockOptionsEchoOutputEvalLabelCaption() async throws {
    let (_, body) = try await builtNotebook()
    // echo: false hides the code, not the output.
    let hidden = try #require(cell(containing: "visible output of hidden code", in: body))
    #expect(!hidden.contains("<code"))
    #expect(!hidden.contains("echo"))
    // output: false shows the code (without its option line) but not what it printed…
    let silent = try #require(cell(containing: "log.append(&quot;silent&quot;)", in: body))
    #expect(!silent.contains("notes-output"))
    #expect(!body.contains("this output is hidden\n</pre>"))
    #expect(!body.contains("//|"))
    // …though it ran (the log shows "silent", checked above and here).
    #expect(body.contains("ratio,silent"))
    // eval: false shows the code and does not run it (it would have stopped the build).
    let shown = try #require(cell(containing: "a block with eval: false never runs", in: body))
    #expect(shown.contains("<code class=\"language-swift\">fatalError("))
    #expect(!shown.contains("notes-output"))
    #expect(!shown.contains("notes-error"))
    // label and caption: a numbered figure with the anchor and the caption (math kept for
    // KaTeX), and the reference in the prose links to it.
    let figure = try #require(HTML.first("(<figure class=\"notes-figure\".*?</figure>)", in: body))
    #expect(figure.hasPrefix("<figure class=\"notes-figure\" id=\"fig-kernel\">"))
    #expect(figure.contains("<svg"))
    #expect(figure.contains("<title") && figure.contains(">Kernel decay</title>"))
    #expect(
      figure.contains(
        "<span class=\"figure-number\">Figure 1.1.</span> The kernel <span class=\"math inline\">K^{(\\ell)}</span> against depth."
      ))
    // Chapter 1 (`01-notebook.md`): numbers read "1.1".
    // Its hover preview is the caption as text.
    #expect(
      body.contains(
        "As <a href=\"#fig-kernel\" title=\"The kernel K^{(\\ell)} against depth.\">Figure 1.1</a> shows"))
    // The figure's data is a file of the site.
    let csv = try #require(HTML.first("href=\"(data/[^\"]+\\.csv)\"", in: figure))
    #expect(csv.hasSuffix(".csv"))
  }

  @Test func printedOutputIsEscapedAndStderrIsAWarning() async throws {
    let (book, body) = try await builtNotebook()
    let block = try #require(cell(containing: "aspect ratio 0.25", in: body))
    // print("<script>…") shows as text.
    #expect(block.contains("&lt;script&gt;alert(&#39;x&#39;)&lt;/script&gt; &amp; more"))
    #expect(!body.contains("<script>alert"))
    let output = try #require(HTML.element("div", class: "notes-output", in: block))
    #expect(
      output == "<pre>aspect ratio 0.25\n&lt;script&gt;alert(&#39;x&#39;)&lt;/script&gt; &amp; more\n</pre>")
    // stderr is a separate warning box, escaped too.
    let warning = try #require(HTML.element("div", class: "notes-warning", in: block))
    #expect(warning == "<pre>careful: &lt;b&gt;small n&lt;/b&gt;\n</pre>")
    #expect(!output.contains("careful"))
    // The CSV the figure links to was written.
    let csv = try book.read("build/data/01-notebook-fig-1.csv")
    #expect(csv.split(separator: "\n").count >= 5, "\(csv)")
  }

  @Test func evalJSONHasInlineAndBlockResults() async throws {
    try await ChapterLibraries.ready()
    let book = try Workspace()
    try book.addChapter("notebook.md", as: "01-notebook.md")
    let text = try SourceText.fixture("notebook.md")
    let result = try book.notes("eval", "chapters/01-notebook.md", "--json")
    try #require(result.status == 0, "\(result)")
    // eval writes no site.
    #expect(!book.exists("build/01-notebook.html"))
    let json = try #require(
      try JSONSerialization.jsonObject(with: Data(result.stdout.utf8)) as? [String: Any], "\(result)")

    let inline = try #require(json["inline"] as? [[String: Any]])
    #expect(inline.count == 10)
    let first = try #require(inline.first)
    #expect(first["expr"] as? String == "Double(L) / Double(n)")
    #expect(first["value"] as? String == "0.25")
    #expect(first["line"] as? Int == SourceText.line(of: "the aspect ratio is", in: text))
    let estimate = try #require(inline.first { ($0["expr"] as? String)?.hasPrefix("Estimate(") == true })
    #expect(estimate["value"] as? String == "0.612 ± 0.013")
    #expect(estimate["line"] as? Int == SourceText.line(of: "`{swift} Estimate(", in: text))
    // `value` is the exact text spliced, unescaped.
    #expect(inline.contains { $0["value"] as? String == "σ & <τ>" })

    let blocks = try #require(json["blocks"] as? [[String: Any]])
    #expect(blocks.count == 6)
    let fences = text.split(separator: "\n", omittingEmptySubsequences: false).enumerated()
      .filter { $0.element.hasPrefix("```{swift}") }.map { $0.offset + 1 }
    #expect(blocks.map { $0["line"] as? Int } == fences)
    #expect(blocks[1]["stdout"] as? String == "aspect ratio 0.25\n<script>alert('x')</script> & more\n")
    #expect(blocks[0]["stdout"] as? String == "")
    let figures = try #require(blocks[5]["figures"] as? [String])
    #expect(figures.count == 1)
    #expect(figures.first?.hasPrefix("<svg") == true)
    #expect(blocks[0..<5].allSatisfy { ($0["figures"] as? [String])?.isEmpty == true })
  }
}
