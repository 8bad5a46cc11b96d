import Markdown
import Testing

/// The syntax of labels and cross-references: `[@a; @b]`, `$$ … $$ {#eq-name}` and
/// `## Heading {#sec-name}`, found by the math shield with their positions.
@Suite struct CrossReferenceSyntaxTests {
  @Test func severalLabelsInOneReference() {
    let document = Document(parsing: "See [@fig-a; @fig-b] and\n  [@eq-c].\n")
    let references = document.crossReferences
    #expect(references.map(\.labels) == [["fig-a", "fig-b"], ["eq-c"]])
    #expect(references.map(\.key) == ["[@fig-a; @fig-b]", "[@eq-c]"])
    #expect(references.map(\.line) == [1, 2])
    #expect(references.map(\.column) == [5, 3])
    let html = document.render(.plain, references: ["[@fig-a; @fig-b]": "<a>X</a>"]).html
    #expect(html.contains("See <a>X</a> and"))
    #expect(html.contains("<span class=\"notes-unresolved\">[@eq-c]</span>"))
  }

  @Test func notAReference() {
    // An e-mail address, empty ones, links, URLs, code, math, an escaped `@`: nothing.
    let document = Document(
      parsing:
        "mail a@b.org [@] [@-x] [@a](u) [see @a][ref] <https://h.org/@me> https://h.org/@me www.h.org/@me `@a` $@a$ \\@a\n"
    )
    #expect(document.crossReferences.map(\.key) == [])
  }

  /// Pandoc's citation forms, with prefixes, locators and the narrative form (``CitationLexer``).
  @Test(arguments: [
    ("[@key, ch. 3]", "[@key, ch. 3]", Citation.Form.parenthetical, "", "ch. 3"),
    ("[see @key, p. 3]", "[see @key, p. 3]", .parenthetical, "see", "p. 3"),
    ("As @key shows.", "@key", .narrative, "", ""),
    ("As @key [p. 3] shows.", "@key [p. 3]", .narrative, "", "p. 3"),
    ("(@fig-a)", "@fig-a", .narrative, "", ""),
    ("by @eq-a.", "@eq-a", .narrative, "", ""),
  ])
  func citationForms(source: String, key: String, form: Citation.Form, prefix: String, locator: String) throws
  {
    let reference = try #require(Document(parsing: source + "\n").crossReferences.first)
    #expect(reference.key == key)
    #expect(reference.citation.form == form)
    #expect(reference.citation.items.first?.prefix == prefix)
    #expect(reference.citation.items.first?.locator == locator)
  }

  @Test func citationInAHeadingIsItsTextInTheAnchorAndTitle() {
    let document = Document(parsing: "# After @key {#sec-x}\n\n## On @key\n")
    let rendered = document.render(
      references: ["@key": "<a href=\"#ref-key\">K (2020)</a>"], referenceTexts: ["@key": "K (2020)"])
    #expect(rendered.headings.map(\.text) == ["After K (2020)", "On K (2020)"])
    #expect(rendered.headings.map(\.anchor) == ["sec-x", "on-k-2020"])
  }

  @Test func labelledEquationIsNumberedAndAnchored() {
    let source = "Text.\n\n$$\na = b\n$$ {#eq-first}\n\n$$c$$\n\nAnd $$d$$ {#eq-inline} here.\n"
    let document = Document(parsing: source)
    #expect(document.equationLabels.map(\.name) == ["eq-first", "eq-inline"])
    #expect(document.equationLabels.map(\.line) == [5, 9])
    #expect(document.equationLabels.map(\.column) == [4, 11])
    let html = document.render(.plain, equationTags: ["eq-first": "3.1", "eq-inline": "3.2"]).html
    #expect(
      html.contains("<div class=\"math display\" id=\"eq-first\">\na = b\n \\tag{3.1}</div>"), "\(html)")
    #expect(html.contains("<div class=\"math display\">c</div>"))
    #expect(html.contains("<span class=\"math display\" id=\"eq-inline\">d \\tag{3.2}</span> here."))
    #expect(!html.contains("{#"))
  }

  @Test func onlyEqPrefixedLabelsFollowEquations() {
    let document = Document(parsing: "$$x$$ {#fig-no}\n")
    #expect(document.equationLabels.isEmpty)
    #expect(document.render(.plain).html.contains("{#fig-no}"))
  }

  @Test func headingLabelIsItsAnchorAndNotItsText() {
    let source =
      "# T\n\n## Setup $x$ {#sec-setup}\n\n## Setup x\n\n### Other  {#sec-other}  \n\nText {#not-a-heading}\n"
    let document = Document(parsing: source)
    let rendered = document.render()
    #expect(rendered.headings.map(\.anchor) == ["t", "sec-setup", "setup-x", "sec-other"])
    #expect(rendered.headings.map(\.label) == [nil, "sec-setup", nil, "sec-other"])
    #expect(rendered.headings.map(\.text) == ["T", "Setup x", "Setup x", "Other"])
    #expect(rendered.html.contains("<h2 id=\"sec-setup\">Setup <span class=\"math inline\">x</span></h2>"))
    #expect(rendered.html.contains("Text {#not-a-heading}"))
    #expect(document.headingLabels.values.map(\.line).sorted() == [3, 7])
  }

  @Test func headingAnchorsAvoidLabels() {
    let rendered = Document(parsing: "## sec-a\n\n## B {#sec-a}\n\n## eq-b\n\n$$b$$ {#eq-b}\n").render()
    #expect(rendered.headings.map(\.anchor) == ["sec-a-1", "sec-a", "eq-b-1"])
  }
}
