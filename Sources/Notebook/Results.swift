import Foundation
import Markdown
import NotebookRuntime

/// A figure placed by `show(_:)`.
public struct FigureResult: Sendable, Codable, Hashable {
  public var svg: String
  public var csv: String
  public var title: String
  public var caption: String?
}

/// A table placed by `show(_:)`: column titles and formatted cells.
public struct TableResult: Sendable, Codable, Hashable {
  public var columns: [String]
  public var rows: [[String]]
  public var caption: String?
}

/// What one cell produced, in the order it produced it.
public struct CellResult: Sendable, Codable, Hashable {
  public enum Output: Sendable, Codable, Hashable {
    case stdout(String)
    case figure(FigureResult)
    case table(TableResult)
  }
  public var outputs: [Output] = []
  /// What the cell wrote to stderr (warnings).
  public var stderr: String = ""
  /// An inline cell's formatted value.
  public var value: String?
  /// The cell ran to its end.
  public var completed = false

  /// Everything printed to stdout, concatenated.
  public var stdout: String {
    outputs.map { if case .stdout(let text) = $0 { return text } else { return "" } }.joined()
  }
  public var figures: [FigureResult] {
    outputs.compactMap { if case .figure(let figure) = $0 { return figure } else { return nil } }
  }
}

/// The outcome of running one chapter program.
public struct ChapterRun: Sendable, Codable, Hashable {
  /// Indexed by ``Cell/index``; cells that never started have an empty result.
  public var cells: [CellResult]
  /// Set when the program failed: the failing cell (nil: before any cell, or at compile time)
  /// and the message.
  public var failure: Failure?
  /// Compiler warnings at chapter lines.
  public var warnings: [Diagnostic.Stored] = []

  public struct Failure: Sendable, Codable, Hashable {
    public var cell: Int?
    public var message: String
    /// Compile errors, as diagnostics at chapter lines.
    public var diagnostics: [Diagnostic.Stored]
  }

  /// Builds the cells' results from a program's stdout and stderr.
  static func collect(cellCount: Int, stdout: [UInt8], stderr: [UInt8], nonce: String) -> ChapterRun {
    var cells = Array(repeating: CellResult(), count: cellCount)
    var current: Int?
    for piece in Wire.split(stdout, nonce: nonce) {
      switch piece {
      case .output(let bytes):
        guard let cell = current else { continue }
        let text = String(decoding: bytes, as: UTF8.self)
        if case .stdout(let previous)? = cells[cell].outputs.last {
          cells[cell].outputs[cells[cell].outputs.count - 1] = .stdout(previous + text)
        } else {
          cells[cell].outputs.append(.stdout(text))
        }
      case .event(let event):
        guard cells.indices.contains(event.cell) else { continue }
        switch event.kind {
        case .begin: current = event.cell
        case .end:
          cells[event.cell].completed = true
          current = nil
        case .value: cells[event.cell].value = event.text ?? ""
        case .figure:
          cells[event.cell].outputs.append(
            .figure(
              FigureResult(
                svg: event.text ?? "", csv: event.csv ?? "", title: event.title ?? "", caption: event.caption)
            ))
        case .table:
          cells[event.cell].outputs.append(
            .table(TableResult(columns: event.columns ?? [], rows: event.rows ?? [], caption: event.caption)))
        case .progress: break
        }
      }
    }
    current = nil
    for piece in Wire.split(stderr, nonce: nonce) {
      switch piece {
      case .output(let bytes):
        if let cell = current { cells[cell].stderr += String(decoding: bytes, as: UTF8.self) }
      case .event(let event):
        if event.kind == .begin, cells.indices.contains(event.cell) { current = event.cell }
      }
    }
    return ChapterRun(cells: cells, failure: nil)
  }
}

extension Diagnostic {
  /// A Codable copy of a diagnostic, for the cache.
  public struct Stored: Sendable, Codable, Hashable {
    public var file: String
    public var line: Int?
    public var column: Int?
    public var severity: String
    public var message: String

    public init(_ d: Diagnostic) {
      file = d.file
      line = d.line
      column = d.column
      severity = d.severity.rawValue
      message = d.message
    }
    public var diagnostic: Diagnostic {
      Diagnostic(
        file: file, line: line, column: column, severity: Diagnostic.Severity(rawValue: severity) ?? .error,
        message: message)
    }
  }
}
