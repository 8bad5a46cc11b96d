import Foundation
import Testing

/// Issue 10, cases 2, 4, 5, 6 and 14: the output folder is checked, locked and switched
/// atomically; `clean` removes only what notes wrote; pages do not depend on the working
/// directory; chapter names keep their letters.
@Suite struct OutputFolderTests {
  /// A book whose one chapter has no code (fast) unless `code` is given.
  func book(code: String? = nil) throws -> Workspace {
    let book = try Workspace()
    var text = "# Welcome\n\nHello, reader.\n"
    if let code { text += "\n```{swift}\n\(code)\n```\n" }
    try book.write("chapters/01-welcome.md", text)
    try book.write("notes.toml", "title = \"A book\"\n")
    return book
  }

  @Test(arguments: [
    (".", "is the book's folder"), ("chapters", "is the chapters folder"),
    ("/", "contains the chapters folder"),
  ])
  func buildRefusesAnOutputFolderThatHoldsTheAuthorsFiles(output: String, reason: String) throws {
    let book = try self.book()
    let before = try book.tree()
    let result = try book.notes("build", "--output", output)
    #expect(result.status == 1, "\(result)")
    #expect(result.stderr.contains("error: the output folder \(reason)"), "\(result)")
    #expect(Tree.differences(before, try book.tree()) == [])
    // Nor does clean touch them.
    let clean = try book.notes("clean", "--output", output)
    #expect(clean.status == 1, "\(clean)")
    #expect(Tree.differences(before, try book.tree()) == [])
  }

  @Test func buildRefusesAFolderItDidNotCreateAndAFile() throws {
    let book = try self.book()
    // Someone's folder, even one that holds a `.notes/` folder of its own.
    try book.write("mine/notes.txt", "my notes")
    try book.write("mine/.notes/todo", "mine too")
    try book.write("file.txt", "a file")
    let before = try book.tree()
    for output in ["mine", "file.txt"] {
      let result = try book.notes("build", "--output", output)
      #expect(result.status == 1, "\(result)")
      let clean = try book.notes("clean", "--output", output)
      #expect(clean.status == 1, "\(clean)")
    }
    #expect(
      try book.notes("build", "--output", "mine").stderr.contains(
        "mine: error: is a folder that notes did not create"))
    #expect(
      try book.notes("build", "--output", "file.txt").stderr.contains(
        "file.txt: error: exists and is not a folder"))
    #expect(Tree.differences(before, try book.tree()) == [])
    // The home folder (not created by notes, not empty) is refused before anything is written.
    let home = try book.notes("build", "--output", NSHomeDirectory())
    #expect(home.status == 1, "\(home)")
    #expect(!FileManager.default.fileExists(atPath: NSHomeDirectory() + "/.notes"))
    // An empty folder is fine.
    try FileManager.default.createDirectory(at: book.url("empty"), withIntermediateDirectories: true)
    #expect(try book.notes("build", "--output", "empty").status == 0)
  }

  @Test func cleanRemovesOnlyWhatNotesWroteAndSaysWhatItLeft() throws {
    let book = try self.book()
    try #require(try book.notes("build").status == 0)
    try book.write("build/latex/thesis.pdf", "%PDF-1.5 the author's thesis")
    try book.write("build/README", "mine")
    let clean = try book.notes("clean")
    #expect(clean.status == 0, "\(clean)")
    #expect(clean.stdout.contains("left 2 files that notes did not write"), "\(clean)")
    #expect(clean.stdout.contains("build/latex/thesis.pdf"), "\(clean)")
    let left = try book.tree("build")
    #expect(left.keys.sorted() == [".notes/", ".notes/owner", "README", "latex/", "latex/thesis.pdf"])
    // The folder is still the book's: it builds again, and a clean of a folder holding only
    // what notes wrote removes it whole.
    try #require(try book.notes("build").status == 0)
    #expect(book.exists("build/index.html"))
    try FileManager.default.removeItem(at: book.url("build/latex"))
    try FileManager.default.removeItem(at: book.url("build/README"))
    #expect(try book.notes("clean").status == 0)
    #expect(!book.exists("build"))
    #expect(book.exists("chapters/01-welcome.md"))
  }

  @Test func pagesDoNotDependOnTheWorkingDirectory() throws {
    let book = try self.book()
    try #require(try book.notes("build").status == 0)
    // Built from `/` with absolute paths: the same bytes, and no local path in any page.
    let fromRoot = try NotesCLI.run(
      ["build", "--chapters", book.url("chapters").path, "--output", book.url("elsewhere").path],
      in: URL(fileURLWithPath: "/"))
    try #require(fromRoot.status == 0, "\(fromRoot)")
    let a = try book.tree("build", excluding: [".notes"])
    let b = try book.tree("elsewhere", excluding: [".notes"])
    #expect(Tree.differences(a, b) == [])
    let page = try book.read("elsewhere/01-welcome.html")
    #expect(page.contains("Source: <code>chapters/01-welcome.md</code>"))
    #expect(!page.contains(book.root.path))
  }

  @Test func chapterNamesKeepTheirLettersAndIndexIsReportedBeforeAnyCodeRuns() throws {
    let book = try self.book()
    try book.write("chapters/02-Über-Straße.md", "# Über\n\nText.\n")
    try book.write("chapters/03-αβγ.md", "# Greek\n\nText.\n")
    let result = try book.notes("build")
    try #require(result.status == 0, "\(result)")
    #expect(book.exists("build/02-über-straße.html"))
    #expect(book.exists("build/03-αβγ.html"))
    #expect(try book.read("build/index.html").contains("href=\"03-αβγ.html\""))

    // `index` is the table of contents: an error naming the file, before any block runs.
    try book.write("chapters/index.md", "# Index\n\n```{swift}\nprint(\"ran\")\n```\n")
    let reserved = try book.notes("build")
    #expect(reserved.status == 1)
    #expect(
      reserved.stderr.hasPrefix("chapters/index.md: error: the page name 'index' is taken"), "\(reserved)")
    #expect(!reserved.stdout.contains("executed"), "\(reserved)")
  }

  /// Two builds of different sources into one output folder, at once, many times: they take
  /// turns (the second says it waits), and the cache never pairs one chapter's code with the
  /// other's output.
  @Test func concurrentBuildsTakeTurnsAndNeverMixResults() async throws {
    try await ChapterLibraries.ready()
    let book = try Workspace()
    for round in 0..<10 {
      let a = 100 + 2 * round
      let b = a + 1
      try book.write("a/chapters/01-value.md", "# Value\n\n```{swift}\nprint(\"value\", \(a))\n```\n")
      try book.write("b/chapters/01-value.md", "# Value\n\n```{swift}\nprint(\"value\", \(b))\n```\n")
      let output = book.url("site").path
      async let first = Task.detached {
        try NotesCLI.run(["build", "--chapters", "a/chapters", "--output", output], in: book.root)
      }.value
      async let second = Task.detached {
        try NotesCLI.run(["build", "--chapters", "b/chapters", "--output", output], in: book.root)
      }.value
      let results = try await [first, second]
      for result in results { #expect(result.status == 0, "\(result)") }
      // Each build is served from the cache afterwards with its own value.
      for (folder, value) in [("a", a), ("b", b)] {
        let again = try book.notes("build", "--chapters", "\(folder)/chapters", "--output", output)
        #expect(again.status == 0, "\(again)")
        let page = try book.read("site/01-value.html")
        #expect(
          page.contains("<pre>value \(value)\n</pre>"), "round \(round): \(folder) shows the wrong output")
      }
    }
  }

  @Test func waitingBuildSaysSo() throws {
    let book = try self.book(
      code:
        "try! Data(\"running\".utf8).write(to: URL(fileURLWithPath: \"running\"))\nThread.sleep(forTimeInterval: 3)"
    )
    // Hold the lock with a build that runs for a few seconds, then start another.
    let slow = Process()
    slow.executableURL = NotesCLI.executable
    slow.arguments = ["build"]
    slow.currentDirectoryURL = book.root
    slow.environment = NotesCLI.environment(in: book.root)
    slow.standardOutput = FileHandle.nullDevice
    slow.standardError = FileHandle.nullDevice
    try slow.run()
    defer { slow.waitUntilExit() }
    // Wait until the first build runs its chapter (it holds the lock then).
    let deadline = Date().addingTimeInterval(120)
    while Date() < deadline, !book.exists("running") { Thread.sleep(forTimeInterval: 0.05) }
    let second = try book.notes("build")
    #expect(second.status == 0, "\(second)")
    #expect(
      second.stderr.contains("notes: waiting for another notes process that is using build/ to finish"),
      "\(second)")
  }

  /// A build killed while it moves pages into place: the next run finishes the switch before
  /// anything else, so the site is never a mix of two builds for longer than the crash.
  @Test(arguments: ["KILL", "TERM"])
  func anInterruptedSwitchIsFinished(signal: String) throws {
    let book = try self.book()
    try book.write("chapters/02-second.md", "# Second\n\nVersion one.\n")
    try #require(try book.notes("build").status == 0)
    // Version two: new text everywhere, one page gone, one new.
    try book.edit("chapters/01-welcome.md", replacing: "Hello, reader.", with: "Hello again, reader.")
    try FileManager.default.removeItem(at: book.url("chapters/02-second.md"))
    try book.write("chapters/03-third.md", "# Third\n\nVersion two.\n")
    let expected = try Workspace()
    try FileManager.default.copyItem(at: book.url("chapters"), to: expected.url("chapters"))
    try FileManager.default.copyItem(at: book.url("notes.toml"), to: expected.url("notes.toml"))
    try #require(try expected.notes("build").status == 0)

    let killed = try book.notes("build", environment: ["NOTES_FAULT_SWITCH": "\(signal):2"])
    #expect(killed.status != 0, "\(killed)")
    if signal == "KILL" {
      // Killed outright: half switched, with the journal left for the next run.
      #expect(book.exists("build/.notes/switch"))
      let next = try book.notes("build")
      #expect(next.status == 0, "\(next)")
      #expect(next.stderr.contains("finished the update of build/ that an interrupted build left"), "\(next)")
    }
    // Either way the site is exactly version two, and nothing is left half done.
    #expect(
      Tree.differences(
        try expected.tree("build", excluding: [".notes"]), try book.tree("build", excluding: [".notes"]))
        == [])
    #expect(!book.exists("build/.notes/switch"))
    #expect(!book.exists("build/.notes/staging"))
  }
}
