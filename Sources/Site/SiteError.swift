import Markdown

/// An error from building the site, located as a compiler diagnostic is: the file or folder
/// involved (`notes.toml`, line 3; `/abs/build/index.html`) and a message that says, where it
/// helps, what to do. Book turns it into a ``Markdown/Diagnostic`` field by field
/// (``diagnostic(orAt:)``); nothing reads its text back.
public struct SiteError: Error, CustomStringConvertible, Equatable, Sendable {
  /// The file or folder the error is about, as the site names it (relative to the book's folder,
  /// or absolute); nil when the error is about no file (a bad environment variable).
  public var file: String?
  public var line: Int?
  public var column: Int?
  /// What is wrong, without the location.
  public var message: String

  /// An error about no particular file.
  public init(_ message: String) {
    self.message = message
  }

  /// An error located in `file` (at `line` and `column` when known).
  public init(at file: String, line: Int? = nil, column: Int? = nil, _ message: String) {
    self.file = file
    self.line = line
    self.column = column
    self.message = message
  }

  /// `file:LINE:COL: message` as far as the location is known.
  public var description: String {
    guard let file else { return message }
    return Diagnostic(file: file, line: line, column: column, message: message).location + ": " + message
  }

  /// The same error as a diagnostic; one about no file is placed at `fallback` (the output
  /// folder a build was writing, say).
  public func diagnostic(orAt fallback: String) -> Diagnostic {
    Diagnostic(file: file ?? fallback, line: line, column: column, message: message)
  }
}
