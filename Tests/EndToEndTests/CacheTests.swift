import Foundation
import Testing

/// Issue 3: chapter results are cached by content, so that a prose edit compiles nothing and a
/// code edit re-executes only its chapter; the cache is never trusted blindly.
@Suite struct CacheTests {
  static let old = Date(timeIntervalSince1970: 1_000_000_000)

  /// A book of `alpha.md` and `beta.md`, built once (both executed).
  func builtBook() async throws -> Workspace {
    try await ChapterLibraries.ready()
    let book = try Workspace()
    try book.addChapter("alpha.md", as: "01-alpha.md")
    try book.addChapter("beta.md", as: "02-beta.md")
    let result = try book.notes("build")
    try #require(result.status == 0, "\(result)")
    #expect(result.stdout.contains("(2 executed, 0 cached"), "\(result)")
    return book
  }

  /// Marks both generated programs as written long ago: a compile would rewrite them.
  func ageGeneratedPrograms(_ book: Workspace) throws {
    for slug in ["01-alpha", "02-beta"] {
      try book.setModified("build/.notes/cache/work/\(slug)/main.swift", to: Self.old)
    }
  }

  func programAge(_ book: Workspace, _ slug: String) throws -> Date {
    try book.modified("build/.notes/cache/work/\(slug)/main.swift")
  }

  @Test func proseEditReusesResultsWithoutCompiling() async throws {
    let book = try await builtBook()
    try ageGeneratedPrograms(book)
    // A new paragraph above the block moves it down: line numbers are not part of the key.
    try book.edit(
      "chapters/01-alpha.md", replacing: "Alpha prose.\n",
      with: "Alpha prose.\n\nA new paragraph, with $K^\\star$ in it,\nover two lines.\n")
    let result = try book.notes("build")
    try #require(result.status == 0, "\(result)")
    #expect(result.stdout.contains("(0 executed, 2 cached"), "\(result)")
    #expect(try programAge(book, "01-alpha") == Self.old)
    #expect(try programAge(book, "02-beta") == Self.old)
    let page = try book.read("build/01-alpha.html")
    #expect(page.contains("A new paragraph, with <span class=\"math inline\">K^\\star</span> in it,"))
    #expect(page.contains("<pre>alpha says 42\n</pre>"))
    #expect(page.contains("The answer is <span class=\"notes-value\">42</span>."))

    // A single chapter book: the report the brief names.
    let single = try Workspace()
    try single.addChapter("alpha.md", as: "01-alpha.md")
    try #require(try single.notes("build").status == 0)
    try single.edit("chapters/01-alpha.md", replacing: "Alpha prose.", with: "Alpha's prose, edited.")
    let again = try single.notes("build")
    #expect(again.stdout.contains("(0 executed, 1 cached"), "\(again)")
  }

  @Test func compilerWarningsKeepTheirLinesWhenProseMovesTheBlock() async throws {
    try await ChapterLibraries.ready()
    let book = try Workspace()
    try book.addChapter("warning.md", as: "01-warning.md")
    var text = try SourceText.fixture("warning.md")
    func warnings(_ result: NotesCLI.Result) -> [String] {
      result.stderr.split(separator: "\n").map(String.init).filter { $0.contains(": warning: ") }
    }
    func expected() throws -> String {
      let line = try #require(SourceText.line(of: "var width = 16", in: text))
      let column = try #require(SourceText.column(of: "width", onLineWith: "var width = 16", in: text))
      return "chapters/01-warning.md:\(line):\(column): warning: variable 'width' was never mutated"
    }
    let first = try book.notes("build")
    try #require(first.status == 0, "\(first)")
    // Once, at the chapter line and column.
    #expect(warnings(first).count == 1, "\(first)")
    #expect(warnings(first).first?.hasPrefix(try expected()) == true, "\(first)")

    // Prose above the block: the cached run is used, and its warning moves with the block.
    try book.edit(
      "chapters/01-warning.md", replacing: "Prose above the block.\n",
      with: "Prose.\n\nMore prose\nabove the block.\n")
    text = try book.read("chapters/01-warning.md")
    let cached = try book.notes("build")
    try #require(cached.status == 0, "\(cached)")
    #expect(cached.stdout.contains("(0 executed, 1 cached"), "\(cached)")
    #expect(warnings(cached).count == 1, "\(cached)")
    #expect(warnings(cached).first?.hasPrefix(try expected()) == true, "\(cached)")
  }

  @Test func codeEditReexecutesOnlyThatChapter() async throws {
    let book = try await builtBook()
    try ageGeneratedPrograms(book)
    try book.edit("chapters/02-beta.md", replacing: "(1...10)", with: "(1...11)")
    let result = try book.notes("build")
    try #require(result.status == 0, "\(result)")
    #expect(result.stdout.contains("(1 executed, 1 cached"), "\(result)")
    #expect(try programAge(book, "01-alpha") == Self.old)
    #expect(try programAge(book, "02-beta") != Self.old)
    #expect(try book.read("build/02-beta.html").contains("<pre>beta says 66\n</pre>"))
    #expect(try book.read("build/01-alpha.html").contains("<pre>alpha says 42\n</pre>"))
  }

  @Test func corruptOrMissingEntriesAreRecomputed() async throws {
    let book = try await builtBook()
    let site = try book.tree("build", excluding: [".notes"])
    let alpha = "build/.notes/cache/results/01-alpha.json"
    let beta = "build/.notes/cache/results/02-beta.json"
    let entry = try Data(contentsOf: book.url(alpha))
    try book.write(alpha, bytes: entry.prefix(entry.count / 2))  // truncated
    try book.write(beta, "{\"key\": 42, \"run\": [")  // not an entry
    let result = try book.notes("build")
    try #require(result.status == 0, "\(result)")
    #expect(result.stdout.contains("(2 executed, 0 cached"), "\(result)")
    #expect(Tree.differences(site, try book.tree("build", excluding: [".notes"])) == [])
    // The entries are whole again: the next build uses them.
    for path in [alpha, beta] {
      #expect((try? JSONSerialization.jsonObject(with: Data(contentsOf: book.url(path)))) != nil, "\(path)")
    }
    try FileManager.default.removeItem(at: book.url(alpha))
    let missing = try book.notes("build")
    #expect(missing.status == 0, "\(missing)")
    #expect(missing.stdout.contains("(1 executed, 1 cached"), "\(missing)")
  }

  @Test func forceReexecutesEverything() async throws {
    let book = try await builtBook()
    let site = try book.tree("build", excluding: [".notes"])
    try ageGeneratedPrograms(book)
    let result = try book.notes("build", "--force")
    try #require(result.status == 0, "\(result)")
    #expect(result.stdout.contains("(2 executed, 0 cached"), "\(result)")
    #expect(try programAge(book, "01-alpha") != Self.old)
    #expect(Tree.differences(site, try book.tree("build", excluding: [".notes"])) == [])
    let cached = try book.notes("build")
    #expect(cached.stdout.contains("(0 executed, 2 cached"), "\(cached)")
  }

  @Test func oneAndTwoJobsGiveTheSameSite() async throws {
    try await ChapterLibraries.ready()
    var sites: [[String: Data]] = []
    for jobs in ["1", "2"] {
      let book = try Workspace()
      try book.addChapter("notebook.md", as: "01-notebook.md")
      try book.addChapter("alpha.md", as: "02-alpha.md")
      try book.addChapter("independent.md", as: "03-independent.md")
      try book.addChapter("beta.md", as: "04-beta.md")
      let result = try book.notes("build", "--jobs", jobs)
      try #require(result.status == 0, "\(result)")
      #expect(result.stdout.contains("(4 executed, 0 cached"), "\(result)")
      sites.append(try book.tree("build", excluding: [".notes"]))
    }
    #expect(sites[0].keys.contains("data/01-notebook-fig-1.csv"))
    #expect(Tree.differences(sites[0], sites[1]) == [])
  }

  @Test func memoKeepsAValueAcrossAnEditElsewhere() async throws {
    try await ChapterLibraries.ready()
    let book = try Workspace()
    try book.addChapter("memo.md", as: "01-memo.md")
    func calls() throws -> Int {
      try book.read("memo-calls.txt").split(separator: "\n").count
    }
    let first = try book.notes("build")
    try #require(first.status == 0, "\(first)")
    #expect(try calls() == 1)
    #expect(try book.read("build/01-memo.html").contains("<pre>sweep [0.125, 0.25, 0.375]\n</pre>"))

    // Another block changes: the chapter re-executes, the memo is reused.
    try book.edit("chapters/01-memo.md", replacing: "style: solid", with: "style: dashed")
    let restyled = try book.notes("build")
    try #require(restyled.status == 0, "\(restyled)")
    #expect(restyled.stdout.contains("(1 executed, 0 cached"), "\(restyled)")
    #expect(try calls() == 1)
    let page = try book.read("build/01-memo.html")
    #expect(page.contains("<pre>style: dashed\n</pre>"))
    #expect(page.contains("<pre>sweep [0.125, 0.25, 0.375]\n</pre>"))

    // New arguments are a new key: computed again.
    try book.edit(
      "chapters/01-memo.md", replacing: "memo(\"kernel-sweep\", 8, 3)", with: "memo(\"kernel-sweep\", 8, 4)")
    let changed = try book.notes("build")
    try #require(changed.status == 0, "\(changed)")
    #expect(try calls() == 2)
  }

  /// A chapter that finished is cached at once: interrupting the build while another chapter
  /// still runs does not lose it.
  @Test func anInterruptedBuildKeepsTheChaptersThatFinished() async throws {
    try await ChapterLibraries.ready()
    let book = try Workspace()
    try book.write("chapters/01-quick.md", "# Quick\n\n```{swift}\nprint(\"quick\")\n```\n")
    try book.write(
      "chapters/02-slow.md",
      """
      # Slow

      ```{swift}
      try! Data("running".utf8).write(to: URL(fileURLWithPath: "running"))
      Thread.sleep(forTimeInterval: 60)
      ```
      """)
    let notes = Process()
    notes.executableURL = NotesCLI.executable
    notes.arguments = ["build", "--jobs", "2"]
    notes.currentDirectoryURL = book.root
    notes.environment = NotesCLI.environment(in: book.root)
    notes.standardOutput = FileHandle.nullDevice
    notes.standardError = FileHandle.nullDevice
    try notes.run()
    // The slow chapter runs; the quick one, started with it, has long finished (or gets 20 s).
    let slowRuns = ProcessGroupTests.eventually(120) { book.exists("running") }
    try #require(slowRuns, "the slow chapter did not start")
    _ = ProcessGroupTests.eventually(20) { book.exists("build/.notes/cache/results/01-quick.json") }
    kill(notes.processIdentifier, SIGINT)
    notes.waitUntilExit()
    #expect(notes.terminationStatus != 0)

    try book.edit("chapters/02-slow.md", replacing: "Thread.sleep(forTimeInterval: 60)", with: "print(2)")
    let result = try book.notes("build")
    try #require(result.status == 0, "\(result)")
    #expect(result.stdout.contains("(1 executed, 1 cached"), "\(result)")
  }
}
