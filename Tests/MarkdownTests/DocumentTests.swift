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

  @Test func emptyAndWhitespaceDocuments() {
    #expect(Document(parsing: "").render().html == "")
    #expect(Document(parsing: "\n\n  \n").render().html == "")
  }
}
