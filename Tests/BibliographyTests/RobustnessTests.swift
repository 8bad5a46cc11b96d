import Bibliography
import Markdown
import Testing

@Suite("Hostile and unusual input")
struct RobustnessTests {
  @Test func deeplyNestedBracesNeitherRecurseNorLoseText() {
    let depth = 100_000
    let title = String(repeating: "{", count: depth) + "Deep" + String(repeating: "}", count: depth)
    let bib = Bibliography(parsing: "@misc{k, author = {A, B}, title = \(title), year = 2000}")
    #expect(bib.diagnostics.isEmpty)
    #expect(bib.referenceText("k") == "A, B. (2000). Deep.")
    let accents = String(repeating: "\\\"{", count: 1000) + "o" + String(repeating: "}", count: 1000)
    // Past the nesting limit the inner text is taken as it is: it terminates, braces are gone.
    #expect(!LaTeXText.plain(accents).contains("{"))
    #expect(
      LaTeXText.plain(String(repeating: "\\'{", count: 3) + "e" + String(repeating: "}", count: 3))
        == "é\u{301}\u{301}")
  }

  @Test func accentArgumentsWithInnerBraces() {
    #expect(LaTeXText.plain("\\\"{{o}}") == "ö")
    #expect(LaTeXText.plain("\\href{http://x.org/{a}}{Text {B}}") == "Text B")
  }

  @Test func verbatimFieldsLoseTheirLaTeXEscapes() {
    let bib = Bibliography(
      parsing: """
        @article{k, author = {A, B}, title = {T}, journal = {J}, year = 2000,
          doi = {https://doi.org/10.1000/a\\_b#c}}
        @misc{u, author = {A, B}, title = {U}, year = 2001, url = {https://example.org/a\\_b?x=1\\&y=2}}
        """)
    #expect(bib.diagnostics.isEmpty)
    #expect(bib.referenceText("k")?.hasSuffix("https://doi.org/10.1000/a_b%23c.") == true)
    #expect(
      bib.referenceHTML("u")?.contains(
        "<a href=\"https://example.org/a_b?x=1&amp;y=2\">https://example.org/a_b?x=1&amp;y=2</a>") == true)
  }

  @Test(
    "Truncated and garbage input gives diagnostics, never a crash",
    arguments: [
      "@", "@{", "@article", "@article{", "@article{k", "@article{k,", "@article{k, title",
      "@article{k, title =", "@article{k, title = {", "@article{k, title = \"", "@string{", "@string{x",
      "@string{x = ", "@comment{", "@preamble{", "@article{k, title = {}}}}}", "}}}{{{@@@",
      "@article{k, title = a # # b}", "@article{k, title = # b}",
    ])
  func garbage(source: String) {
    let result = BibTeX.parse(source)
    #expect(result.diagnostics.allSatisfy { ($0.line ?? 0) >= 1 && ($0.column ?? 0) >= 1 })
    // Whatever it read formats.
    let bib = Bibliography(entries: result.entries)
    for entry in bib.entries { _ = bib.referenceHTML(entry.key) }
  }

  @Test func everyTruncationOfARealFileIsSafe() {
    let text = """
      @string{j = "Journal"}
      @article{a, author = {M{\\"u}ller, J{\\"o}rg and others}, title = {{T}he $1/n$ {E}xpansion},
        journal = j # " of Things", year = 2020, pages = {1--2}}
      """
    let scalars = Array(text.unicodeScalars)
    for n in 0...scalars.count {
      let prefix = String(String.UnicodeScalarView(scalars[..<n]))
      let result = BibTeX.parse(prefix)
      #expect(result.entries.count + result.diagnostics.count <= 3)
    }
  }
}

@Suite("Citation lexer: linear time on hostile prose")
struct LexerTimeTests {
  @Test(
    "Each pattern repeated to 50 000 characters is lexed in linear time (a quadratic lexer takes minutes)",
    arguments: ["[", "[@", "@{", "[@a ", "@a [", "[-@a; ", "@a.", "]@a[", "@_.", "\\["])
  func linear(pattern: String) {
    let text = String(repeating: pattern, count: 50_000 / pattern.count)
    let clock = ContinuousClock()
    let elapsed = clock.measure { _ = CitationLexer.citations(in: text) }
    #expect(elapsed < .seconds(3), "\(pattern): \(elapsed)")
  }
}

@Suite("BibTeX reader: linear time on broken files")
struct ReaderTimeTests {
  @Test(
    "Thousands of unclosed values are each reported, in linear time",
    arguments: ["@misc{k, title = {", "@misc{k, title = \"", "@misc{k, title = {a} # \"{"])
  func unclosed(line: String) {
    let text = String(repeating: line + "\n", count: 5000)
    let clock = ContinuousClock()
    var result: BibTeX.Result?
    let elapsed = clock.measure { result = BibTeX.parse(text) }
    #expect(elapsed < .seconds(3), "\(elapsed)")
    #expect((result?.diagnostics.count ?? 0) >= 1)
  }
}
