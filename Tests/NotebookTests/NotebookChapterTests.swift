import Markdown
import Notebook
import Testing

/// `NotebookChapter`: the cells of a chapter, their lines and their `//|` options.
@Suite struct NotebookChapterTests {
  func chapter(_ text: String) throws(BuildFailure) -> NotebookChapter {
    try NotebookChapter(document: Document(parsing: text), file: "chapters/x.md", slug: "x")
  }

  /// The diagnostics of a chapter that must not parse.
  func diagnostics(_ text: String) -> [Diagnostic] {
    do {
      _ = try chapter(text)
      Issue.record("expected the chapter to be rejected")
      return []
    } catch {
      return error.diagnostics
    }
  }

  @Test func cellsInSourceOrderWithTheirLines() throws {
    let text = """
      # T

      ```{swift}
      let n = 3
      ```

      Inline `{swift} n + 1` and plain `code`, then `{swift}   n * 2  `.

      ```swift
      let shown = "only shown"
      ```

      ```{swift #id}
      print(n)
      ```
      """
    let cells = try chapter(text).cells
    #expect(cells.map(\.index) == [0, 1, 2, 3])
    #expect(cells.map(\.line) == [3, 7, 7, 13])
    guard cells.count == 4 else { return }
    #expect(cells[0].kind == .block(code: "let n = 3\n", codeLine: 4, options: BlockOptions()))
    #expect(cells[1].kind == .inline(expression: "n + 1"))
    #expect(cells[2].kind == .inline(expression: "n * 2"))
    #expect(cells[3].kind == .block(code: "print(n)\n", codeLine: 14, options: BlockOptions()))
    #expect(cells.map(\.isBlock) == [true, false, false, true])
    #expect(Set(cells.map(\.nodeID)).count == 4)
  }

  @Test func optionsAreParsedAndRemovedFromTheCode() throws {
    let text = """
      # T

      ```{swift}
      //| echo: false
      //| output: true
      //|   label: fig-k_2
      //| caption: The kernel $K$, at depth 3.
      //| timeout: 30
      let k = 1
      // an ordinary comment
      ```

      ```{swift}
      //| eval: false
      //| timeout: 90
      crash()
      ```
      """
    let notebook = try chapter(text)
    let first = try #require(notebook.cells.first)
    var expected = BlockOptions()
    expected.echo = false
    expected.label = "fig-k_2"
    expected.caption = "The kernel $K$, at depth 3."
    expected.timeout = 30
    #expect(first.options == expected)
    // The code starts after the five option lines.
    #expect(first.kind == .block(code: "let k = 1\n// an ordinary comment\n", codeLine: 9, options: expected))
    #expect(notebook.cells.last?.options.eval == false)
    // The chapter's timeout is the largest of its blocks'.
    #expect(notebook.timeout == 90)
  }

  @Test func bareSwiftCodeSpanIsText() throws {
    // Writing about the syntax: `{swift}` alone is a code span, not a cell.
    let cells = try chapter("# T\n\nMark a block with `{swift}`; a value with `{swift} 1 + 1`.\n").cells
    #expect(cells.count == 1)
    #expect(cells.first?.kind == .inline(expression: "1 + 1"))
  }

  @Test func defaultTimeoutIsTenMinutes() throws {
    #expect(try chapter("# T\n\n```{swift}\nlet a = 1\n```\n").timeout == 600)
    #expect(try chapter("# T\n\nNo code.\n").cells.isEmpty)
  }

  @Test func badOptionsAreErrorsAtTheirLines() {
    let text = """
      # T

      ```{swift}
      //| echo: false
      //| colour: red
      ```

      ```{swift}
      //| echo: yes
      ```

      ```{swift}
      //| timeout: 0
      ```

      ```{swift}
      //| label: 2fig
      ```

      ```{swift}
      //| eval
      ```

      ```{swift}
      //| output: true
      //| output: false
      ```

      ```{swift}
      //| caption:
      ```

      Empty inline: `{swift}  `.
      """
    let found = diagnostics(text)
    #expect(found.map(\.line) == [5, 9, 13, 17, 21, 26, 30, 33])
    #expect(found.allSatisfy { $0.file == "chapters/x.md" && $0.severity == .error })
    guard found.count == 8 else { return }
    #expect(found[0].message.contains("unknown option 'colour'"))
    #expect(found[1].message.contains("'yes'"))
    #expect(found[2].message.contains("'0'"))
    #expect(found[3].message.contains("2fig"))
    #expect(found[5].message.contains("twice"))
  }

  /// Issue 10, case 12: a label given twice is an error at the second, naming the first.
  @Test func duplicateLabelsAreAnErrorAtTheSecond() {
    let text =
      "# T\n\n```{swift}\n//| label: tbl-a\nshow(t)\n```\n\n```{swift}\n//| echo: false\n//| label: tbl-a\nshow(t)\n```\n"
    #expect(
      diagnostics(text).map(\.description) == [
        "chapters/x.md:10:12: error: duplicate label 'tbl-a' (first at 4)"
      ])
  }

  /// Issue 10, case 14: a label on a block whose output is hidden says so.
  @Test func labelOnABlockWithoutOutput() {
    let text = "```{swift}\n//| output: false\n//| label: fig-a\nshow(f)\n```\n"
    #expect(
      diagnostics(text).map(\.description) == [
        "chapters/x.md:3:12: error: a label needs the block's output; this block has output: false"
      ])
  }

  /// Issue 10, case 14: an unterminated `{swift}` fence gets a hint at its line.
  @Test func unterminatedFenceHint() throws {
    let open = try chapter("# T\n\n```{swift}\nlet x = 1\n\nMore prose.\n")
    #expect(
      open.warnings.map(\.description) == [
        "chapters/x.md:3: warning: this block runs to the end of the file: its ``` fence is never closed"
      ])
    #expect(try chapter("```{swift}\nlet x = 1\n```\n").warnings.isEmpty)
    #expect(try chapter("> ```{swift}\n> let x = 1\n> ```\n").warnings.isEmpty)
    #expect(try chapter("- ```{swift}\n  let x = 1\n  ```\n").warnings.isEmpty)
    #expect(try chapter("~~~~{swift}\nlet x = 1\n~~~~~\n").warnings.isEmpty)
    let quoted = try chapter("> ```{swift}\n> let x = 1\n\nAfter.\n")
    #expect(quoted.warnings.first?.message.contains("end of its blockquote or list item") == true)
  }

  /// Issue 10, case 14: blocks inside containers record how far their code is indented.
  @Test func containerIndent() throws {
    #expect(try chapter("```{swift}\nlet x = 1\n```\n").cells[0].indent == 0)
    #expect(try chapter("> ```{swift}\n> let x = 1\n> ```\n").cells[0].indent == 2)
    #expect(try chapter("1. Item\n\n   ```{swift}\n   let x = 1\n   ```\n").cells[0].indent == 3)
    #expect(try chapter("> - ```{swift}\n>   let x = 1\n>     // more\n>   ```\n").cells[0].indent == 4)
  }
}
