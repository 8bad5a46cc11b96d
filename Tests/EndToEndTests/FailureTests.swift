import Foundation
import Testing

/// Issue 3: every way a chapter can fail is an error at `chapters/x.md:LINE` with exit status 1,
/// and the previous site stays as it was.
@Suite struct FailureTests {
  /// Builds a book holding `alpha.md`, then adds the fixture `name` as chapter 02 and builds
  /// again. The second build must fail with status 1 and leave the site and the cached results
  /// byte-identical. Returns its result, the chapter's path and text.
  func failingBuild(_ name: String) async throws -> (
    result: NotesCLI.Result, file: String, text: String, book: Workspace
  ) {
    try await ChapterLibraries.ready()
    let book = try Workspace()
    try book.addChapter("alpha.md", as: "01-alpha.md")
    let first = try book.notes("build")
    try #require(first.status == 0, "\(first)")
    // Everything but the generated programs, which a failed build may leave for inspection.
    func isSite(_ entry: (key: String, value: Data)) -> Bool { !entry.key.hasPrefix(".notes/cache/work/") }
    let site = try book.tree("build").filter(isSite)

    let file = "chapters/02-\(name)"
    try book.addChapter(name, as: "02-\(name)")
    let result = try book.notes("build")
    #expect(result.status == 1, "\(result)")
    #expect(!result.stdout.contains("notes: built"), "\(result)")
    #expect(Tree.differences(site, try book.tree("build").filter(isSite)) == [], "\(result)")
    // Diagnostics name chapter lines, never the generated program.
    #expect(!result.stderr.contains("main.swift"), "\(result)")
    #expect(!result.stderr.contains("in generated code"), "\(result)")
    return (result, file, try SourceText.fixture(name), book)
  }

  @Test func compileErrorsAreAllReportedAtChapterLinesAndColumns() async throws {
    let (result, file, text, _) = try await failingBuild("compile-error.md")
    for (code, expression) in [
      ("let depth: String = width", "width"), ("let ratio: Int = \"one half\"", "\"one half\""),
    ] {
      let line = try #require(SourceText.line(of: code, in: text))
      let column = try #require(SourceText.column(of: expression, onLineWith: code, in: text))
      #expect(result.stderr.contains("\(file):\(line):\(column): error: "), "\(code)\n\(result)")
    }
    #expect(
      result.stderr.contains("cannot convert value of type 'Int' to specified type 'String'"), "\(result)")
  }

  @Test func trapNamesTheBlockTheLineAndWhatItPrinted() async throws {
    let (result, file, text, _) = try await failingBuild("trap.md")
    let fence = try #require(SourceText.fence(before: "let w = widths[widths.count]", in: text))
    let line = try #require(SourceText.line(of: "let w = widths[widths.count]", in: text))
    let error = try #require(
      result.stderr.split(separator: "\n").first { $0.hasPrefix("\(file):\(fence): error: ") }, "\(result)")
    #expect(error.contains("Index out of range"), "\(result)")
    #expect(result.stderr.contains("reading past the end"), "\(result)")
    #expect(!result.stderr.contains("never printed"), "\(result)")
    #expect(result.stderr.contains("\(file):\(line): note: "), "\(result)")
  }

  @Test func fatalErrorNamesItsMessageAndLine() async throws {
    let (result, file, text, _) = try await failingBuild("fatal-error.md")
    let fence = try #require(SourceText.fence(before: "fatalError(", in: text))
    let line = try #require(SourceText.line(of: "fatalError(", in: text))
    let error = try #require(
      result.stderr.split(separator: "\n").first { $0.hasPrefix("\(file):\(fence): error: ") }, "\(result)")
    #expect(error.contains("the kernel diverged"), "\(result)")
    // Swift names the file by #fileID (`<module>/<file>`); the message names it as the author does.
    #expect(!result.stderr.contains("chapter/02-fatal-error.md"), "\(result)")
    #expect(result.stderr.contains("iterating the recursion"), "\(result)")
    #expect(result.stderr.contains("\(file):\(line): note: "), "\(result)")
  }

  @Test func errorThrownAtTopLevel() async throws {
    let (result, file, text, _) = try await failingBuild("throws.md")
    let fence = try #require(SourceText.fence(before: "throw Divergence()", in: text))
    let error = try #require(
      result.stderr.split(separator: "\n").first { $0.hasPrefix("\(file):\(fence): error: ") }, "\(result)")
    #expect(error.contains("Divergence"), "\(result)")
    #expect(result.stderr.contains("about to throw"), "\(result)")
  }

  @Test func inlineExpressionThatTrapsIsAnErrorAtItsLine() async throws {
    let (result, file, text, _) = try await failingBuild("inline-trap.md")
    let line = try #require(SourceText.line(of: "`{swift} widths[2]`", in: text))
    let error = try #require(
      result.stderr.split(separator: "\n").first { $0.hasPrefix("\(file):\(line): error: ") }, "\(result)")
    #expect(error.contains("inline expression"), "\(result)")
    #expect(error.contains("Index out of range"), "\(result)")
  }

  @Test func endlessLoopIsStoppedAtItsTimeout() async throws {
    let (result, file, text, book) = try await failingBuild("timeout.md")
    let fence = try #require(SourceText.fence(before: "while true", in: text))
    let error = try #require(
      result.stderr.split(separator: "\n").first { $0.hasPrefix("\(file):\(fence): error: ") }, "\(result)")
    #expect(error.contains("timeout of 2 s"), "\(result)")
    #expect(result.stderr.contains("looping forever"), "\(result)")
    // Stopped after 2 s with SIGTERM, which the chapter can see (it is not blocked in the
    // chapter program), and not left running.
    #expect(book.exists("stopped-by-sigterm"), "SIGTERM did not reach the chapter program")
    #expect(result.seconds < 20, "\(result)")
  }

  @Test func keepGoingWritesTheOtherChaptersAndAnErrorBox() async throws {
    try await ChapterLibraries.ready()
    let book = try Workspace()
    try book.addChapter("alpha.md", as: "01-alpha.md")
    try book.addChapter("trap.md", as: "02-trap.md")
    try book.addChapter("beta.md", as: "03-beta.md")
    try book.addChapter("compile-error.md", as: "04-compile-error.md")
    try book.addChapter("throws.md", as: "05-throws.md")
    let result = try book.notes("build", "--keep-going")
    // A block that ends in `throw` makes the generated glue after it unreachable: the
    // compiler's warning about that is no concern of the author's.
    #expect(!result.stderr.contains("in generated code"), "\(result)")
    #expect(!result.stderr.contains("will never be executed"), "\(result)")
    #expect(result.status != 0, "a failed chapter still fails the build\n\(result)")
    let text = try SourceText.fixture("trap.md")
    let fence = try #require(SourceText.fence(before: "let w = widths", in: text))
    #expect(result.stderr.contains("chapters/02-trap.md:\(fence): error: "), "\(result)")

    #expect(try book.read("build/01-alpha.html").contains("<pre>alpha says 42\n</pre>"))
    #expect(try book.read("build/03-beta.html").contains("<pre>beta says 55\n</pre>"))
    let failed = try book.read("build/02-trap.html")
    let box = try #require(HTML.element("div", class: "notes-error", in: failed), "no error box")
    #expect(box.contains("chapters/02-trap.md:\(fence): error:"))
    #expect(box.contains("Index out of range"))
    // The block before the failing one ran and shows its output; the failing one what it printed.
    #expect(failed.contains("<pre>ok so far\n</pre>"))
    #expect(failed.contains("reading past the end"))
    #expect(try book.read("build/index.html").contains("href=\"02-trap.html\""))
    // A chapter that does not compile shows the compiler's errors, at chapter lines, in a box.
    let uncompiled = try book.read("build/04-compile-error.html")
    let errors = try #require(HTML.element("div", class: "notes-error", in: uncompiled), "no error box")
    let source = try SourceText.fixture("compile-error.md")
    for code in ["let depth: String = width", "let ratio: Int = \"one half\""] {
      let line = try #require(SourceText.line(of: code, in: source))
      #expect(errors.contains("chapters/04-compile-error.md:\(line):"), "\(code)")
    }
  }

  @Test func unknownOptionAndMalformedValuesAreErrorsAtTheirLines() async throws {
    let book = try Workspace()
    try book.addChapter("bad-options.md", as: "01-bad-options.md")
    try book.addChapter("alpha.md", as: "02-alpha.md")
    let text = try SourceText.fixture("bad-options.md")
    let result = try book.notes("build")
    #expect(result.status == 1, "\(result)")
    let lines = result.stderr.split(separator: "\n").map(String.init)
    for (option, word) in [
      ("//| colour: red", "colour"), ("//| timeout: soon", "soon"), ("//| output: yes", "yes"),
    ] {
      let line = try #require(SourceText.line(of: option, in: text))
      let error = lines.first { $0.hasPrefix("chapters/01-bad-options.md:\(line): error: ") }
      #expect(error?.contains(word) == true, "\(option)\n\(result)")
    }
    // A valid option line above a bad one is no error.
    let echo = try #require(SourceText.line(of: "//| echo: false", in: text))
    #expect(!lines.contains { $0.hasPrefix("chapters/01-bad-options.md:\(echo):") }, "\(result)")
    // Nothing was compiled or written.
    #expect(!book.exists("build"))
  }
}
