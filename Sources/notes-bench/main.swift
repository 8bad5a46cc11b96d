// notes-bench: where the time of `notes build` goes, on a copy of the shipped book.
// The first two builds leave the API reference out (`NOTES_API_REFERENCE=0`), to show its cost.
//
//   swift build --product notes && swift run -c release notes-bench [--quick]
//
// Runs the `notes` executable built next to this one on a temporary copy of chapters/ and
// notes.toml, and prints wall times for: a cold build (libraries already built, empty cache),
// a no-op rebuild, a rebuild after a prose-only edit, and after editing one block of one
// chapter. As a baseline measured in the same run it compiles a one-line Swift program with
// `swiftc -Onone` (what one chapter compile costs at least), and prints every figure also as a
// ratio to it, since these machines are shared and noisy.
import Foundation

let arguments = CommandLine.arguments
let quick = arguments.contains("--quick")
let fm = FileManager.default
let binDirectory = URL(fileURLWithPath: arguments[0]).deletingLastPathComponent()
// The debug `notes` (what the README's command builds), else the one next to this binary.
let candidates = [
  binDirectory.deletingLastPathComponent().appendingPathComponent("debug/notes"),
  binDirectory.appendingPathComponent("notes"),
]
guard let notes = candidates.first(where: { fm.isExecutableFile(atPath: $0.path) }) else {
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
try? fm.removeItem(at: work)
try! fm.createDirectory(at: work, withIntermediateDirectories: true)
defer { try? fm.removeItem(at: work) }
try! fm.copyItem(at: package.appendingPathComponent("chapters"), to: work.appendingPathComponent("chapters"))
if fm.fileExists(atPath: package.appendingPathComponent("notes.toml").path) {
  try! fm.copyItem(
    at: package.appendingPathComponent("notes.toml"), to: work.appendingPathComponent("notes.toml"))
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

@MainActor func build(_ label: String, _ extra: [String] = [], variables: [String: String] = [:]) {
  let (t, status, output) = run(
    notes.path, ["build"] + extra, in: work, environment: environment.merging(variables) { _, new in new })
  // The build's summary line, and the API reference's time if it has one.
  let lines = output.split(separator: "\n").map(String.init)
  var summary = lines.last { $0.hasPrefix("notes: built") } ?? lines.last ?? ""
  if let reference = lines.last(where: { $0.hasPrefix("notes: API reference") }),
    let time = reference.range(of: "(", options: .backwards)
  {
    summary += "; API reference " + reference[time.upperBound...].dropLast()
  }
  print(
    label.padding(toLength: 34, withPad: " ", startingAt: 0)
      + String(format: "%8.2f s  %7.1f×   ", t, t / baseline) + (status == 0 ? summary : "FAILED: \(output)"))
}

// Make sure the libraries are built (not timed: they are rebuilt only when their sources change).
_ = run(notes.path, ["build"], in: work, environment: environment)
try? fm.removeItem(at: work.appendingPathComponent("build"))

print("notes-bench on \(package.lastPathComponent)/chapters\(quick ? " (NOTES_QUICK=1)" : "")")
print(String(format: "baseline: swiftc -Onone of print(1)   %8.2f s     1.0×", baseline))
// Before/after the API reference (issue 16): cold and no-op builds without it
// (NOTES_API_REFERENCE=0: no symbol graphs, no AST dumps, no links), then with it from a cold
// cache and without the stamped symbol graphs, so that their extraction is counted.
build("cold build, no API reference", variables: ["NOTES_API_REFERENCE": "0"])
build("no-op rebuild, no API reference", variables: ["NOTES_API_REFERENCE": "0"])
try? fm.removeItem(at: work.appendingPathComponent("build"))
try? fm.removeItem(at: package.appendingPathComponent(".build-notes/symbol-graphs.json"))
build("cold build (libraries built)")
build("no-op rebuild")

// Prose-only edit: a paragraph inserted at the top of the first chapter with code.
let chapters = try! fm.contentsOfDirectory(atPath: work.appendingPathComponent("chapters").path).sorted()
let withCode = chapters.first { name in
  (try? String(contentsOf: work.appendingPathComponent("chapters/\(name)"), encoding: .utf8))?.contains(
    "```{swift}") ?? false
}
if let name = withCode {
  let url = work.appendingPathComponent("chapters/\(name)")
  var text = try! String(contentsOf: url, encoding: .utf8)
  if let firstBreak = text.range(of: "\n\n") {
    text.insert(contentsOf: "\n\nAn inserted paragraph of prose.", at: firstBreak.lowerBound)
  }
  try! text.write(to: url, atomically: true, encoding: .utf8)
  build("after a prose edit (\(name))")
  // One-block edit: append a statement to the first {swift} block.
  if let block = text.range(of: "```{swift}\n") {
    text.insert(contentsOf: "let _benchmarkEdit = 1\n", at: block.upperBound)
  }
  try! text.write(to: url, atomically: true, encoding: .utf8)
  build("after a one-block edit (\(name))")
}
build("forced rebuild (--force)", ["--force"])
