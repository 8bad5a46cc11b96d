import Foundation
import Markdown
import Notebook
import Testing

@testable import Book

/// `Splicer`: the HTML that replaces each cell, from the results a chapter program reported.
@Suite struct SplicerTests {
  static let text = """
    # T

    ```{swift}
    //| label: fig-k
    //| caption: The kernel $K$.
    let a = "<b>"
    ```

    See [@fig-k] and [@tbl-v]; the value is `{swift} a`.

    ```{swift}
    //| echo: false
    //| label: tbl-v
    show(table)
    ```

    ```{swift}
    //| output: false
    print("hidden")
    ```
    """

  /// A chapter run as the engine stores it (the cache's JSON form).
  static func run(_ json: String) throws -> ChapterRun {
    try JSONDecoder().decode(ChapterRun.self, from: Data(json.utf8))
  }

  static let results = """
    {"cells": [
      {"completed": true, "stderr": "warn <i>\\n", "outputs": [
        {"stdout": {"_0": "<script>x</script>\\n"}},
        {"figure": {"_0": {"svg": "<svg id=\\"one\\"></svg>", "csv": "x,y\\n1,2\\n", "title": "One"}}},
        {"figure": {"_0": {"svg": "<svg id=\\"two\\"></svg>", "csv": "x\\n", "title": "Two & more"}}}]},
      {"completed": true, "stderr": "", "value": "<b>", "outputs": []},
      {"completed": true, "stderr": "", "outputs": [
        {"table": {"_0": {"columns": ["$C_W$", "n"], "rows": [["1", "<b>"]], "caption": "Values"}}}]},
      {"completed": true, "stderr": "", "outputs": [{"stdout": {"_0": "hidden\\n"}}]}
    ], "warnings": []}
    """

  func splice(_ json: String?) throws -> (NotebookChapter, Splicer.Spliced) {
    let chapter = try NotebookChapter(
      document: Document(parsing: Self.text), file: "chapters/x.md", slug: "x")
    return (chapter, Splicer.splice(chapter, results: try json.map(Self.run)))
  }

  @Test func outputsFiguresTablesAndValues() throws {
    let (chapter, spliced) = try splice(Self.results)
    let html = chapter.cells.map { spliced.replacements[$0.nodeID]?.html ?? "" }
    // Code is escaped; printed text is escaped; stderr is a warning box.
    #expect(html[0].contains("<code class=\"language-swift\">let a = &quot;&lt;b&gt;&quot;\n</code>"))
    #expect(html[0].contains("<div class=\"notes-output\"><pre>&lt;script&gt;x&lt;/script&gt;\n</pre></div>"))
    #expect(html[0].contains("<div class=\"notes-warning\"><pre>warn &lt;i&gt;\n</pre></div>"))
    // Figures are numbered in order; the label names the block's first figure; the caption
    // option wins over the title.
    #expect(html[0].contains("<figure class=\"notes-figure\" id=\"fig-k\">\n<svg id=\"one\"></svg>"))
    #expect(html[0].contains("Figure 1.</span> The kernel <span class=\"math inline\">K</span>."))
    #expect(html[0].contains("<figure class=\"notes-figure\" id=\"fig-2\">\n<svg id=\"two\"></svg>"))
    // The block's caption belongs to its first figure; the second is captioned by its title.
    #expect(html[0].contains("<span class=\"figure-number\">Figure 2.</span> Two &amp; more"))
    #expect(html[0].components(separatedBy: "The kernel").count == 2)
    #expect(spliced.files["data/x-fig-1.csv"] == Data("x,y\n1,2\n".utf8))
    #expect(spliced.files["data/x-fig-2.csv"] == Data("x\n".utf8))
    #expect(spliced.numbered.contains(Splicer.Numbered(label: "fig-k", kind: .figure, number: 1)))
    // The inline value, escaped.
    #expect(html[1] == "<span class=\"notes-value\">&lt;b&gt;</span>")
    // echo: false: no code; the table is numbered and labelled.
    #expect(!html[2].contains("<code"))
    #expect(html[2].contains("<figure class=\"notes-table\" id=\"tbl-v\">"))
    #expect(html[2].contains("Table 1.</span> Values"))
    // Table titles and cells are inline Markdown: math typeset, HTML escaped.
    #expect(html[2].contains("<th><span class=\"math inline\">C_W</span></th><th>n</th>"))
    #expect(html[2].contains("<td>1</td><td>&lt;b&gt;</td>"))
    #expect(spliced.numbered.contains(Splicer.Numbered(label: "tbl-v", kind: .table, number: 1)))
    #expect(spliced.numbered.count == 2)
    // output: false: the code, not the output.
    #expect(html[3].contains("print(&quot;hidden&quot;)"))
    #expect(!html[3].contains("notes-output"))
  }

  /// Issue 10, case 10: text computed at run time (a figure's title or caption, a table's
  /// caption and cells) is text — escaped, never Markdown or HTML — with math typeset by the
  /// prose's rules.
  @Test func runTimeTextIsTextWithMath() throws {
    let chapter = try NotebookChapter(
      document: Document(parsing: "```{swift}\nshow(fig)\n```\n"), file: "chapters/x.md", slug: "x")
    let json = """
      {"cells": [{"completed": true, "stderr": "", "outputs": [
        {"figure": {"_0": {"svg": "<svg></svg>", "csv": "", "title": "<img src=x onerror=\\"document.title='pwned'\\">"}}},
        {"figure": {"_0": {"svg": "<svg></svg>", "csv": "", "title": "T", "caption": "a_1*b_2*c for $C_W$"}}},
        {"table": {"_0": {"columns": ["costs $5 and $10", "<b>n</b>"], "rows": [["$x$", "**y**"]],
          "caption": "<script>alert(1)</script> $K$"}}}]}], "warnings": []}
      """
    let html = try #require(
      Splicer.splice(chapter, results: try Self.run(json)).replacements[chapter.cells[0].nodeID]?.html)
    #expect(!html.contains("<img"))
    #expect(
      html.contains("Figure 1.</span> &lt;img src=x onerror=&quot;document.title=&#39;pwned&#39;&quot;&gt;"))
    #expect(html.contains("Figure 2.</span> a_1*b_2*c for <span class=\"math inline\">C_W</span>"))
    #expect(!html.contains("<em>"))
    #expect(
      html.contains(
        "Table 1.</span> &lt;script&gt;alert(1)&lt;/script&gt; <span class=\"math inline\">K</span>"))
    #expect(html.contains("<th>costs $5 and $10</th><th>&lt;b&gt;n&lt;/b&gt;</th>"))
    #expect(html.contains("<td><span class=\"math inline\">x</span></td><td>**y**</td>"))
  }

  @Test func missingResultsShowTheExpressionNotAValue() throws {
    let (chapter, spliced) = try splice(nil)
    let inline = try #require(chapter.cells.first { !$0.isBlock })
    let html = try #require(spliced.replacements[inline.nodeID]?.html)
    #expect(html.contains("notes-missing"))
    #expect(html.contains("<code>a</code>"))
    #expect(spliced.numbered.isEmpty)
    #expect(spliced.files.isEmpty)
  }

  @Test func failedBlockGetsAnErrorBoxWithWhatItPrinted() throws {
    let failed = """
      {"cells": [
        {"completed": false, "stderr": "", "outputs": [{"stdout": {"_0": "half way\\n"}}]},
        {"completed": false, "stderr": "", "outputs": []},
        {"completed": false, "stderr": "", "outputs": []},
        {"completed": false, "stderr": "", "outputs": []}
      ], "warnings": [],
      "failure": {"cell": 0, "message": "the program crashed: Fatal error: <boom>", "diagnostics": []}}
      """
    let (chapter, spliced) = try splice(failed)
    let block = try #require(spliced.replacements[chapter.cells[0].nodeID]?.html)
    let box = try #require(block.range(of: "<div class=\"notes-error\"><pre>"))
    let error = String(block[box.upperBound...])
    #expect(
      error.hasPrefix(
        "chapters/x.md:3: error: the block failed: the program crashed: Fatal error: &lt;boom&gt;"))
    #expect(error.contains("half way"))
    // The inline value after the failure is marked as not evaluated, not as a value.
    let inline = try #require(spliced.replacements[chapter.cells[1].nodeID]?.html)
    #expect(inline.contains("notes-missing"))
  }

  /// A `caption:` option's cross-references are resolved by the caller (the book's label
  /// table), which is told its block's line; captions carry the chapter's number prefix.
  @Test func captionsResolveReferencesAnywhereInTheChapter() throws {
    let text = """
      # T

      ```{swift}
      //| label: fig-a
      //| caption: Compare [@tbl-b] and [@fig-none].
      show(a)
      ```

      ```{swift}
      //| label: tbl-b
      show(b)
      ```
      """
    let chapter = try NotebookChapter(document: Document(parsing: text), file: "chapters/x.md", slug: "x")
    let results = try Self.run(
      """
      {"cells": [
        {"completed": true, "stderr": "", "outputs": [
          {"figure": {"_0": {"svg": "<svg></svg>", "csv": "x\\n", "title": "A"}}}]},
        {"completed": true, "stderr": "", "outputs": [
          {"table": {"_0": {"columns": ["x"], "rows": [["1"]]}}}]}
      ], "warnings": []}
      """)
    var asked: [(key: String, line: Int)] = []
    let spliced = Splicer.splice(
      chapter, results: results, numberPrefix: "4.",
      captionReferences: { document, line in
        asked += document.crossReferences.map { ($0.key, line) }
        return ["[@tbl-b]": "<a href=\"#tbl-b\">Table 4.1</a>"]
      })
    let figure = spliced.replacements[chapter.cells[0].nodeID]?.html ?? ""
    #expect(figure.contains("Figure 4.1.</span> Compare <a href=\"#tbl-b\">Table 4.1</a> and"), "\(figure)")
    #expect(figure.contains("<span class=\"notes-unresolved\">[@fig-none]</span>"))
    #expect(asked.map(\.key) == ["[@tbl-b]", "[@fig-none]"])
    #expect(asked.map(\.line) == [3, 3])
  }
}
