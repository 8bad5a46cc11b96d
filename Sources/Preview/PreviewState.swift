import Foundation
import Markdown

/// What every open page is told: the site's version, what the last build changed, what is
/// wrong, what is running. Sent as JSON over the live channel and embedded in each HTML page
/// the server sends, so that a page loaded while a chapter is broken shows the error at once.
public struct PreviewState: Codable, Sendable, Equatable {
  /// A diagnostic as the page shows it.
  public struct Problem: Codable, Sendable, Equatable {
    /// `chapters/x.md:LINE:COL` (as far as known), as the author would type it.
    public var location: String
    /// The chapter's file relative to the book's folder (`chapters/x.md`), or another file.
    public var file: String
    public var line: Int?
    public var column: Int?
    public var severity: String
    public var message: String

    public init(_ diagnostic: Diagnostic) {
      file = diagnostic.file
      line = diagnostic.line
      column = diagnostic.column
      severity = diagnostic.severity.rawValue
      message = diagnostic.message
      location = diagnostic.location
    }
  }

  /// A chapter being compiled and run.
  public struct Running: Codable, Sendable, Equatable {
    public var chapter: String
    /// Whole seconds since it started.
    public var seconds: Int
    /// What the chapter last reported with `reportProgress` (0…1), if anything.
    public var fraction: Double?
  }

  /// Increases with every build that changed the site.
  public var version = 0
  /// A build is under way.
  public var building = false
  /// The libraries chapters import are being built (release, can take a minute).
  public var buildingLibraries = false
  /// Site paths (`02-waves.html`, `assets/notes.css`) whose bytes the last site update changed.
  public var changed: [String] = []
  /// Errors of the last build (then the site is the previous one) and its warnings.
  public var problems: [Problem] = []
  public var running: [Running] = []

  public init() {}

  /// The state as compact JSON, safe inside an HTML `<script>`: `<`, `>` and `&` (which JSON
  /// has only inside strings) are written `\u003c`, `\u003e`, `\u0026`, as the search index's
  /// `JSONText` writes them, so neither `</script>` nor `<!--` in a compiler message can end or
  /// derail the script.
  public func json() -> String {
    let encoder = JSONEncoder()
    encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
    let data = (try? encoder.encode(self)) ?? Data("{}".utf8)
    return String(decoding: data, as: UTF8.self).replacingOccurrences(of: "<", with: "\\u003c")
      .replacingOccurrences(of: ">", with: "\\u003e").replacingOccurrences(of: "&", with: "\\u0026")
  }
}
