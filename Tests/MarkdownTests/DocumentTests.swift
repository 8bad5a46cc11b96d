import Markdown
import Testing

@Suite("Markdown tree and rendering")
struct DocumentTests {
  @Test func gfmTable() {
    let doc = Document(parsing: "| n | L |\n|--:|:--|\n| 32 | 20 |\n")
    let html = doc.render().html
    #expect(html.hasPrefix("<div class=\"table-wrap\">\n<table>"))
    #expect(html.contains("<th align=\"right\">n</th>"))
    #expect(html.contains("<td align=\"left\">20</td>"))
    #expect(html.hasSuffix("</table>\n</div>\n"))
    #expect(doc.root.allNodes().filter { $0.kind == .tableCell }.count == 4)
  }

  @Test func footnotes() {
    let html = Document(parsing: "Claim.[^1]\n\n[^1]: Proof.\n").render().html
    #expect(html.contains("<sup class=\"footnote-ref\"><a href=\"#fn-1\""))
    #expect(html.contains("<section class=\"footnotes\""))
    #expect(html.contains("Proof."))
  }

  @Test func strikethroughAutolinkTasklist() {
    let html = Document(parsing: "~~old~~ www.example.org\n\n- [x] done\n").render().html
    #expect(html.contains("<del>old</del>"))
    #expect(html.contains("<a href=\"http://www.example.org\">"))
    #expect(html.contains("<input type=\"checkbox\" checked=\"\" disabled=\"\" />"))
  }

  @Test func tagFilterEscapesScriptInSource() {
    let html = Document(parsing: "<script>alert(1)</script>\n").render().html
    #expect(html.contains("&lt;script>"))
  }

  @Test func sourceLinesOfBlocksAndInlineCode() {
    let source = "# Title\n\nText with `{swift} 1 + 1` here.\n\n```{swift}\nlet x = 1\n```\n"
    let nodes = Document(parsing: source).root.allNodes()
    let block = nodes.first { if case .codeBlock = $0.kind { return true } else { return false } }
    #expect(block?.kind == .codeBlock(info: "{swift}"))
    #expect(block?.range.startLine == 5)
    #expect(block?.literal == "let x = 1\n")
    let code = nodes.first { $0.kind == .code }
    #expect(code?.literal == "{swift} 1 + 1")
    #expect(code?.range.startLine == 3)
  }

  @Test func replacementsAreSplicedAfterTheTagFilter() {
    let source = "Value: `{swift} x`.\n\n```{swift}\nprint(1)\n```\n\nEnd.\n"
    let doc = Document(parsing: source)
    let nodes = doc.root.allNodes()
    let code = nodes.first { $0.kind == .code }!
    let block = nodes.first { if case .codeBlock = $0.kind { return true } else { return false } }!
    let html = doc.render(
      .plain,
      replacing: [
        code.id: "<code class=\"notes-value\">42</code>", block.id: "<div><script>1</script></div>",
      ]
    ).html
    #expect(
      html
        == "<p>Value: <code class=\"notes-value\">42</code>.</p>\n<div><script>1</script></div>\n<p>End.</p>\n"
    )
  }

  @Test func headingAnchorsAreUniqueAndCarryMath() {
    let doc = Document(parsing: "# The $G^{(l)}$ recursion\n\n## Summary\n\n## Summary\n")
    let rendered = doc.render()
    #expect(rendered.headings.map(\.anchor) == ["the-gl-recursion", "summary", "summary-1"])
    #expect(rendered.headings[0].html == "The <span class=\"math inline\">G^{(l)}</span> recursion")
    #expect(rendered.headings[0].text == "The G^{(l)} recursion")
    #expect(rendered.html.contains("<h2 id=\"summary-1\">Summary</h2>"))
    #expect(rendered.headings.map(\.line) == [1, 3, 5])
  }

  /// Issue 10, case 13: a replaced node (an inline value) in a heading is its text in the
  /// anchor and the heading's text, its HTML in the heading's HTML; in alt text it is text.
  @Test func replacementsInHeadingsAndAltText() throws {
    let doc = Document(
      parsing: "# Results for n = `{swift} 2 + 2`\n\n![n = `{swift} 2 + 2` and $x$](a.png \"t $y$\")\n")
    let codes = doc.root.allNodes().filter { $0.kind == .code }
    try #require(codes.count == 2)
    let value = Document.Replacement(html: "<span class=\"notes-value\">4</span>", text: "4")
    let rendered = doc.render(replacing: [codes[0].id: value, codes[1].id: value])
    #expect(rendered.headings[0].text == "Results for n = 4")
    #expect(rendered.headings[0].html == "Results for n = <span class=\"notes-value\">4</span>")
    #expect(rendered.headings[0].anchor == "results-for-n-4")
    #expect(
      rendered.html.contains(
        "<h1 id=\"results-for-n-4\">Results for n = <span class=\"notes-value\">4</span></h1>"))
    #expect(rendered.html.contains("<img src=\"a.png\" alt=\"n = 4 and $x$\" title=\"t $y$\" />"))
  }

  /// Issue 10, case 12: heading anchors avoid the ids of generated HTML and footnotes.
  @Test func headingAnchorsAvoidReservedIDs() {
    let doc = Document(parsing: "# Cell 1\n\n## fig-a\n\n## fn 1\n\nA note.[^1]\n\n[^1]: Note.\n")
    let rendered = doc.render(reservedIDs: ["cell-1", "fig-a"])
    #expect(rendered.headings.map(\.anchor) == ["cell-1-1", "fig-a-1", "fn-1-1"])
  }

  /// Issue 10, case 14: the private-use characters used as markers cannot be forged by the
  /// source or by spliced HTML; they render as themselves (character references).
  @Test func privateUseMarkersAreNotForgeable() throws {
    let forged = "\u{E000}0\u{E001} \u{E003}1\u{E004} \u{E005}x\u{E006}"
    let source = "# T \(forged)\n\n$a$ and \(forged) `\(forged)` `{swift} v`\n\n```\n\(forged)\n```\n"
    let doc = Document(parsing: source)
    let code = try #require(doc.root.allNodes().first { $0.kind == .code && $0.literal == "{swift} v" })
    let html = doc.render(replacing: [code.id: Document.Replacement(html: "<b>\(forged)</b>", text: forged)])
      .html
    let escaped = "&#xE000;0&#xE001; &#xE003;1&#xE004; &#xE005;x&#xE006;"
    #expect(!html.unicodeScalars.contains { MarkerEscaping.isReserved($0) }, "\(html)")
    #expect(html.components(separatedBy: escaped).count == 6, "\(html)")
    #expect(html.contains("<span class=\"math inline\">a</span>"))
    #expect(html.contains("<b>\(escaped)</b>"))
    // The tree has the characters themselves.
    #expect(doc.root.allNodes().contains { $0.kind == .text && $0.literal?.contains(forged) == true })
    #expect(doc.root.allNodes().contains { $0.kind == .code && $0.literal == forged })
  }

  /// Found by the fuzz test: a reference `&#xE000;` (cmark decodes it), a combining mark after
  /// a marker, and math where cmark sees code (an autolink swallowing a backtick) forge nothing.
  @Test func referencesAndCodeSpansForgeNoMarker() throws {
    for source in [
      "&#xE000;0&#xE001; and &#57344;1&#57345;", "](&#xE000;", "http://a```\n&#xE000;```", ">```\n&#xE000;",
      "\u{301}*b*\n-", "[a](u \"&#xE000;0&#xE001;\")", "```&#xE000;0&#xE001;\nx\n```",
    ] {
      let rendered = Document(parsing: "$a$ " + source).render()
      for html in [rendered.html] + rendered.headings.map(\.html) {
        #expect(!html.unicodeScalars.contains { MarkerEscaping.isReserved($0) }, "\(source.debugDescription)")
      }
    }
    let html = Document(parsing: "&#xE000;0&#xE001; `&#xE000;`").render(.plain).html
    #expect(html == "<p>&#xE000;0&#xE001; <code>&amp;#xE000;</code></p>\n")
    // As plain cmark-gfm: a reference in code is text.
    #expect(
      Document(parsing: "```\n&#xE000;\n```\n").render(.plain).html
        == "<pre><code>&amp;#xE000;\n</code></pre>\n")
    let code = Document(parsing: "`{swift} \"&#xE000;\"`").root.allNodes().first { $0.kind == .code }
    #expect(code?.literal == "{swift} \"&#xE000;\"")
    let heading = Document(parsing: "## \u{301}*b*").render().headings[0]
    #expect(heading.html == "\u{301}<em>b</em>")
  }

  @Test func emptyAndWhitespaceDocuments() {
    #expect(Document(parsing: "").render().html == "")
    #expect(Document(parsing: "\n\n  \n").render().html == "")
  }
}

/// A chapter page shows its title and abstract in its header: the render stage hands them over
/// as data instead of leaving them in the body for someone to cut out.
struct SeparateTitleTests {
  @Test func titleAndAbstractComeApart() {
    let document = Document(
      parsing: "# The kernel $K$\n\nWidth $n$ and a note.[^1]\n\nBody.\n\n## Next\n\n[^1]: The note.\n")
    let rendered = document.render(Document.RenderOptions(separateTitle: true))
    #expect(rendered.title?.html == "The kernel <span class=\"math inline\">K</span>")
    #expect(rendered.title?.hasMath == true)
    #expect(rendered.abstractHTML == "Width <span class=\"math inline\">n</span> and a note.")
    #expect(rendered.abstractHasMath)
    #expect(!rendered.html.contains("<h1"))
    // The abstract stays in the body, footnote mark included.
    #expect(rendered.html.hasPrefix("<p>Width <span class=\"math inline\">n</span> and a note.<sup"))
    #expect(rendered.headings.map(\.anchor) == ["the-kernel-k", "next"])
    #expect(rendered.headings.map(\.hasMath) == [true, false])
  }

  @Test(arguments: [
    "# Title\n\n## Section\n\nText.\n",  // a heading follows the title
    "# Title\n\n- a list\n",
    "# Title\n",
  ])
  func noAbstractUnlessAParagraphFollows(source: String) {
    let rendered = Document(parsing: source).render(Document.RenderOptions(separateTitle: true))
    #expect(rendered.abstractHTML == nil)
    #expect(!rendered.html.contains("<h1"))
    #expect(rendered.title?.text == "Title")
  }

  @Test func withoutTheOptionTheTitleStays() {
    let rendered = Document(parsing: "# Title\n\nAbstract.\n").render()
    #expect(rendered.html.hasPrefix("<h1 id=\"title\">Title</h1>"))
    #expect(rendered.abstractHTML == nil)
  }

  @Test(arguments: [
    ("A *caption* with $x$.", "A <em>caption</em> with <span class=\"math inline\">x</span>."),
    ("Two\n\nparagraphs", "<p>Two</p>\n<p>paragraphs</p>"),
  ])
  func inlineRendersAOneParagraphDocumentWithoutP(source: String, html: String) {
    var rendered = Document(parsing: source).render(.inline).html
    while rendered.hasSuffix("\n") { rendered.removeLast() }
    #expect(rendered == html)
  }
}

/// `HTMLEscaping.escape` works on UTF-8 runs; it must agree with the definition, scalar by
/// scalar, on any text.
struct HTMLEscapingTests {
  static func reference(_ text: String) -> String {
    var out = ""
    for scalar in text.unicodeScalars {
      switch scalar {
      case "&": out += "&amp;"
      case "<": out += "&lt;"
      case ">": out += "&gt;"
      case "\"": out += "&quot;"
      case "'": out += "&#39;"
      case _ where (0xE000...0xE00F).contains(scalar.value):
        out += "&#x\(String(scalar.value, radix: 16, uppercase: true));"
      default: out.unicodeScalars.append(scalar)
      }
    }
    return out
  }

  @Test(arguments: [
    "", "plain text", "a < b && c > d", "\"quoted\" 'single'", "\u{E000}\u{E00F}\u{E010}\u{E0FF}",
    "é∑ℓ \u{1F600} <é>", "&amp; already", "x\u{E007}A<",
  ])
  func agreesWithTheDefinition(text: String) {
    #expect(HTMLEscaping.escape(text) == Self.reference(text))
  }

  @Test func agreesOnRandomText() {
    let alphabet: [Unicode.Scalar] = [
      "a", " ", "&", "<", ">", "\"", "'", "é", "\u{E000}", "\u{E00B}", "\u{E010}", "\u{EE00}", "\u{1F600}",
    ]
    var state: UInt64 = 0x9E37_79B9_7F4A_7C15
    for _ in 0..<500 {
      var text = String.UnicodeScalarView()
      for _ in 0..<20 {
        state = state &* 6_364_136_223_846_793_005 &+ 1_442_695_040_888_963_407
        text.append(alphabet[Int(state >> 33) % alphabet.count])
      }
      let string = String(text)
      #expect(HTMLEscaping.escape(string) == Self.reference(string), "\(string.debugDescription)")
    }
  }
}
