import Foundation
import Markdown
import NotebookWire

/// Stored chapter results, one file per chapter: `results/<slug>.json` holding the key it was
/// computed for. A missing, truncated or corrupt entry is simply a miss.
struct ResultCache: Sendable {
  var directory: URL
  /// Decoded entries kept by `notes preview` between builds.
  var memory: BuildMemory? = nil

  struct Entry: Codable {
    var key: String
    var run: ChapterRun
    /// Where each cell's code started when the run was stored (``codeLines(_:)``). Line
    /// positions are not part of the key, so prose added above a block reuses its run; its
    /// compiler warnings are moved by as many lines as their cell moved.
    var codeLines: [Int]?
  }

  /// The source line of each cell's code: a block's first line after its options, an inline
  /// span's line.
  static func codeLines(_ chapter: NotebookChapter) -> [Int] {
    chapter.cells.map { cell in
      if case .block(_, let codeLine, _) = cell.kind { return codeLine }
      return cell.line
    }
  }

  /// `warnings` located by `old` cell positions, moved to the `new` ones: a line in cell `i`
  /// (the last cell starting at or above it) keeps its offset from that cell's start.
  static func moved(_ warnings: [Diagnostic], from old: [Int], to new: [Int]) -> [Diagnostic] {
    guard old.count == new.count else { return warnings }
    return warnings.map { warning in
      guard let line = warning.line, let cell = old.lastIndex(where: { $0 <= line }) else { return warning }
      var moved = warning
      moved.line = line - old[cell] + new[cell]
      return moved
    }
  }

  /// SHA-256 of the program without line directives, the libraries' hash (which covers the
  /// toolchain version), the chapter's timeout and the `NOTES_*` environment variables that
  /// chapters may read (e.g. `NOTES_QUICK`).
  static func key(
    program: ChapterProgram, chapter: NotebookChapter, libraries: LibrarySet, environment: [String: String]
  ) -> String {
    var hasher = SHA256()
    // v2: results carry the code references of their listings.
    hasher.update("notes-results-v2\0")
    hasher.update(program.keySource)
    hasher.update("\0\(libraries.hash)\0\(chapter.timeout)\0")
    for name in environment.keys.sorted() where name.hasPrefix("NOTES_") && !engineVariables.contains(name) {
      hasher.update("\(name)=\(environment[name]!)\0")
    }
    return hasher.finalize()
  }

  /// `NOTES_*` variables that steer the engine and cannot change what a chapter computes.
  static let engineVariables: Set<String> = ["NOTES_PACKAGE_DIR", "NOTES_FAULT_SWITCH", "NOTES_EXECUTABLE"]

  func load(_ chapter: NotebookChapter, key: String) -> ChapterRun? {
    guard let data = try? Data(contentsOf: directory.appendingPathComponent("\(chapter.slug).json")) else {
      return nil
    }
    let decode = { (data: Data) in try? JSONDecoder().decode(Entry.self, from: data) }
    let decoded = memory.map { $0.entry(slug: chapter.slug, data: data, decode: decode) } ?? decode(data)
    guard let entry = decoded, entry.key == key else { return nil }
    var run = entry.run
    if let old = entry.codeLines {
      run.warnings = Self.moved(run.warnings, from: old, to: Self.codeLines(chapter))
    }
    return run
  }

  func store(_ run: ChapterRun, chapter: NotebookChapter, key: String) {
    let slug = chapter.slug
    let encoder = JSONEncoder()
    encoder.outputFormatting = [.sortedKeys]
    guard let data = try? encoder.encode(Entry(key: key, run: run, codeLines: Self.codeLines(chapter))) else {
      return
    }
    try? FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
    let url = directory.appendingPathComponent("\(slug).json")
    let temporary = directory.appendingPathComponent(
      ".\(slug).\(ProcessInfo.processInfo.processIdentifier).tmp")
    if (try? data.write(to: temporary)) != nil {
      _ = rename(temporary.path, url.path)
    }
  }
}
