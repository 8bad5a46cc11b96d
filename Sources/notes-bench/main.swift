// notes-bench: where the time of `notes build` goes, on a copy of the shipped book.
// The first two builds leave the API reference out (`NOTES_API_REFERENCE=0`), to show its cost.
//
//   swift build --product notes && swift run -c release notes-bench [--quick] [--warm] [--rounds N]
//
// Runs the `notes` executable built next to this one on a temporary copy of the book
// (chapters/, notes.toml, references.bib), and prints wall times for: a cold build (libraries
// already built, empty cache), a no-op rebuild, a rebuild after a prose-only edit, and after
// editing one block of one chapter. As a baseline measured in the same run it compiles a one-line Swift program with
// `swiftc -Onone` (what one chapter compile costs at least), and prints every figure also as a
// ratio to it, since these machines are shared and noisy.
//
// `--warm` measures only the warm builds an author waits for (no-op, prose edit, one-block
// edit), after one untimed build; `--rounds N` repeats each of them N times (default 1, or 5
// with --warm) and prints the median and the fastest.
//
// `--notes PATH` times that `notes` instead of the debug one.
// `--against OLD_NOTES` (with `--warm`) is the before/after comparison in one run: the same
// warm builds, round by round, alternately with `OLD_NOTES` (e.g. a `notes` built from an
// earlier commit) and with this checkout's `notes`, each on its own copy of the book, and the
// ratio after/before of the medians.
import Foundation

let arguments = CommandLine.arguments
let quick = arguments.contains("--quick")
let warmOnly = arguments.contains("--warm")
let rounds = max(
  1,
  arguments.firstIndex(of: "--rounds").flatMap { $0 + 1 < arguments.count ? Int(arguments[$0 + 1]) : nil }
    ?? (warmOnly ? 5 : 1))
let against = arguments.firstIndex(of: "--against").flatMap {
  $0 + 1 < arguments.count ? URL(fileURLWithPath: arguments[$0 + 1]) : nil
}
let fm = FileManager.default
let binDirectory = URL(fileURLWithPath: arguments[0]).deletingLastPathComponent()
// The debug `notes` (what the README's command builds), else the one next to this binary.
let candidates = [
  binDirectory.deletingLastPathComponent().appendingPathComponent("debug/notes"),
  binDirectory.appendingPathComponent("notes"),
]
// `--notes PATH`: another `notes` (a release build, say).
let chosen = arguments.firstIndex(of: "--notes").flatMap {
  $0 + 1 < arguments.count ? URL(fileURLWithPath: arguments[$0 + 1]) : nil
}
guard let notes = chosen ?? candidates.first(where: { fm.isExecutableFile(atPath: $0.path) }) else {
  print("notes-bench: build the notes executable first (swift build --product notes)")
  exit(1)
}
let package = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
  .deletingLastPathComponent()

func run(_ executable: String, _ args: [String], in directory: URL, environment: [String: String] = [:]) -> (
  Double, Int32, String
) {
  let process = Process()
  process.executableURL = URL(fileURLWithPath: executable)
  process.arguments = args
  process.currentDirectoryURL = directory
  var env = ProcessInfo.processInfo.environment
  env["NOTES_PACKAGE_DIR"] = package.path
  env["CI"] = "1"
  for (k, v) in environment { env[k] = v }
  process.environment = env
  let pipe = Pipe()
  process.standardOutput = pipe
  process.standardError = pipe
  let start = DispatchTime.now().uptimeNanoseconds
  try! process.run()
  let data = pipe.fileHandleForReading.readDataToEndOfFile()
  process.waitUntilExit()
  let seconds = Double(DispatchTime.now().uptimeNanoseconds - start) / 1e9
  return (seconds, process.terminationStatus, String(decoding: data, as: UTF8.self))
}

let work = fm.temporaryDirectory.appendingPathComponent("notes-bench-\(getpid())")
/// With `--against`: the copy of the book that the old `notes` builds.
let oldWork = work.appendingPathComponent("old")
try? fm.removeItem(at: work)
try! fm.createDirectory(at: work, withIntermediateDirectories: true)
defer { try? fm.removeItem(at: work) }
// The book: its chapters, notes.toml, the bibliography they cite and a theme, where present.
for name in ["chapters", "notes.toml", "references.bib", "theme"]
where fm.fileExists(atPath: package.appendingPathComponent(name).path) {
  try! fm.copyItem(at: package.appendingPathComponent(name), to: work.appendingPathComponent(name))
  if against != nil {
    try? fm.createDirectory(at: oldWork, withIntermediateDirectories: true)
    try! fm.copyItem(at: package.appendingPathComponent(name), to: oldWork.appendingPathComponent(name))
  }
}
let environment = quick ? ["NOTES_QUICK": "1"] : [:]

// Baseline: one swiftc compile of a trivial program.
let baselineSource = work.appendingPathComponent("baseline.swift")
try! "print(1)\n".write(to: baselineSource, atomically: true, encoding: .utf8)
var baseline = Double.infinity
for _ in 0..<3 {
  let (t, status, output) = run(
    "/usr/bin/env", ["swiftc", "-Onone", "baseline.swift", "-o", "baseline"], in: work)
  guard status == 0 else {
    print("notes-bench: swiftc failed: \(output)")
    exit(1)
  }
  baseline = min(baseline, t)
}

/// Runs `notes build`, and returns its wall time and what to print after it (its summary line,
/// with the API reference's time if it has one), or nil and the output if it failed.
@MainActor func timedBuild(
  _ extra: [String] = [], variables: [String: String] = [:], executable: URL = notes, in directory: URL = work
) -> (Double, String?) {
  let (t, status, output) = run(
    executable.path, ["build"] + extra, in: directory,
    environment: environment.merging(variables) { _, new in new })
  guard status == 0 else {
    FileHandle.standardError.write(Data("notes-bench: notes build \(extra) failed:\n\(output)\n".utf8))
    return (t, nil)
  }
  let lines = output.split(separator: "\n").map(String.init)
  var summary = lines.last { $0.hasPrefix("notes: built") } ?? lines.last ?? ""
  if let reference = lines.last(where: { $0.hasPrefix("notes: API reference") }),
    let time = reference.range(of: "(", options: .backwards)
  {
    summary += "; API reference " + reference[time.upperBound...].dropLast()
  }
  return (t, summary)
}

/// One line of the table: the label, the time and its ratio to the baseline, then `note`.
@MainActor func report(_ label: String, _ t: Double, _ note: String) {
  print(
    label.padding(toLength: 44, withPad: " ", startingAt: 0)
      + String(format: "%8.2f s  %7.1f×   ", t, t / baseline) + note)
}

@MainActor func build(_ label: String, _ extra: [String] = [], variables: [String: String] = [:]) {
  let (t, summary) = timedBuild(extra, variables: variables)
  report(label, t, summary ?? "FAILED")
}

func median(_ values: [Double]) -> Double {
  let sorted = values.sorted()
  return sorted.count % 2 == 1
    ? sorted[sorted.count / 2] : (sorted[sorted.count / 2 - 1] + sorted[sorted.count / 2]) / 2
}

/// `rounds` builds, each after `prepare(round, directory)`: the median time (and the fastest).
/// With `--against`, each round builds first the old copy with the old `notes`, then this one,
/// and the line gives both medians and their ratio.
@MainActor func measure(_ label: String, prepare: (Int, URL) -> Void) {
  var times: [Double] = []
  var oldTimes: [Double] = []
  var last = ""
  for round in 0..<rounds {
    if let against {
      prepare(round, oldWork)
      let (t, summary) = timedBuild(executable: against, in: oldWork)
      guard summary != nil else {
        report(label, t, "FAILED with \(against.path)")
        return
      }
      oldTimes.append(t)
    }
    prepare(round, work)
    let (t, summary) = timedBuild()
    guard let summary else {
      report(label, t, "FAILED")
      return
    }
    times.append(t)
    last = summary
  }
  let spread = rounds > 1 ? String(format: "median of %d, fastest %.2f s; ", rounds, times.min()!) : ""
  if against != nil {
    let (before, after) = (median(oldTimes), median(times))
    print(
      label.padding(toLength: 44, withPad: " ", startingAt: 0)
        + String(format: "%8.2f s  %8.2f s  %6.2f×   ", before, after, after / before) + spread + last)
  } else {
    report(label, median(times), spread + last)
  }
}

// Make sure the libraries are built (not timed: they are rebuilt only when their sources change).
_ = run(notes.path, ["build"], in: work, environment: environment)
if let against { _ = run(against.path, ["build"], in: oldWork, environment: environment) }
if !warmOnly { try? fm.removeItem(at: work.appendingPathComponent("build")) }
if against != nil && !warmOnly {
  print("notes-bench: --against compares the warm builds: add --warm")
  exit(1)
}

print(
  "notes-bench on \(package.lastPathComponent)/chapters\(quick ? " (NOTES_QUICK=1)" : "")"
    + (rounds > 1 ? ", \(rounds) rounds per warm build" : ""))
print(
  "baseline: swiftc -Onone of print(1)".padding(toLength: 44, withPad: " ", startingAt: 0)
    + String(format: "%8.2f s     1.0×", baseline))
if let against {
  print("before: \(against.path); after: \(notes.path)")
  print("build".padding(toLength: 44, withPad: " ", startingAt: 0) + "    before       after   after/before")
}
if !warmOnly {
  // Before/after the API reference (issue 16): cold and no-op builds without it
  // (NOTES_API_REFERENCE=0: no symbol graphs, no AST dumps, no links), then with it from a cold
  // cache and without the stamped symbol graphs, so that their extraction is counted.
  build("cold build, no API reference", variables: ["NOTES_API_REFERENCE": "0"])
  build("no-op rebuild, no API reference", variables: ["NOTES_API_REFERENCE": "0"])
  try? fm.removeItem(at: work.appendingPathComponent("build"))
  try? fm.removeItem(at: package.appendingPathComponent(".build-notes/symbol-graphs.json"))
  build("cold build (libraries built)")
}
measure("no-op rebuild") { _, _ in }

// The edits, in the first chapter with code: a paragraph of prose inserted after its first
// paragraph, and a statement at the top of its first {swift} block. Each round writes a new
// paragraph or statement, and the prose edit keeps the block's current statement (so that
// only prose changes).
let chapters = try! fm.contentsOfDirectory(atPath: work.appendingPathComponent("chapters").path).sorted()
let withCode = chapters.first { name in
  (try? String(contentsOf: work.appendingPathComponent("chapters/\(name)"), encoding: .utf8))?.contains(
    "```{swift}") ?? false
}
if let name = withCode {
  let original = try! String(contentsOf: work.appendingPathComponent("chapters/\(name)"), encoding: .utf8)
  var (prose, block): (Int?, Int?) = (nil, nil)
  func write(in directory: URL) {
    var text = original
    if let block, let fence = text.range(of: "```{swift}\n") {
      text.insert(contentsOf: "let _benchmarkEdit = \(block)\n", at: fence.upperBound)
    }
    if let prose, let firstBreak = text.range(of: "\n\n") {
      text.insert(contentsOf: "\n\nAn inserted paragraph of prose, edit \(prose).", at: firstBreak.lowerBound)
    }
    try! text.write(
      to: directory.appendingPathComponent("chapters/\(name)"), atomically: true, encoding: .utf8)
  }
  measure("after a prose edit (\(name))") { round, directory in
    prose = round
    write(in: directory)
  }
  measure("after a one-block edit (\(name))") { round, directory in
    block = round
    write(in: directory)
  }
}
if !warmOnly { build("forced rebuild (--force)", ["--force"]) }
