// preview-bench: edit-to-update latency of `notes preview` against `notes build` for the same
// edits, on a copy of the shipped book, in one run.
//
//   swift build -c release --product notes && swift run -c release preview-bench [--rounds N] [--only NAME.md] [--quick]
//
// For a prose edit and for a one-block edit of the first shipped chapter with code, it times
// (a) `notes build` after the edit (the baseline: what an author does without preview), and
// (b) with `notes preview` running, from the file write until an open page would show the
// change: the live channel's update event arrived and the changed page was fetched with the
// new text. Each figure is the median of N rounds (default 5); ratios are to the baseline. The
// baseline builds its own copy of the book, and the two alternate edit by edit, so that a
// machine that gets busier or quieter during the run favours neither.
import Foundation

#if canImport(Glibc)
  import Glibc
#endif

let arguments = CommandLine.arguments
let rounds = arguments.firstIndex(of: "--rounds").flatMap { Int(arguments[$0 + 1]) } ?? 5
/// `--only NAME.md`: a book of that one shipped chapter (faster to warm up); `--quick`: NOTES_QUICK=1.
let only = arguments.firstIndex(of: "--only").map { arguments[$0 + 1] }
let quick = arguments.contains("--quick")
let fm = FileManager.default
let binDirectory = URL(fileURLWithPath: arguments[0]).deletingLastPathComponent()
// The `notes` built in the same configuration as this binary, else the debug one.
let candidates = [
  binDirectory.appendingPathComponent("notes"),
  binDirectory.deletingLastPathComponent().appendingPathComponent("debug/notes"),
]
guard let notes = candidates.first(where: { fm.isExecutableFile(atPath: $0.path) }) else {
  print("preview-bench: build the notes executable first (swift build --product notes)")
  exit(1)
}
let package = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
  .deletingLastPathComponent()
signal(SIGPIPE, SIG_IGN)

var environment = ProcessInfo.processInfo.environment
environment["NOTES_PACKAGE_DIR"] = package.path
environment["CI"] = "1"
if quick { environment["NOTES_QUICK"] = "1" }

/// Runs `notes args…` in `directory` to its end; wall seconds and status.
@MainActor func run(_ args: [String], in directory: URL) -> (Double, Int32, String) {
  let process = Process()
  process.executableURL = notes
  process.arguments = args
  process.currentDirectoryURL = directory
  process.environment = environment
  let pipe = Pipe()
  process.standardOutput = pipe
  process.standardError = pipe
  let start = Date()
  try! process.run()
  let data = pipe.fileHandleForReading.readDataToEndOfFile()
  process.waitUntilExit()
  return (Date().timeIntervalSince(start), process.terminationStatus, String(decoding: data, as: UTF8.self))
}

// MARK: - HTTP over a plain socket

func connect(port: UInt16) -> Int32 {
  let fd = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
  var address = sockaddr_in()
  address.sin_family = sa_family_t(AF_INET)
  address.sin_port = port.bigEndian
  address.sin_addr.s_addr = inet_addr("127.0.0.1")
  let status = withUnsafePointer(to: &address) {
    $0.withMemoryRebound(to: sockaddr.self, capacity: 1) {
      Glibc.connect(fd, $0, socklen_t(MemoryLayout<sockaddr_in>.size))
    }
  }
  precondition(status == 0, "cannot connect to the preview server")
  return fd
}

func send(_ fd: Int32, _ text: String) {
  let bytes = Array(text.utf8)
  _ = bytes.withUnsafeBytes { Glibc.send(fd, $0.baseAddress, $0.count, Int32(MSG_NOSIGNAL)) }
}

/// GET `path`: the body (the server answers with Content-Length and we ask it to close).
func get(_ port: UInt16, _ path: String) -> String {
  let fd = connect(port: port)
  defer { close(fd) }
  send(fd, "GET \(path) HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\n\r\n")
  var data = [UInt8]()
  var buffer = [UInt8](repeating: 0, count: 1 << 16)
  while true {
    let count = buffer.withUnsafeMutableBytes { recv(fd, $0.baseAddress, $0.count, 0) }
    if count <= 0 { break }
    data += buffer[0..<count]
  }
  return String(decoding: data, as: UTF8.self)
}

/// The live channel: reads `event: state` messages and hands over their `"version"`.
final class Events {
  let fd: Int32
  var text = ""
  init(port: UInt16) {
    fd = connect(port: port)
    send(fd, "GET /_notes/events HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n")
  }
  /// Blocks until a state with a version above `version` and not building arrives.
  func waitForVersion(above version: Int, timeout: Double = 600) -> Int? {
    let deadline = Date().addingTimeInterval(timeout)
    var buffer = [UInt8](repeating: 0, count: 1 << 16)
    while Date() < deadline {
      // The newest version among the events received so far: two builds' events can arrive in
      // one read, and only the last one says what the page is now.
      var newest: Int?
      for line in text.components(separatedBy: "\n") where line.hasPrefix("data: ") {
        guard
          let object = try? JSONSerialization.jsonObject(with: Data(line.dropFirst(6).utf8))
            as? [String: Any],
          let seen = object["version"] as? Int
        else { continue }
        if seen > version { newest = max(newest ?? seen, seen) }
      }
      if let newest {
        text = ""
        return newest
      }
      if let cut = text.range(of: "\n", options: .backwards) { text = String(text[cut.upperBound...]) }
      var poller = pollfd(fd: fd, events: Int16(POLLIN), revents: 0)
      guard poll(&poller, 1, 1000) > 0 else { continue }
      let count = buffer.withUnsafeMutableBytes { recv(fd, $0.baseAddress, $0.count, 0) }
      if count <= 0 { return nil }
      text += String(decoding: buffer[0..<count], as: UTF8.self)
    }
    return nil
  }
}

// MARK: - The book

let work = fm.temporaryDirectory.appendingPathComponent("preview-bench-\(getpid())")
try? fm.removeItem(at: work)
try! fm.createDirectory(at: work, withIntermediateDirectories: true)
defer { try? fm.removeItem(at: work) }
/// The copy of the book that `notes build` builds; `notes preview` watches `work`. Two copies, so
/// that the builds and the preview's updates alternate round by round (the machine's drift
/// then biases neither) without the preview seeing the baseline's edits.
let baselineWork = work.appendingPathComponent("baseline")
for name in ["chapters", "notes.toml", "references.bib"]
where fm.fileExists(atPath: package.appendingPathComponent(name).path) {
  try! fm.copyItem(at: package.appendingPathComponent(name), to: work.appendingPathComponent(name))
  try? fm.createDirectory(at: baselineWork, withIntermediateDirectories: true)
  try! fm.copyItem(at: package.appendingPathComponent(name), to: baselineWork.appendingPathComponent(name))
}
if let only {
  for name in try! fm.contentsOfDirectory(atPath: work.appendingPathComponent("chapters").path)
  where name != only {
    try! fm.removeItem(at: work.appendingPathComponent("chapters/\(name)"))
    try! fm.removeItem(at: baselineWork.appendingPathComponent("chapters/\(name)"))
  }
}
let names = try! fm.contentsOfDirectory(atPath: work.appendingPathComponent("chapters").path).sorted()
guard
  let chapter = names.first(where: { name in
    (try? String(contentsOf: work.appendingPathComponent("chapters/\(name)"), encoding: .utf8))?.contains(
      "```{swift}")
      ?? false
  })
else {
  print("preview-bench: no chapter with code")
  exit(1)
}
let chapterURL = work.appendingPathComponent("chapters/\(chapter)")
let page = chapter.replacingOccurrences(of: ".md", with: ".html")
let original = try! String(contentsOf: chapterURL, encoding: .utf8)

/// The chapter with a marker paragraph after its title, and a statement at the top of its
/// first block printing `blockValue` (nil: the block as shipped).
@MainActor func edited(prose: String, blockValue: String?) -> String {
  var text = original
  if let block = blockValue, let fence = text.range(of: "```{swift}\n") {
    // After the block's option lines (`//| …`), which must come first.
    var insertAt = fence.upperBound
    while text[insertAt...].hasPrefix("//|"), let end = text[insertAt...].firstIndex(of: "\n") {
      insertAt = text.index(after: end)
    }
    text.insert(contentsOf: "print(\"\(block)\")\n", at: insertAt)
  }
  if let firstBreak = text.range(of: "\n\n") {
    text.insert(contentsOf: "\n\n\(prose)", at: firstBreak.lowerBound)
  }
  return text
}

@MainActor func write(_ text: String, in directory: URL = work) {
  try! text.write(
    to: directory.appendingPathComponent("chapters/\(chapter)"), atomically: true, encoding: .utf8)
}

func median(_ values: [Double]) -> Double {
  let sorted = values.sorted()
  return sorted.isEmpty ? .nan : sorted[sorted.count / 2]
}

// Warm: libraries built and every chapter cached, in both copies (not timed).
for directory in [work, baselineWork] {
  let (_, warmStatus, warmOutput) = run(["build"], in: directory)
  guard warmStatus == 0 else {
    print("preview-bench: notes build failed:\n\(warmOutput)")
    exit(1)
  }
}

// MARK: notes preview
let preview = Process()
preview.executableURL = notes
preview.arguments = ["preview", "--port", "0"]
preview.currentDirectoryURL = work
preview.environment = environment
let out = Pipe()
preview.standardOutput = out
preview.standardError = FileHandle.nullDevice
try! preview.run()
var port: UInt16 = 0
var seen = ""
while port == 0 {
  let chunk = out.fileHandleForReading.availableData
  if chunk.isEmpty { break }
  seen += String(decoding: chunk, as: UTF8.self)
  if let range = seen.range(of: #"127\.0\.0\.1:(\d+)/"#, options: .regularExpression) {
    port = UInt16(seen[range].dropFirst("127.0.0.1:".count).dropLast()) ?? 0
  }
}
guard port != 0 else {
  print("preview-bench: notes preview did not start: \(seen)")
  exit(1)
}
let events = Events(port: port)
var version = events.waitForVersion(above: 0) ?? 0

/// Writes `text` and returns the seconds until the update event came and the page has `needle`.
@MainActor func timedEdit(_ text: String, needle: String) -> Double {
  let start = Date()
  write(text)
  while true {
    guard let next = events.waitForVersion(above: version) else { return .nan }
    version = next
    if get(port, "/\(page)").contains(needle) { return Date().timeIntervalSince(start) }
  }
}

// Rounds alternate between the two: a prose edit (the block as the last build ran it: nothing
// to run), then a new value printed by the first block (that chapter runs again), timed with
// `notes build` on the baseline copy, then with the preview on its copy.
var buildProse: [Double] = []
var buildBlock: [Double] = []
var previewProse: [Double] = []
var previewBlock: [Double] = []
var baselineBlock: String? = nil
var block: String? = nil
for round in 0..<rounds {
  write(edited(prose: "Baseline prose \(round).", blockValue: baselineBlock), in: baselineWork)
  buildProse.append(run(["build"], in: baselineWork).0)
  previewProse.append(
    timedEdit(edited(prose: "Preview prose \(round).", blockValue: block), needle: "Preview prose \(round)."))
  baselineBlock = "baseline-block-\(round)"
  write(edited(prose: "Baseline prose \(round).", blockValue: baselineBlock), in: baselineWork)
  buildBlock.append(run(["build"], in: baselineWork).0)
  block = "preview-block-\(round)"
  previewBlock.append(timedEdit(edited(prose: "Preview prose \(round).", blockValue: block), needle: block!))
}
// SIGTERM, not SIGINT: a shell starts background jobs with SIGINT ignored, and notes keeps
// an ignored signal ignored (nohup), so SIGINT would not stop a preview run from a script.
kill(preview.processIdentifier, SIGTERM)
preview.waitUntilExit()
write(original)

print(
  "preview-bench on \(package.lastPathComponent)/chapters/\(chapter) (\(names.count) chapter\(names.count == 1 ? "" : "s")\(quick ? ", NOTES_QUICK=1" : "")), \(notes.deletingLastPathComponent().lastPathComponent) notes, median of \(rounds)"
)
print("edit                    notes build   notes preview   preview/build")
for (label, build, live) in [
  ("prose edit", buildProse, previewProse), ("one-block edit", buildBlock, previewBlock),
] {
  let b = median(build)
  let p = median(live)
  print(
    label.padding(toLength: 22, withPad: " ", startingAt: 0)
      + String(format: "%9.3f s   %11.3f s   %10.2f×", b, p, p / b))
}
