import Bibliography
import Markdown
import Testing

private func item(_ key: String, _ locator: String = "", prefix: String = "", suppress: Bool = false)
  -> Citation.Item
{
  Citation.Item(key: key, prefix: prefix, locator: locator, suppressAuthor: suppress)
}

@Suite("Citation lexer")
struct CitationLexerTests {
  @Test(
    "Bracketed citations",
    arguments: [
      ("[@roberts2022]", [item("roberts2022")]),
      ("[@a; @b]", [item("a"), item("b")]),
      ("[@roberts2022, ch. 3]", [item("roberts2022", "ch. 3")]),
      ("[@a, p. 3; @b, pp. 4--5]", [item("a", "p. 3"), item("b", "pp. 4--5")]),
      ("[see @a, ch. 2; also @b]", [item("a", "ch. 2", prefix: "see"), item("b", prefix: "also")]),
      ("[-@a]", [item("a", suppress: true)]),
      ("[@doe:2020.x-y/z]", [item("doe:2020.x-y/z")]),
      ("[@{weird key!}, p. 1]", [item("weird key!", "p. 1")]),
      ("@a; @b", [item("a"), item("b")]),
      ("[@fig-a; @fig-b]", [item("fig-a"), item("fig-b")]),
    ])
  func bracketed(source: String, expected: [Citation.Item]) {
    #expect(CitationLexer.bracketed(source) == Citation(form: .parenthetical, items: expected))
  }

  @Test(
    "Brackets that are not citations",
    arguments: ["[a link]", "[]", "[@]", "[@a; no key]", "[mail me@example.org]", "[@-a]", "[@.a]"])
  func notCitations(source: String) {
    #expect(CitationLexer.bracketed(source) == nil)
  }

  @Test(
    "Narrative keys in prose, with Pandoc's word boundaries",
    arguments: [
      ("As @roberts2022 show.", ["roberts2022"]),
      ("Shown by @roberts2022.", ["roberts2022"]),
      ("(@a, @b)", ["a", "b"]),
      ("mail someone@example.org now", []),
      ("@start of text", ["start"]),
      ("key @a:b.c-d? ends", ["a:b.c-d"]),
      ("price @ 5", []),
      ("@_under_", ["_under"]),
      ("Straße @müller2020 zeigt", ["müller2020"]),
    ])
  func narrative(source: String, keys: [String]) {
    let matches = CitationLexer.citations(in: source)
    #expect(matches.map(\.citation.keys) == keys.map { [$0] })
    #expect(matches.allSatisfy { $0.citation.form == .narrative })
  }

  @Test func mixedProseKeepsRangesAndOrder() {
    let text = "First @a, then [see @b, ch. 3; @c] and [a link](x) and [-@d]."
    let matches = CitationLexer.citations(in: text)
    #expect(matches.map { String(text[$0.range]) } == ["@a", "[see @b, ch. 3; @c]", "[-@d]"])
    #expect(matches.map(\.citation.form) == [.narrative, .parenthetical, .parenthetical])
    #expect(matches[1].citation.items == [item("b", "ch. 3", prefix: "see"), item("c")])
  }
}

@Suite("Citation lexer: narrative locators")
struct NarrativeLocatorTests {
  @Test(
    "A bracket right after a narrative key is its locator, unless it is a link or holds a key",
    arguments: [
      ("@a [p. 33] says", "@a [p. 33]", "p. 33"),
      ("@a[ch. 3]", "@a[ch. 3]", "ch. 3"),
      ("@a [see](https://x.org)", "@a", ""),
      ("@a [ref][1]", "@a", ""),
      ("@a [@b]", "@a", ""),
      ("@a  [two spaces]", "@a", ""),
      ("@a []", "@a", ""),
    ])
  func locators(text: String, source: String, locator: String) throws {
    let match = try #require(CitationLexer.citations(in: text).first)
    #expect(String(text[match.range]) == source)
    #expect(match.citation.items.first?.locator == locator)
  }
}

@Suite("Citation lexer: escapes")
struct EscapeTests {
  @Test func escapedBracketsAndAtSignsStartNothing() {
    #expect(CitationLexer.citations(in: "\\[@a] and \\@b").map(\.citation.form) == [.narrative])
    #expect(CitationLexer.citations(in: "\\[@a] and \\@b").map(\.citation.keys) == [["a"]])
  }
}
