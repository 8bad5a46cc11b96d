import Foundation
import Testing

/// `notes eval` runs the build's own front (`Book.evaluate`) for one chapter: the same
/// configuration, checks and result cache keys, so what one ran the other reuses.
@Suite struct EvalPipelineTests {
  /// A chapter whose block appends a line to `runs.txt` in the book's folder each time it
  /// really runs (a cached result does not), and prints a value.
  static func chapter(_ value: Int) -> String {
    """
    # Counted

    ```{swift}
    let log = URL(fileURLWithPath: "runs.txt")
    let before = (try? String(contentsOf: log, encoding: .utf8)) ?? ""
    try! (before + "ran\\n").write(to: log, atomically: true, encoding: .utf8)
    let answer = \(value)
    print("answer", answer)
    ```

    The answer is `{swift} answer`.

    """
  }

  /// How many times the chapter's code has run.
  static func runs(_ book: Workspace) throws -> Int {
    guard book.exists("runs.txt") else { return 0 }
    return try book.read("runs.txt").split(separator: "\n").count
  }

  @Test func evalAndBuildShareCachedResults() async throws {
    try await ChapterLibraries.ready()
    let book = try Workspace()
    try book.write("chapters/01-other.md", "# Other\n\nNo code here.\n")
    try book.write("chapters/02-counted.md", Self.chapter(41))

    // build runs it; eval of the same chapter then reuses the build's result.
    let build = try book.notes("build")
    try #require(build.status == 0, "\(build)")
    #expect(build.stdout.contains("(1 executed, 0 cached"), "\(build)")
    #expect(try Self.runs(book) == 1)
    let eval = try book.notes("eval", "chapters/02-counted.md")
    try #require(eval.status == 0, "\(eval)")
    #expect(try Self.runs(book) == 1, "eval re-ran a chapter the build had cached")
    #expect(eval.stdout.contains("chapters/02-counted.md:3: block\n  | answer 41\n"), "\(eval)")
    #expect(eval.stdout.contains("chapters/02-counted.md:11: `answer` = 41"), "\(eval)")

    // An edit: eval runs it; the build then reuses eval's result.
    try book.write("chapters/02-counted.md", Self.chapter(42))
    let edited = try book.notes("eval", "chapters/02-counted.md", "--json")
    try #require(edited.status == 0, "\(edited)")
    #expect(try Self.runs(book) == 2)
    #expect(edited.stdout.contains("\"value\" : \"42\""), "\(edited)")
    let rebuilt = try book.notes("build")
    try #require(rebuilt.status == 0, "\(rebuilt)")
    #expect(rebuilt.stdout.contains("(0 executed, 1 cached"), "\(rebuilt)")
    #expect(try Self.runs(book) == 2, "the build re-ran a chapter eval had cached")
    #expect(try book.read("build/02-counted.html").contains("answer 42"))
  }

  /// The build's checks of the book come first: a bad `notes.toml` or a cell option error
  /// fails eval as it fails the build, before anything runs.
  @Test func evalReportsTheBuildsInputErrors() throws {
    let book = try Workspace()
    try book.write("chapters/01-one.md", "# One\n\n```{swift}\n//| echo: maybe\nprint(1)\n```\n")
    let option = try book.notes("eval", "chapters/01-one.md")
    #expect(option.status == 1, "\(option)")
    let message = "chapters/01-one.md:4: error: option 'echo' must be true or false, not 'maybe'"
    #expect(option.stderr.hasPrefix(message), "\(option)")
    let build = try book.notes("build")
    #expect(build.status == 1 && build.stderr.contains(message), "\(build)")

    try book.write("chapters/01-one.md", "# One\n\nNo code.\n")
    try book.write("notes.toml", "title = \"T\"\ncolour = \"red\"\n")
    let toml = try book.notes("eval", "chapters/01-one.md")
    #expect(toml.status == 1, "\(toml)")
    #expect(toml.stderr.hasPrefix("notes.toml:2: error: unknown key 'colour'"), "\(toml)")
    // A failure on the input leaves no output folder behind.
    #expect(!book.exists("build"))
  }

  /// Only chapters can be evaluated, and a missing file says so.
  @Test func evalOfAFileThatIsNotAChapterIsAnError() throws {
    let book = try Workspace()
    try book.write("chapters/01-one.md", "# One\n")
    try book.write("chapters/notes.txt", "text\n")
    let other = try book.notes("eval", "chapters/notes.txt")
    #expect(other.status == 1, "\(other)")
    #expect(other.stderr.hasPrefix("chapters/notes.txt: error: is not a chapter"), "\(other)")
    let missing = try book.notes("eval", "chapters/02-missing.md")
    #expect(missing.status == 1, "\(missing)")
    #expect(missing.stderr.hasPrefix("chapters/02-missing.md: error: cannot read file"), "\(missing)")
    #expect(!book.exists("build"))
  }
}
