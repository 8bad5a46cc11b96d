import Foundation

/// The structured channel between a running chapter program and the engine.
///
/// Events travel inside the program's stdout, framed as `RS nonce ":" JSON RS` (RS = 0x1E), so
/// that their order relative to what the chapter prints is exact. The nonce comes from the
/// engine (environment variable `NOTES_NONCE`), so a chapter cannot forge a frame by accident.
/// The engine splits stdout at frames as it arrives (`WireReader` in the Notebook module): the
/// bytes between frames are the printed output of the cell that is running; a frame with the
/// nonce that does not parse is dropped, never shown.
public enum Wire {
  /// The byte that opens and closes a frame: ASCII RS (record separator).
  public static let separator: UInt8 = 0x1E

  /// What an event reports.
  public enum Kind: String, Codable, Sendable {
    /// A cell starts (block or inline): following output belongs to it.
    case begin
    /// The cell finished without trapping.
    case end
    /// An inline value, formatted.
    case value
    /// A figure placed by `show(_:)`.
    case figure
    /// A table placed by `show(_:)` (the engine renders it).
    case table
    /// Progress of the running cell, a fraction in [0, 1].
    case progress
    /// The program ran past its last cell (without it, the program ended early: `exit` in a cell).
    case finish
  }

  /// One message from the program to the engine (its fields by `kind`).
  public struct Event: Codable, Sendable, Equatable {
    /// What it reports.
    public var kind: Kind
    /// The cell it is about (``Cell/index`` in the Notebook module).
    public var cell: Int
    /// `value`: the formatted value; `figure`: the SVG.
    public var text: String?
    /// `figure`: the data as CSV.
    public var csv: String?
    /// `figure`: the title (the default caption); `table`: the caption.
    public var title: String?
    /// `figure`: the block's caption, if the program gave one to `show`.
    public var caption: String?
    /// `figure`: what the plotting library warns about (points left out, …).
    public var warnings: [String]?
    /// `progress`: the fraction of the cell's work done, in [0, 1].
    public var fraction: Double?
    /// `table`: column titles and rows of formatted cells.
    public var columns: [String]?
    /// `table`: the rows of formatted cells.
    public var rows: [[String]]?

    /// An event; only the fields of its kind are set.
    public init(
      kind: Kind, cell: Int, text: String? = nil, csv: String? = nil, title: String? = nil,
      caption: String? = nil, warnings: [String]? = nil, fraction: Double? = nil, columns: [String]? = nil,
      rows: [[String]]? = nil
    ) {
      self.kind = kind
      self.cell = cell
      self.text = text
      self.csv = csv
      self.title = title
      self.caption = caption
      self.warnings = warnings
      self.fraction = fraction
      self.columns = columns
      self.rows = rows
    }
  }

  /// The bytes of one frame.
  public static func frame(_ event: Event, nonce: String) -> [UInt8] {
    let encoder = JSONEncoder()
    encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
    let json = (try? encoder.encode(event)) ?? Data("{}".utf8)
    var bytes: [UInt8] = [separator]
    bytes.append(contentsOf: nonce.utf8)
    bytes.append(UInt8(ascii: ":"))
    bytes.append(contentsOf: json)
    bytes.append(separator)
    return bytes
  }

  /// A piece of a program's output stream: printed bytes, or an event.
  public enum Piece: Equatable, Sendable {
    /// Bytes the program printed.
    case output([UInt8])
    /// A frame with the run's nonce, parsed.
    case event(Event)
  }
}
