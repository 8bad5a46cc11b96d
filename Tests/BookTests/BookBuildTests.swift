import Book
import Foundation
import Markdown
import Testing

/// `Book.build` in process, on books without executable code (no compiler involved).
@Suite struct BookBuildTests {
  final class Folder {
    let url = FileManager.default.temporaryDirectory.appendingPathComponent("notes-book-\(UUID().uuidString)")
    func write(_ path: String, _ text: String) throws {
      let file = url.appendingPathComponent(path)
      try FileManager.default.createDirectory(
        at: file.deletingLastPathComponent(), withIntermediateDirectories: true)
      try Data(text.utf8).write(to: file)
    }
    func read(_ path: String) throws -> String {
      String(decoding: try Data(contentsOf: url.appendingPathComponent(path)), as: UTF8.self)
    }
    var options: BuildOptions {
      BuildOptions(
        chaptersDirectory: url.appendingPathComponent("chapters"),
        outputDirectory: url.appendingPathComponent("site"),
        projectDirectory: url)
    }
    deinit { try? FileManager.default.removeItem(at: url) }
  }

  @Test func writesPagesAndReportsThem() throws {
    let book = Folder()
    try book.write("notes.toml", "title = \"Criticality\"\n")
    try book.write("chapters/01-one.md", "# One\n\nFirst.\n\n## A section\n")
    try book.write("chapters/02-two.md", "No title here.\n")
    let report = try Book.build(book.options)
    #expect(report.chapters == 2)
    #expect(report.evaluation.chaptersWithCode == 0)
    #expect(report.evaluation.executed == 0)
    for file in ["index.html", "01-one.html", "02-two.html"] {
      #expect(report.writtenFiles.contains(file), "\(report.writtenFiles)")
    }
    // A chapter without a title is a warning at its first line, and uses its slug.
    #expect(report.warnings.count == 1)
    #expect(report.warnings.first?.severity == .warning)
    #expect(report.warnings.first?.line == 1)
    #expect(report.warnings.first?.file.hasSuffix("chapters/02-two.md") == true)
    #expect(try book.read("site/02-two.html").contains("<title>02-two · Criticality</title>"))
    #expect(try book.read("site/index.html").contains("01-one.html#a-section"))
  }

  @Test func configurationErrorsKeepTheirLine() throws {
    let book = Folder()
    try book.write("notes.toml", "# course\ntitle = \"T\"\nauthor = 3\n")
    try book.write("chapters/01-one.md", "# One\n")
    do {
      _ = try Book.build(book.options)
      Issue.record("expected a failure")
    } catch {
      let diagnostic = try #require(error.diagnostics.first)
      #expect(diagnostic.line == 3, "\(error)")
      #expect(diagnostic.file.hasSuffix("notes.toml"), "\(error)")
      #expect(!diagnostic.message.contains("notes.toml"), "the location is printed twice: \(error)")
    }
    #expect(!FileManager.default.fileExists(atPath: book.url.appendingPathComponent("site").path))
  }

  @Test func badCellOptionsFailBeforeAnythingRuns() throws {
    let book = Folder()
    try book.write("chapters/01-one.md", "# One\n\n```{swift}\n//| echo: maybe\nfatalError()\n```\n")
    do {
      _ = try Book.build(book.options)
      Issue.record("expected a failure")
    } catch {
      #expect(error.diagnostics.map(\.line) == [4], "\(error)")
    }
    #expect(!FileManager.default.fileExists(atPath: book.url.appendingPathComponent("site").path))
  }

  @Test func displayPathsAreRelativeToTheWorkingDirectory() {
    let cwd = URL(fileURLWithPath: FileManager.default.currentDirectoryPath)
    #expect(Book.displayPath(cwd.appendingPathComponent("chapters/01-a.md")) == "chapters/01-a.md")
    #expect(Book.displayPath(cwd) == ".")
    #expect(Book.displayPath(URL(fileURLWithPath: "/nonexistent-root/x.md")) == "/nonexistent-root/x.md")
  }
}
