import Markdown
import Notebook
import Testing

/// `ChapterProgram`: one Swift program per chapter, with line directives to the Markdown and a
/// cache key that ignores them.
@Suite struct ChapterProgramTests {
  func program(_ text: String, file: String = "chapters/x.md") throws -> ChapterProgram {
    ChapterProgram(chapter: try NotebookChapter(document: Document(parsing: text), file: file, slug: "x"))
  }

  static let text = """
    # T

    ```{swift}
    //| label: fig-a
    let n = 3
    ```

    The value `{swift} n * 2`.

    ```{swift}
    //| eval: false
    let hidden = 1
    ```

    ```{swift}
    print(n)
    ```
    """

  @Test func blocksAndInlineExpressionsInOrderWithSourceLocations() throws {
    let source = try program(Self.text).source
    for module in ChapterProgram.runtimeImports { #expect(source.contains("import \(module)\n")) }
    // Each piece of author code follows a directive naming its Markdown line.
    let pieces = [
      ("#sourceLocation(file: \"chapters/x.md\", line: 5)\nlet n = 3\n"),
      // An inline expression keeps its Markdown column ("The value `{swift} " is 19 characters).
      ("#sourceLocation(file: \"chapters/x.md\", line: 8)\n" + String(repeating: " ", count: 19) + "n * 2\n"),
      ("#sourceLocation(file: \"chapters/x.md\", line: 16)\nprint(n)\n"),
    ]
    var position = source.startIndex
    for piece in pieces {
      let range = try #require(source.range(of: piece, range: position..<source.endIndex), "\(piece)")
      position = range.upperBound
    }
    // eval: false is not compiled; option lines are not code.
    #expect(!source.contains("hidden"))
    #expect(!source.contains("//|"))
  }

  @Test func keyIgnoresLinePositionsButNotCode() throws {
    let base = try program(Self.text)
    let moved = try program(
      Self.text.replacingOccurrences(of: "# T\n", with: "# T\n\nA new paragraph.\n\nAnd one more.\n"))
    #expect(moved.source != base.source)
    #expect(moved.keySource == base.keySource)
    #expect(!base.keySource.contains("#sourceLocation"))
    let edited = try program(Self.text.replacingOccurrences(of: "print(n)", with: "print(n + 1)"))
    #expect(edited.keySource != base.keySource)
    let inline = try program(Self.text.replacingOccurrences(of: "n * 2", with: "n * 3"))
    #expect(inline.keySource != base.keySource)
  }

  @Test func fileNameIsAValidStringLiteral() throws {
    let source = try program(Self.text, file: "chapters/a \"quoted\\\" name.md").source
    #expect(source.contains("#sourceLocation(file: \"chapters/a \\\"quoted\\\\\\\" name.md\", line: 5)"))
  }

  /// Issue 10, case 14: a block inside a blockquote is shifted to its source columns in the
  /// program (so compiler columns match the chapter); the cache key keeps the code as written.
  @Test func blocksInContainersKeepTheirColumns() throws {
    let quoted = try program("> ```{swift}\n> let s = \"\"\"\n>   a\n>   \"\"\"\n>\n> print(s)\n> ```\n")
    #expect(quoted.source.contains("\n  let s = \"\"\"\n    a\n    \"\"\"\n\n  print(s)\n"))
    let plain = try program("```{swift}\nlet s = \"\"\"\n  a\n  \"\"\"\n\nprint(s)\n```\n")
    #expect(quoted.keySource == plain.keySource)
  }

  /// A block's output limit decides whether it fails, so it keys the cached result; it is not
  /// part of the program.
  @Test func theOutputLimitKeysTheResultButIsNotCompiled() throws {
    let plain = try program(Self.text)
    let limited = try program(
      Self.text.replacingOccurrences(of: "print(n)", with: "//| max-output: 0.5\nprint(n)"))
    #expect(limited.keySource != plain.keySource)
    #expect(!limited.source.contains("max-output"))
  }
}
