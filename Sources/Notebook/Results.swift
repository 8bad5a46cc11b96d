import Foundation
import Markdown
import NotebookWire

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
  public var warnings: [Diagnostic] = []
  /// The names in the blocks that the compiler resolved to the libraries' declarations (nil in
  /// results cached before notes recorded them).
  public var references: [CodeReference]? = nil

  public struct Failure: Sendable, Codable, Hashable {
    public var cell: Int?
    public var message: String
    /// Compile errors, as diagnostics at chapter lines.
    public var diagnostics: [Diagnostic]
  }
}
