import Book
import Foundation
import Markdown
import Testing

/// `ChapterLoader`: which files are chapters, in which order, and what is wrong with them.
@Suite struct ChapterLoaderTests {
  /// A fresh folder with `files` (name → bytes), removed by the caller.
  func folder(_ files: [String: [UInt8]]) throws -> URL {
    let url = FileManager.default.temporaryDirectory.appendingPathComponent("notes-book-\(UUID().uuidString)")
    try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
    for (name, bytes) in files { try Data(bytes).write(to: url.appendingPathComponent(name)) }
    return url
  }

  @Test(arguments: [
    ("02-Two Point.md", "02-two-point"),
    ("01-intro.markdown", "01-intro"),
    ("kernel_recursion.md", "kernel_recursion"),
    ("trailing!!.md", "trailing"),
    ("!!!.md", "chapter"),
  ])
  func slugs(name: String, slug: String) {
    #expect(ChapterLoader.slug(forFileName: name) == slug)
  }

  @Test func chaptersAreTheMarkdownFilesInByteOrder() throws {
    let url = try folder([
      "10-last.md": Array("# Last\n".utf8),
      "02-second.markdown": Array("# Second\n".utf8),
      "01-first.md": Array("# First\n".utf8),
      "Appendix.md": Array("# Appendix\n".utf8),
      "alpha.md": Array("# alpha\n".utf8),
      "Zeta.md": Array("# Zeta\n".utf8),
      ".draft.md": Array("# Hidden\n".utf8),
      "notes.txt": Array("not a chapter".utf8),
    ])
    defer { try? FileManager.default.removeItem(at: url) }
    let chapters = try ChapterLoader.load(from: url, displayPrefix: "chapters")
    // Byte order, the same on every machine: digits, then upper case, then lower case.
    #expect(chapters.map(\.slug) == ["01-first", "02-second", "10-last", "appendix", "zeta", "alpha"])
    #expect(
      chapters.map(\.source.displayPath) == [
        "chapters/01-first.md", "chapters/02-second.markdown", "chapters/10-last.md", "chapters/Appendix.md",
        "chapters/Zeta.md", "chapters/alpha.md",
      ])
    #expect(chapters.first?.source.text == "# First\n")
  }

  @Test func everyProblemIsReportedAtOnce() throws {
    let url = try folder([
      "01-a.md": Array("# A\n".utf8),
      "01-A.md": Array("# A again\n".utf8),
      "02-bad.md": Array("# Bad é".utf8) + [0xE9, 0x0A],
    ])
    defer { try? FileManager.default.removeItem(at: url) }
    do {
      _ = try ChapterLoader.load(from: url, displayPrefix: "chapters")
      Issue.record("expected a failure")
    } catch {
      let messages = error.diagnostics.map(\.description)
      #expect(messages.count == 2, "\(messages)")
      #expect(
        messages.contains { $0.hasPrefix("chapters/01-a.md: error: ") && $0.contains("chapters/01-A.md") })
      // "# Bad é" is 8 bytes (é is two): the stray Latin-1 byte is at offset 8.
      #expect(messages.contains("chapters/02-bad.md: error: not UTF-8 at byte 8"), "\(messages)")
    }
  }

  /// `notes eval`: one chapter is read alone, with its book slug; only its own problems count,
  /// and a file that is not a chapter is an error.
  @Test func oneChapterIsReadAlone() throws {
    let url = try folder([
      "01-a.md": Array("# A\n".utf8),
      "02-bad.md": Array("# Bad ".utf8) + [0xE9, 0x0A],
      "03-C.md": Array("# C\n".utf8),
      "notes.txt": Array("not a chapter".utf8),
    ])
    defer { try? FileManager.default.removeItem(at: url) }
    let chapters = try ChapterLoader.load(from: url, displayPrefix: "chapters", only: "03-C.md")
    #expect(chapters.map(\.slug) == ["03-c"])
    #expect(chapters.map(\.source.displayPath) == ["chapters/03-C.md"])
    for (name, expected) in [
      ("02-bad.md", "chapters/02-bad.md: error: not UTF-8 at byte 6"),
      ("notes.txt", "chapters/notes.txt: error: is not a chapter"),
      ("04-missing.md", "chapters/04-missing.md: error: cannot read file"),
    ] {
      do {
        _ = try ChapterLoader.load(from: url, displayPrefix: "chapters", only: name)
        Issue.record("expected a failure for \(name)")
      } catch {
        #expect(error.diagnostics.map(\.description).count == 1, "\(error)")
        #expect(error.diagnostics.first?.description.hasPrefix(expected) == true, "\(error)")
      }
    }
  }

  @Test func missingAndEmptyFolders() throws {
    let empty = try folder(["README.txt": Array("x".utf8)])
    defer { try? FileManager.default.removeItem(at: empty) }
    for (url, expected) in [
      (empty.appendingPathComponent("missing"), "lectures: error: no chapters folder"),
      (empty, "lectures: error: no chapters"),
      (empty.appendingPathComponent("README.txt"), "lectures: error: is not a folder"),
    ] {
      do {
        _ = try ChapterLoader.load(from: url, displayPrefix: "lectures")
        Issue.record("expected a failure for \(url.path)")
      } catch {
        #expect(error.diagnostics.first?.description.hasPrefix(expected) == true, "\(error)")
      }
    }
  }
}
