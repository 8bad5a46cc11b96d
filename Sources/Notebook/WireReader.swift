import Foundation
import NotebookWire

/// Splits a program's output into printed bytes and ``Wire`` events as it arrives, chunk by
/// chunk (a frame may span chunks).
///
/// A frame is `RS nonce ":" JSON RS`. Bytes that start like a frame but do not carry the nonce
/// are printed output; a frame with the nonce is the engine's, so it is parsed or, if its JSON
/// is invalid or it is cut off, dropped: frames are never shown to the author.
struct WireReader {
  private let prefix: [UInt8]
  private enum State {
    case text
    /// After an RS: `pending` holds the bytes that match the prefix so far.
    case prefix
    /// After the full prefix: `pending` holds the JSON so far.
    case frame
    /// A frame with invalid JSON met an RS: if the nonce follows, that RS opened a new frame
    /// (the first was cut off, e.g. forged or broken); `matched` bytes of it followed so far.
    case closing(matched: Int)
  }
  private var state = State.text
  private var pending: [UInt8] = []

  init(nonce: String) {
    prefix = [Wire.separator] + Array(nonce.utf8) + [UInt8(ascii: ":")]
  }

  /// Bytes of a frame still open (held until its end arrives).
  var openFrameBytes: Int {
    if case .frame = state { return pending.count }
    return 0
  }

  mutating func feed(_ bytes: [UInt8], _ emit: (Wire.Piece) -> Void) {
    var i = 0
    let decoder = JSONDecoder()
    while i < bytes.count {
      switch state {
      case .text:
        let end = bytes[i...].firstIndex(of: Wire.separator) ?? bytes.count
        if end > i { emit(.output(Array(bytes[i..<end]))) }
        if end < bytes.count {
          state = .prefix
          pending = [Wire.separator]
          i = end + 1
        } else {
          i = end
        }
      case .prefix:
        if bytes[i] == prefix[pending.count] {
          pending.append(bytes[i])
          i += 1
          if pending.count == prefix.count {
            state = .frame
            pending = []
          }
        } else {
          // Not a frame: what looked like its start was printed (the byte at `i` is read again).
          emit(.output(pending))
          pending = []
          state = .text
        }
      case .frame:
        guard let end = bytes[i...].firstIndex(of: Wire.separator) else {
          pending += bytes[i...]
          i = bytes.count
          continue
        }
        pending += bytes[i..<end]
        i = end + 1
        if let event = try? decoder.decode(Wire.Event.self, from: Data(pending)) {
          emit(.event(event))
          pending = []
          state = .text
        } else {
          pending = []
          state = .closing(matched: 1)
        }
      case .closing(let matched):
        if bytes[i] == prefix[matched] {
          i += 1
          state = matched + 1 == prefix.count ? .frame : .closing(matched: matched + 1)
        } else {
          // The broken frame ended at that RS (dropped); what follows it is printed output,
          // including the bytes that looked like a nonce (the byte at `i` is read again).
          if matched > 1 { emit(.output(Array(prefix[1..<matched]))) }
          state = .text
        }
      }
    }
  }

  /// The end of the stream: a lone RS was printed; a cut-off frame (or nonce) is dropped.
  mutating func finish(_ emit: (Wire.Piece) -> Void) {
    switch state {
    case .prefix where pending.count == 1: emit(.output(pending))
    case .closing(let matched) where matched > 1: emit(.output(Array(prefix[1..<matched])))
    default: break
    }
    pending = []
    state = .text
  }
}

/// Builds a ``ChapterRun`` from a running program's stdout and stderr, keeping each cell's
/// printed output under its limit and everything under a hard cap, so that the memory of
/// `notes` stays bounded whatever a chapter prints.
final class RunCollector {
  /// The whole run's cap (printed bytes and frames), whatever the limits per cell.
  static let hardCap = 256 << 20

  /// Why the program was stopped early by what it printed.
  enum Overflow: Equatable {
    /// A cell printed more than its limit (bytes).
    case cell(Int, limit: Int)
    /// The run as a whole passed ``hardCap``.
    case total(cell: Int?)
  }

  private(set) var cells: [CellResult]
  private let limits: [Int]
  private var stdoutReader: WireReader
  private var stderrReader: WireReader
  /// The cell that began and has not ended, on stdout and on stderr.
  private(set) var running: Int?
  private var stderrCell: Int?
  /// Cells in the order they began.
  private(set) var begun: [Int] = []
  /// The program sent its `finish` event: it ran to the end of the chapter.
  private(set) var finished = false
  private(set) var overflow: Overflow?
  private var printed: [Int]
  private var total = 0
  /// Printed bytes of the running cell not yet turned into text (a character may span chunks).
  private var pendingStdout: [UInt8] = []
  private var pendingStderr: [Int: [UInt8]] = [:]
  /// What was written to stderr outside any cell (frames removed).
  private(set) var strayStderr: [UInt8] = []

  /// The cap in force (``hardCap`` but in tests).
  private let cap: Int

  init(cellCount: Int, limits: [Int], nonce: String, cap: Int = RunCollector.hardCap) {
    self.cap = cap
    cells = Array(repeating: CellResult(), count: cellCount)
    self.limits = limits
    printed = Array(repeating: 0, count: cellCount)
    stdoutReader = WireReader(nonce: nonce)
    stderrReader = WireReader(nonce: nonce)
  }

  /// Takes a chunk of stdout; `.stop` when the program must be stopped.
  func stdout(_ bytes: [UInt8], progress: ((Double) -> Void)? = nil) -> ChildProcess.Verdict {
    guard overflow == nil else { return .stop }
    var reader = stdoutReader
    reader.feed(bytes) { piece in
      guard overflow == nil else { return }
      switch piece {
      case .output(let bytes):
        guard let cell = running else { return }
        if let kept = account(bytes.count, cell: cell) { pendingStdout += bytes.prefix(kept) }
      case .event(let event):
        if event.kind == .progress, let fraction = event.fraction {
          progress?(fraction)
          return
        }
        if event.kind == .finish {
          flushStdout()
          finished = true
          return
        }
        guard cells.indices.contains(event.cell) else { return }
        total += (event.text?.utf8.count ?? 0) + (event.csv?.utf8.count ?? 0)
        if total > cap {
          overflow = .total(cell: running)
          return
        }
        flushStdout()
        switch event.kind {
        case .begin:
          running = event.cell
          begun.append(event.cell)
        case .end:
          cells[event.cell].completed = true
          running = nil
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
        case .progress, .finish: break
        }
      }
    }
    stdoutReader = reader
    if overflow == nil && total + reader.openFrameBytes > cap { overflow = .total(cell: running) }
    return overflow == nil ? .more : .stop
  }

  /// Takes a chunk of stderr; `.stop` when the program must be stopped.
  func stderr(_ bytes: [UInt8]) -> ChildProcess.Verdict {
    guard overflow == nil else { return .stop }
    var reader = stderrReader
    reader.feed(bytes) { piece in
      guard overflow == nil else { return }
      switch piece {
      case .output(let bytes):
        if let cell = stderrCell {
          if let kept = account(bytes.count, cell: cell) {
            pendingStderr[cell, default: []] += bytes.prefix(kept)
          }
        } else {
          total += bytes.count
          if total > cap {
            overflow = .total(cell: running)
          } else {
            strayStderr += bytes
          }
        }
      case .event(let event):
        if event.kind == .begin, cells.indices.contains(event.cell) { stderrCell = event.cell }
      }
    }
    stderrReader = reader
    return overflow == nil ? .more : .stop
  }

  /// Counts `count` printed bytes against `cell`'s limit; returns how many to keep, nil if none.
  private func account(_ count: Int, cell: Int) -> Int? {
    let limit = limits.indices.contains(cell) ? limits[cell] : ChapterRunner.defaultMaxOutput
    let room = max(0, limit - printed[cell])
    printed[cell] += count
    total += min(count, room)
    if printed[cell] > limit {
      overflow = .cell(cell, limit: limit)
    } else if total > cap {
      overflow = .total(cell: cell)
    }
    return room > 0 ? min(count, room) : nil
  }

  private func flushStdout() {
    guard let cell = running, !pendingStdout.isEmpty else {
      pendingStdout = []
      return
    }
    let text = String(decoding: pendingStdout, as: UTF8.self)
    pendingStdout = []
    if case .stdout(let previous)? = cells[cell].outputs.last {
      cells[cell].outputs[cells[cell].outputs.count - 1] = .stdout(previous + text)
    } else {
      cells[cell].outputs.append(.stdout(text))
    }
  }

  /// The results, once the program has ended.
  func run() -> ChapterRun {
    stdoutReader.finish { _ in }
    stderrReader.finish { _ in }
    flushStdout()
    for (cell, bytes) in pendingStderr { cells[cell].stderr = String(decoding: bytes, as: UTF8.self) }
    pendingStderr = [:]
    return ChapterRun(cells: cells, failure: nil)
  }
}
