import Foundation

/// The built `notes` executable, run as a child process the way an author runs it.
///
/// The executable sits next to the test bundle (`.build/<triple>/debug/notes`): `swift test`
/// builds it first because `EndToEndTests` depends on the `notes` product. `NOTES_EXECUTABLE`
/// overrides the location.
enum NotesCLI {
  /// What one run of `notes` did.
  struct Result: Sendable, CustomStringConvertible {
    var status: Int32
    var stdout: String
    var stderr: String
    /// Wall time of the run in seconds.
    var seconds: Double

    var description: String {
      "exit \(status) after \(String(format: "%.2f", seconds)) s\n--- stdout\n\(stdout)--- stderr\n\(stderr)"
    }
  }

  static let executable: URL = {
    let environment = ProcessInfo.processInfo.environment
    if let path = environment["NOTES_EXECUTABLE"], !path.isEmpty { return URL(fileURLWithPath: path) }
    var candidates: [URL] = []
    if let main = Bundle.main.executableURL { candidates.append(main.deletingLastPathComponent()) }
    candidates.append(URL(fileURLWithPath: CommandLine.arguments[0]).deletingLastPathComponent())
    candidates.append(Bundle.module.bundleURL.deletingLastPathComponent())
    for folder in candidates {
      let url = folder.appendingPathComponent("notes")
      if FileManager.default.isExecutableFile(atPath: url.path) { return url.standardizedFileURL }
    }
    // Reported by the first test that runs it.
    return candidates[0].appendingPathComponent("notes")
  }()

  /// This checkout: the package whose libraries (`Criticality`, `Figures`) fixture books in
  /// temporary folders import, passed as `NOTES_PACKAGE_DIR` unless the test sets it (`""` for
  /// none) or the book is itself in a Swift package (then `notes` finds that one).
  static let checkout = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
    .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()

  static func insidePackage(_ directory: URL) -> Bool {
    var folder = directory.standardizedFileURL
    while true {
      if FileManager.default.fileExists(atPath: folder.appendingPathComponent("Package.swift").path) {
        return true
      }
      let parent = folder.deletingLastPathComponent()
      if parent.path == folder.path { return false }
      folder = parent
    }
  }

  /// The environment `notes` runs with in `directory`: this process's, with
  /// `NOTES_PACKAGE_DIR` set to the checkout (see `checkout`), then `extra`.
  static func environment(in directory: URL, _ extra: [String: String] = [:]) -> [String: String] {
    var environment = ProcessInfo.processInfo.environment
    if environment["NOTES_PACKAGE_DIR"] == nil && !insidePackage(directory) {
      environment["NOTES_PACKAGE_DIR"] = checkout.path
    }
    for (key, value) in extra { environment[key] = value }
    return environment
  }

  /// Runs `notes arguments…` in `directory`, with stdout and stderr going to files (not a
  /// terminal: no progress display), so the output is what a script sees.
  static func run(
    _ arguments: [String], in directory: URL, environment extra: [String: String] = [:],
    executable: URL? = nil
  ) throws -> Result {
    let process = Process()
    process.executableURL = executable ?? Self.executable
    process.arguments = arguments
    process.currentDirectoryURL = directory
    process.environment = environment(in: directory, extra)
    // Output goes to files outside the book (pipes could fill up and block the child).
    let stdoutFile = FileManager.default.temporaryDirectory.appendingPathComponent(
      "notes-e2e-\(UUID().uuidString).out")
    let stderrFile = stdoutFile.deletingPathExtension().appendingPathExtension("err")
    try Data().write(to: stdoutFile)
    try Data().write(to: stderrFile)
    defer {
      try? FileManager.default.removeItem(at: stdoutFile)
      try? FileManager.default.removeItem(at: stderrFile)
    }
    let out = try FileHandle(forWritingTo: stdoutFile)
    let err = try FileHandle(forWritingTo: stderrFile)
    process.standardOutput = out
    process.standardError = err
    process.standardInput = FileHandle.nullDevice
    let start = Date()
    try process.run()
    process.waitUntilExit()
    let seconds = Date().timeIntervalSince(start)
    try out.close()
    try err.close()
    return Result(
      status: process.terminationStatus,
      stdout: String(decoding: try Data(contentsOf: stdoutFile), as: UTF8.self),
      stderr: String(decoding: try Data(contentsOf: stderrFile), as: UTF8.self),
      seconds: seconds)
  }
}
