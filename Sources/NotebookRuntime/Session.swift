import Figures
import Foundation
import NotebookWire

#if canImport(Glibc)
  import Glibc
#endif

/// The state of the running chapter program, set up from the environment the engine gives it:
/// `NOTES_NONCE` (frame nonce), `NOTES_MEMO_DIR` and `NOTES_LIBRARY_HASH` (for ``memo(_:_:compute:)``).
/// Run outside the engine (no nonce), events are not emitted and output is plain.
final class Session: @unchecked Sendable {
  static let shared = Session()

  let nonce: String?
  let memoDirectory: URL?
  let libraryHash: String
  /// `NOTES_MEMO_REFRESH`: recompute memos instead of reading them (`notes build --force`).
  let refreshMemos: Bool
  /// The hash of the chapter's code up to the running cell (set by the generated program).
  var memoScope = ""
  private let lock = NSLock()
  private(set) var currentCell = -1

  private init() {
    let environment = ProcessInfo.processInfo.environment
    nonce = environment["NOTES_NONCE"]
    memoDirectory = environment["NOTES_MEMO_DIR"].map { URL(fileURLWithPath: $0) }
    libraryHash = environment["NOTES_LIBRARY_HASH"] ?? ""
    refreshMemos = !(environment["NOTES_MEMO_REFRESH"] ?? "").isEmpty
  }

  func emit(_ event: Wire.Event) {
    guard let nonce else { return }
    lock.lock()
    defer { lock.unlock() }
    let bytes = Wire.frame(event, nonce: nonce)
    fflush(stdout)
    bytes.withUnsafeBufferPointer { buffer in
      _ = fwrite(buffer.baseAddress, 1, buffer.count, stdout)
    }
    fflush(stdout)
  }

  func begin(_ cell: Int) {
    currentCell = cell
    // stderr is unbuffered; mark cell boundaries there too so warnings are attributed.
    if let nonce {
      let marker = Wire.frame(Wire.Event(kind: .begin, cell: cell), nonce: nonce)
      marker.withUnsafeBufferPointer { _ = fwrite($0.baseAddress, 1, $0.count, stderr) }
    }
    emit(Wire.Event(kind: .begin, cell: cell))
  }
}

// MARK: - Entry points used by generated chapter programs (not for authors)

/// Called first by every chapter program: line-buffered stdout so a crash loses nothing printed,
/// and no blocked signals. The engine starts chapters from worker threads that block most
/// signals, and a child inherits that mask: without this, the timeout's SIGTERM would wait
/// unseen until the SIGKILL two seconds later, and a chapter could not handle it.
public func _notebookStart() {
  setvbuf(stdout, nil, _IOLBF, 0)
  var none = sigset_t()
  sigemptyset(&none)
  sigprocmask(SIG_SETMASK, &none, nil)
  _ = Session.shared
}

/// The hash of the chapter's code up to the next cell: part of every `memo` key in that cell.
public func _notebookMemoScope(_ hash: String) {
  Session.shared.memoScope = hash
}

public func _notebookBegin(_ cell: Int) {
  Session.shared.begin(cell)
}

public func _notebookEnd(_ cell: Int) {
  fflush(stdout)
  Session.shared.emit(Wire.Event(kind: .end, cell: cell))
}

/// Evaluates an inline expression and reports its formatted value.
public func _notebookInline<T>(_ cell: Int, _ value: () throws -> T) rethrows {
  Session.shared.begin(cell)
  let result = try value()
  Session.shared.emit(Wire.Event(kind: .value, cell: cell, text: notebookText(of: result)))
  Session.shared.emit(Wire.Event(kind: .end, cell: cell))
}

/// Called last: tells the engine the program ran to the end of the chapter, so that one that
/// ended early (`exit(0)` in a cell) is an error at that cell, not a silent success.
public func _notebookFinish() {
  Session.shared.emit(Wire.Event(kind: .finish, cell: -1))
  fflush(stdout)
  fflush(stderr)
}

// MARK: - The authoring API

/// Places a figure under the running block: a numbered `<figure>` with the SVG inline, the
/// block's `caption` option (or `caption` here, or the figure's title) under it, and its data
/// as CSV linked beside it. Warnings from drawing (skipped NaNs, …) go to stderr.
public func show(_ figure: some FigureRendering, caption: String? = nil) {
  let session = Session.shared
  for warning in figure.warnings {
    FileHandle.standardError.write(Data("warning: \(figure.title): \(warning)\n".utf8))
  }
  if session.nonce == nil {
    print(figure.svg())
    return
  }
  session.emit(
    Wire.Event(
      kind: .figure, cell: session.currentCell, text: figure.svg(), csv: figure.csv(), title: figure.title,
      caption: caption, warnings: figure.warnings.isEmpty ? nil : figure.warnings))
}

/// A small table of values for `show(_:)`; cells are formatted like inline values.
public struct Table: Sendable {
  /// The column titles (text with TeX-style math).
  public var columns: [String]
  /// The formatted cells, row by row.
  public var rows: [[String]]
  /// The table's caption, if any (the block's `caption:` option wins).
  public var caption: String?

  /// `rows[i][j]` is formatted with ``notebookText(of:)`` (numbers to 4 significant digits,
  /// estimates as `value ± error`). Titles and cells are Markdown on the page, so they may
  /// contain TeX math (`$C_W$`).
  public init(columns: [String], rows: [[Any]], caption: String? = nil) {
    self.columns = columns
    self.rows = rows.map { $0.map(notebookText(of:)) }
    self.caption = caption
  }

  /// Plain text, one row a line, cells separated by tabs (what `show` prints outside the engine).
  public var text: String {
    ([columns] + rows).map { $0.joined(separator: "\t") }.joined(separator: "\n")
  }
}

/// Places a table under the running block, numbered "Table N".
public func show(_ table: Table) {
  let session = Session.shared
  if session.nonce == nil {
    print(table.text)
    return
  }
  session.emit(
    Wire.Event(
      kind: .table, cell: session.currentCell, caption: table.caption, columns: table.columns,
      rows: table.rows))
}

/// Reports the running cell's progress (a fraction in [0, 1]); `notes build` shows it on a
/// terminal. Cheap enough to call often: at most one event per percent is sent.
public func reportProgress(_ fraction: Double) {
  let session = Session.shared
  // NaN or infinite: nothing to report (never a trap in the author's loop).
  guard session.nonce != nil, fraction.isFinite else { return }
  let percent = Int((min(max(fraction, 0), 1) * 100).rounded(.down))
  if ProgressThrottle.shared.shouldSend(percent) {
    session.emit(Wire.Event(kind: .progress, cell: session.currentCell, fraction: Double(percent) / 100))
  }
}

final class ProgressThrottle: @unchecked Sendable {
  static let shared = ProgressThrottle()
  private let lock = NSLock()
  private var last = -1
  func shouldSend(_ percent: Int) -> Bool {
    lock.lock()
    defer { lock.unlock() }
    if percent == last { return false }
    last = percent
    return true
  }
}

/// Whether the build asked for reduced sample sizes (`NOTES_QUICK=1`, used by the tests):
/// chapters pick smaller ensembles so that an end-to-end build is fast.
public var isQuickBuild: Bool {
  let value = ProcessInfo.processInfo.environment["NOTES_QUICK"] ?? ""
  return !value.isEmpty && value != "0"
}

/// Computes `compute()` once and stores the result in the build's cache; later builds reuse
/// it for as long as its result cannot have changed. Use it for expensive Monte Carlo:
///
///     let sweep = memo("four-point-sweep", n, L, seed) { simulate(n, L, seed) }
///
/// The key is SHA-256 of: `name`; the JSON of each of `arguments`; the result type; the code of
/// every `{swift}` block and inline expression of the chapter up to and including the one
/// that calls `memo` (a function it calls may be defined above; editing prose, moving code
/// down the page or editing a block below keeps the value); and the sources of the libraries
/// it can reach (`Criticality`, `NotebookRuntime` and the toolchain, not the plotting library
/// `Figures`, so restyling a plot does not redo its Monte Carlo). `notes build --force`
/// recomputes every memo. Each stored value records its key, so a wrong, truncated or foreign
/// file is recomputed, never trusted.
public func memo<T: Codable>(
  _ name: String, _ arguments: any Encodable..., compute: () throws -> T
) rethrows -> T {
  let session = Session.shared
  guard let directory = session.memoDirectory else { return try compute() }
  let encoder = JSONEncoder()
  encoder.outputFormatting = [.sortedKeys]
  var hasher = SHA256()
  hasher.update("notes-memo-v2\0")
  hasher.update(name)
  for argument in arguments {
    hasher.update([0])
    if let data = try? encoder.encode(argument) { hasher.update(data) }
  }
  hasher.update([0])
  hasher.update(session.memoScope)
  hasher.update([0])
  hasher.update(session.libraryHash)
  hasher.update([0])
  hasher.update(String(describing: T.self))
  let key = hasher.finalize()
  let url = directory.appendingPathComponent(key + ".json")
  if !session.refreshMemos, let data = try? Data(contentsOf: url),
    let entry = try? JSONDecoder().decode(MemoEntry<T>.self, from: data), entry.key == key
  {
    return entry.value
  }
  let value = try compute()
  if let data = try? encoder.encode(MemoEntry(key: key, value: value)) {
    try? FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
    let temporary = directory.appendingPathComponent(".\(key).\(getpid()).tmp")
    if (try? data.write(to: temporary)) != nil {
      _ = rename(temporary.path, url.path)
    }
  }
  return value
}

/// A stored memo value with the key it was computed for.
struct MemoEntry<T: Codable>: Codable {
  var key: String
  var value: T
}
