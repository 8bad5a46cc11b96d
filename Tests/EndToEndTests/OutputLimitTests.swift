import Foundation
import Testing

/// Issue 10, case 8: what a block may print is capped (4 MB by default, `//| max-output: MB`,
/// `NOTES_MAX_OUTPUT_MB`); past it the chapter is stopped at once with an error at the block
/// that says how to raise the limit, so `notes` never holds unbounded output.
@Suite struct OutputLimitTests {
  func book(_ chapter: String) async throws -> Workspace {
    try await ChapterLibraries.ready()
    let book = try Workspace()
    try book.write("chapters/01-print.md", chapter)
    return book
  }

  @Test func anEndlessPrintLoopIsStoppedAtItsBlock() async throws {
    let text = """
      # Spam

      ```{swift}
      print("fine")
      ```

      ```{swift}
      //| timeout: 120
      while true { print("spam spam spam spam spam spam spam spam") }
      ```
      """
    let book = try await book(text)
    let result = try book.notes("build")
    #expect(result.status == 1, "\(result)")
    // Stopped by the cap, long before the timeout.
    #expect(result.seconds < 60, "\(result)")
    let fence = try #require(SourceText.fence(before: "while true", in: text))
    let error = try #require(
      result.stderr.split(separator: "\n").first { $0.hasPrefix("chapters/01-print.md:\(fence): error: ") },
      "\(result)")
    #expect(error.contains("printed more than its output limit of 4 MB"), "\(result)")
    #expect(error.contains("//| max-output: MB"), "\(result)")
    #expect(!error.contains("timeout"), "\(result)")
    // What notes shows of it is a few lines, not megabytes.
    #expect(result.stderr.utf8.count < 10_000)
  }

  @Test func theLimitIsSetPerBlockAndForTheBuild() async throws {
    // About 1.9 MB of output.
    let text = """
      # Lines

      ```{swift}
      //| max-output: 1
      for i in 0..<200_000 { print("line \\(i)") }
      ```
      """
    let book = try await book(text)
    let limited = try book.notes("build")
    #expect(limited.status == 1, "\(limited)")
    #expect(limited.stderr.contains("printed more than its output limit of 1 MB"), "\(limited)")

    // Raised in the block: it passes, all of its output on the page.
    try book.edit("chapters/01-print.md", replacing: "max-output: 1", with: "max-output: 3")
    let raised = try book.notes("build")
    #expect(raised.status == 0, "\(raised)")
    #expect(try book.read("build/01-print.html").contains("line 199999"))

    // For the whole build: NOTES_MAX_OUTPUT_MB, when the block sets none.
    try book.edit("chapters/01-print.md", replacing: "//| max-output: 3\n", with: "")
    let fromEnvironment = try book.notes("build", environment: ["NOTES_MAX_OUTPUT_MB": "0.5"])
    #expect(fromEnvironment.status == 1, "\(fromEnvironment)")
    #expect(fromEnvironment.stderr.contains("output limit of 0.5 MB"), "\(fromEnvironment)")

    // A malformed limit is an error at its line.
    try book.edit(
      "chapters/01-print.md", replacing: "```{swift}\n", with: "```{swift}\n//| max-output: lots\n")
    let malformed = try book.notes("build")
    #expect(malformed.status == 1, "\(malformed)")
    #expect(
      malformed.stderr.contains("chapters/01-print.md:4: error: max-output must be a number"), "\(malformed)")
  }
}
