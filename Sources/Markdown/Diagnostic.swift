/// A problem found while building, located in an author's file: printed as
/// `chapters/x.md:LINE:COLUMN: error: message`, like a compiler diagnostic.
///
/// Failures are values until the CLI prints them; nothing deep in the pipeline prints.
public struct Diagnostic: Error, Sendable, Hashable, Codable, CustomStringConvertible {
  public enum Severity: String, Sendable, Hashable, Codable {
    case error, warning, note
  }

  /// The file as the author names it (relative to the working directory where possible).
  public var file: String
  public var line: Int?
  public var column: Int?
  public var severity: Severity
  public var message: String

  public init(
    file: String, line: Int? = nil, column: Int? = nil, severity: Severity = .error, message: String
  ) {
    self.file = file
    self.line = line
    self.column = column
    self.severity = severity
    self.message = message
  }

  /// `file:LINE:COL`, as far as it is known: what an editor or terminal jumps to.
  public var location: String {
    var location = file
    if let line { location += ":\(line)" }
    if let line, line > 0, let column, column > 0 { location += ":\(column)" }
    return location
  }

  public var description: String { "\(location): \(severity.rawValue): \(message)" }
}

/// A build that failed with one or more diagnostics.
public struct BuildFailure: Error, Sendable, CustomStringConvertible {
  public var diagnostics: [Diagnostic]
  public init(_ diagnostics: [Diagnostic]) { self.diagnostics = diagnostics }
  public init(_ diagnostic: Diagnostic) { self.diagnostics = [diagnostic] }
  public var description: String { diagnostics.map(\.description).joined(separator: "\n") }
}
