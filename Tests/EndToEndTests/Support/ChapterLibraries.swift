import Foundation
import Testing

/// The chapter libraries (`Figures`, `Criticality`, `NotebookRuntime`) are built once by
/// SwiftPM into the package's `.build-notes/` the first time a chapter runs (~1 min), then
/// shared by every build. Tests that run code await ``ready()`` so that they do not all build
/// them at once on a cold machine.
enum ChapterLibraries {
  private static let warmUp = Task<String?, Never> {
    do {
      let book = try Workspace()
      try book.write("chapters/warm-up.md", "# Warm-up\n\n```{swift}\nprint(1)\n```\n")
      let result = try book.notes("eval", "chapters/warm-up.md")
      return result.status == 0 ? nil : "\(result)"
    } catch {
      return "\(error)"
    }
  }

  /// Waits until the libraries are built; fails the calling test if they do not build.
  static func ready() async throws {
    if let failure = await warmUp.value {
      Issue.record("the chapter libraries do not build: \(failure)")
      throw CancellationError()
    }
  }
}

/// Where things are in a fixture's text.
enum SourceText {
  /// The 1-based number of the first line of `text` that contains `needle`.
  static func line(of needle: String, in text: String) -> Int? {
    let lines = text.split(separator: "\n", omittingEmptySubsequences: false)
    return lines.firstIndex { $0.contains(needle) }.map { $0 + 1 }
  }

  /// The 1-based column (in characters, as the compiler counts them for ASCII lines) where
  /// `needle` starts on the first line that contains `lineNeedle`.
  static func column(of needle: String, onLineWith lineNeedle: String, in text: String) -> Int? {
    guard let line = text.split(separator: "\n").first(where: { $0.contains(lineNeedle) }),
      let range = line.range(of: needle)
    else { return nil }
    return line.distance(from: line.startIndex, to: range.lowerBound) + 1
  }

  /// The line of the fence that opens the `{swift}` block containing `needle`.
  static func fence(before needle: String, in text: String) -> Int? {
    guard let target = line(of: needle, in: text) else { return nil }
    let lines = text.split(separator: "\n", omittingEmptySubsequences: false)
    return (0..<target).reversed().first { lines[$0].hasPrefix("```{swift}") }.map { $0 + 1 }
  }

  /// A fixture chapter's text.
  static func fixture(_ name: String) throws -> String {
    try String(
      contentsOf: Fixtures.url.appendingPathComponent("chapters").appendingPathComponent(name),
      encoding: .utf8)
  }
}
