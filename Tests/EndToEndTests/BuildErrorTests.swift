import Foundation
import Testing

/// Issue 2: a book that cannot be built gives a located error on stderr, exit status 1, and
/// writes nothing.
@Suite struct BuildErrorTests {
  /// Runs `notes build` (with `arguments`) in `book`, which must fail with exit status 1 and
  /// leave the book's files exactly as they were. Returns stderr's lines.
  func failingBuild(_ book: Workspace, _ arguments: String...) throws -> [String] {
    let before = try book.tree()
    let result = try NotesCLI.run(["build"] + arguments, in: book.root)
    #expect(result.status == 1, "\(result)")
    #expect(try book.tree() == before, "the failed build changed the book's folder")
    #expect(!result.stderr.isEmpty)
    return result.stderr.split(separator: "\n").map(String.init)
  }

  @Test func noChaptersFolder() throws {
    let book = try Workspace()
    try book.write("notes.toml", "title = \"T\"\n")
    let lines = try failingBuild(book)
    #expect(lines.first?.hasPrefix("chapters: error: no chapters folder") == true, "\(lines)")
    #expect(!book.exists("build"))

    let elsewhere = try failingBuild(book, "--chapters", "lectures")
    #expect(elsewhere.first?.hasPrefix("lectures: error: no chapters folder") == true, "\(elsewhere)")
  }

  @Test func chaptersFolderWithoutChapters() throws {
    let book = try Workspace()
    try book.write("chapters/README.txt", "not a chapter\n")
    try book.write("chapters/.hidden.md", "# Hidden\n")
    let lines = try failingBuild(book)
    #expect(lines.first?.hasPrefix("chapters: error: no chapters") == true, "\(lines)")
    #expect(!book.exists("build"))
  }

  @Test func chaptersPathThatIsAFile() throws {
    let book = try Workspace()
    try book.write("chapters", "# Not a folder\n")
    let lines = try failingBuild(book)
    #expect(lines.first?.hasPrefix("chapters: error:") == true, "\(lines)")
    #expect(lines.first?.contains("folder") == true, "\(lines)")
  }

  @Test func nonUTF8ChapterNamesTheByte() throws {
    let book = try Workspace()
    try book.write("chapters/01-fine.md", "# Fine\n")
    // Multi-byte characters before the bad byte: the offset counts bytes, not characters.
    let prefix = "# Ünïcode café\n\nσ(z) is fine, then "
    try book.write("chapters/02-latin1.md", bytes: Data(prefix.utf8) + Data([0xFF, 0x41, 0x0A]))
    let lines = try failingBuild(book)
    #expect(
      lines.contains("chapters/02-latin1.md: error: not UTF-8 at byte \(prefix.utf8.count)"), "\(lines)")
    #expect(!lines.contains { $0.contains("01-fine.md") }, "\(lines)")
    #expect(!book.exists("build"))
  }

  @Test func twoChaptersWithTheSameSlug() throws {
    let book = try Workspace()
    try book.write("chapters/01-Intro.md", "# One\n")
    try book.write("chapters/01-intro.md", "# Two\n")
    try book.write("chapters/02-other.md", "# Other\n")
    let lines = try failingBuild(book)
    let error = try #require(lines.first { $0.contains("same slug") }, "\(lines)")
    let named = ["chapters/01-Intro.md", "chapters/01-intro.md"]
    // The error is located at one of the two files and names the other.
    let at = try #require(named.first { error.hasPrefix("\($0): error:") }, "\(error)")
    #expect(error.contains(named.first { $0 != at }!), "\(error)")
    #expect(error.contains("'01-intro'"), "\(error)")
    #expect(!book.exists("build"))
  }

  @Test func outputPathThatIsAFile() throws {
    let book = try Workspace(fixture: "site")
    try book.write("site.html", "precious")
    let lines = try failingBuild(book, "--output", "site.html")
    #expect(lines.first?.hasPrefix("site.html: error:") == true, "\(lines)")
    #expect(lines.first?.contains("not a folder") == true, "\(lines)")
    // The location is given once, as the author typed it.
    #expect(lines.first?.components(separatedBy: "site.html").count == 2, "\(lines)")
    #expect(try book.read("site.html") == "precious")
  }

  @Test func badNotesTomlIsAnErrorAtItsLine() throws {
    let book = try Workspace(fixture: "site")
    try book.write("notes.toml", "title = \"T\"\ncolour = \"red\"\n")
    let lines = try failingBuild(book)
    #expect(lines.first?.hasPrefix("notes.toml:2: error: ") == true, "\(lines)")
    #expect(lines.first?.components(separatedBy: "notes.toml").count == 2, "\(lines)")
    #expect(lines.first?.contains("colour") == true, "\(lines)")
  }
}
