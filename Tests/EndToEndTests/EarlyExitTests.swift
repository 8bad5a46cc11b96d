import Foundation
import Testing

/// Issue 10, case 3: a program that ends before its last cell (`exit(0)` in a block or in an
/// inline expression) is an error at the cell that ended it: later cells did not run, so the
/// page cannot be shown as if they had. Not cached: the next build runs it again.
@Suite struct EarlyExitTests {
  func build(_ chapter: String) async throws -> (NotesCLI.Result, Workspace) {
    try await ChapterLibraries.ready()
    let book = try Workspace()
    try book.write("chapters/01-exit.md", chapter)
    return (try book.notes("build"), book)
  }

  @Test func exitInABlockIsAnErrorAtThatBlock() async throws {
    let text = """
      # Exit

      ```{swift}
      print("before")
      ```

      ```{swift}
      print("leaving")
      exit(0)
      ```

      ```{swift}
      print("after")
      ```

      Value: `{swift} 1 + 1`.
      """
    let (result, book) = try await build(text)
    let fence = try #require(SourceText.fence(before: "exit(0)", in: text))
    #expect(result.status == 1, "\(result)")
    let error = try #require(
      result.stderr.split(separator: "\n").first { $0.hasPrefix("chapters/01-exit.md:\(fence): error: ") },
      "\(result)")
    #expect(
      error.contains("the program ended (exit) in this block before the chapter's last cell"), "\(result)")
    #expect(result.stderr.contains("  | leaving"), "\(result)")
    #expect(!book.exists("build/01-exit.html"))
    // Not cached: the same failure again.
    let again = try book.notes("build")
    #expect(again.status == 1, "\(again)")
    #expect(again.stderr.contains("in this block before the chapter's last cell"), "\(again)")
  }

  @Test func exitInAnInlineExpressionIsAnErrorAtItsLine() async throws {
    let text = """
      # Exit

      ```{swift}
      let x = 2
      ```

      It ends here: `{swift} exit(0)`.

      And `{swift} x + 1` is never computed.
      """
    let (result, _) = try await build(text)
    let line = try #require(SourceText.line(of: "{swift} exit(0)", in: text))
    #expect(result.status == 1, "\(result)")
    let error = try #require(
      result.stderr.split(separator: "\n").first { $0.hasPrefix("chapters/01-exit.md:\(line): error: ") },
      "\(result)")
    #expect(error.contains("inline expression"), "\(result)")
    #expect(error.contains("the program ended (exit)"), "\(result)")
  }
}
