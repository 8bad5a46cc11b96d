import Bibliography
import Markdown
import Testing

/// The single entry `source` holds, with no diagnostics.
private func entry(_ source: String) -> BibEntry? {
  let result = BibTeX.parse(source)
  #expect(result.diagnostics.isEmpty, "\(result.diagnostics)")
  #expect(result.entries.count == 1)
  return result.entries.first
}

@Suite("Reading BibTeX")
struct BibTeXReaderTests {
  @Test(
    "Entry types are read and lowercased",
    arguments: [
      "article", "Book", "MISC", "inproceedings", "incollection", "phdthesis", "techreport", "online",
      "mastersthesis", "unpublished",
    ])
  func entryTypes(type: String) throws {
    let e = try #require(entry("@\(type){k, title = {T}}"))
    #expect(e.type == type.lowercased())
    #expect(e.key == "k")
    #expect(e["title"] == "T")
  }

  @Test(
    "Values: braces, quotes, nesting, numbers, macros, concatenation",
    arguments: [
      ("{Plain}", "Plain"),
      ("\"Quoted\"", "Quoted"),
      ("{Outer {Inner {Deep}} text}", "Outer {Inner {Deep}} text"),
      ("\"A {\"}quote{\"} inside\"", "A {\"}quote{\"} inside"),
      ("2022", "2022"),
      ("jan", "January"),
      ("DEC", "December"),
      ("jan # \"~1\"", "January~1"),
      ("{A} # \" \" # {B} # { } # 3", "A B 3"),
      ("{}", ""),
      ("\"\"", ""),
      ("{multi\n  line}", "multi\n  line"),
    ])
  func values(value: String, expected: String) throws {
    let e = try #require(entry("@misc{k, note = \(value)}"))
    #expect(e["note"] == expected)
  }

  @Test func stringMacrosAreCaseInsensitiveAndComposable() throws {
    let result = BibTeX.parse(
      """
      @String{ PRL = "Phys. Rev. Lett." }
      @string(full = prl # " (Physical Review Letters)")
      @article{a, journal = Full, year = 1999}
      """)
    #expect(result.diagnostics.isEmpty)
    #expect(result.entries.first?["journal"] == "Phys. Rev. Lett. (Physical Review Letters)")
  }

  @Test func commentsPreamblesAndTextOutsideEntries() {
    let result = BibTeX.parse(
      """
      This line is a comment, and so is an e-mail address like someone@example.org.
      @comment{ @article{hidden, title = {Not read}} }
      @preamble{ "\\newcommand{\\noop}[1]{}" }
      % a percent line
      @article(paren, title = "Parentheses delimit this one")
      trailing text
      """)
    #expect(result.diagnostics.isEmpty, "\(result.diagnostics)")
    #expect(result.entries.map(\.key) == ["paren"])
    #expect(result.preambles == ["\\newcommand{\\noop}[1]{}"])
  }

  @Test func trailingCommaAndFieldNamesAreLowercased() throws {
    let e = try #require(entry("@article{ key:2022/x-1 ,\n  Title = {T},\n  AUTHOR = {A},\n}"))
    #expect(e.key == "key:2022/x-1")
    #expect(e.fields == ["title": "T", "author": "A"])
    #expect(e.line == 1 && e.column == 1)
  }

  @Test(
    "Malformed entries are errors at their line and column",
    arguments: [
      ("@article{k, title = {T}, year 2020}", 1, 31, "expected '=' after field 'year'"),
      ("@article{k,\n  title = {Unclosed,\n  year = 2020\n", 2, 11, "'{' is never closed"),
      ("@article{k,\n  title = \"Unclosed,\n", 2, 11, "'\"' is never closed"),
      ("@article{k, title = {T} year = 1}", 1, 25, "expected ',' or '}' after field 'title'"),
      ("@article{, title = {T}}", 1, 10, "expected a citation key"),
      ("@article{k, title = , year = 1}", 1, 21, "expected a value"),
      ("\n\n   @book{k, title = {T}", 3, 24, "never closed"),
      ("@article k, title = {T}}", 1, 10, "expected '{' after '@article'"),
      ("@article{k, = {T}}", 1, 13, "expected a field name"),
    ])
  func malformed(source: String, line: Int, column: Int, message: String) {
    let result = BibTeX.parse(source)
    let d = result.diagnostics.first
    #expect(result.diagnostics.count == 1, "\(result.diagnostics)")
    #expect(d?.file == "references.bib")
    #expect(d?.severity == .error)
    #expect(d?.line == line)
    #expect(d?.column == column)
    #expect(d?.message.contains(message) == true, "\(d?.message ?? "")")
    #expect(d?.description.hasPrefix("references.bib:\(line):\(column): error: ") == true)
  }

  @Test func readingResumesAfterAMalformedEntry() {
    let result = BibTeX.parse(
      """
      @article{good1, title = {One}}
      @article{bad, title = {T}
        year = 2020}
      @article{good2, title = {Two}}
      @book{bad2 title = {no comma}}
      @book{good3, title = {Three}}
      """)
    #expect(result.entries.map(\.key) == ["good1", "good2", "good3"])
    #expect(result.diagnostics.map(\.line) == [3, 5])
  }

  @Test func duplicateKeysAreAnErrorAtTheSecond() {
    let result = BibTeX.parse(
      """
      @article{same, title = {First}}

        @book{Same, title = {Second}}
      """, file: "book/references.bib")
    #expect(result.entries.map(\.key) == ["same"])
    #expect(result.entries.first?["title"] == "First")
    #expect(
      result.diagnostics.map(\.description) == [
        "book/references.bib:3:9: error: duplicate citation key 'Same' (first defined at book/references.bib:1:1)"
      ])
  }

  @Test func duplicateFieldsAndUndefinedMacros() {
    let result = BibTeX.parse("@misc{k, title = {A}, title = {B}, month = sept}")
    #expect(result.entries.first?["title"] == "A")
    #expect(result.entries.first?["month"] == "")
    #expect(
      result.diagnostics.map(\.description) == [
        "references.bib:1:44: warning: undefined macro 'sept'",
        "references.bib:1:23: error: field 'title' is given twice in entry 'k'; the first is used",
      ])
  }

  @Test func columnsCountCharactersNotBytes() {
    let result = BibTeX.parse("% Ünïcödé\n@misc{ä, title = {é} year = 1}")
    #expect(result.diagnostics.first?.line == 2)
    #expect(result.diagnostics.first?.column == 22)
  }
}
