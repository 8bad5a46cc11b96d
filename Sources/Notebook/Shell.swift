import Foundation

#if canImport(Glibc)
  import Glibc
#endif

/// Runs child processes: short tool invocations, and chapter programs with a timeout and live
/// progress.
enum Shell {
  struct Result: Sendable {
    var status: Int32
    /// True when the process was killed by a signal (`status` is then the signal number).
    var signaled: Bool = false
    var timedOut: Bool = false
    var stdout: [UInt8]
    var stderr: [UInt8]
    var stdoutText: String { String(decoding: stdout, as: UTF8.self) }
    var stderrText: String { String(decoding: stderr, as: UTF8.self) }
  }

  /// Runs `arguments` (the first is the executable's path, or a name looked up on PATH) and
  /// collects its output. `timeout` in seconds kills the process (SIGTERM, then SIGKILL after
  /// two seconds). `onStdout` sees output as it arrives.
  static func run(
    _ arguments: [String], environment: [String: String], directory: URL? = nil, timeout: Double? = nil,
    onStdout: (@Sendable ([UInt8]) -> Void)? = nil
  ) -> Result {
    let process = Process()
    var executable = arguments[0]
    if !executable.contains("/") {
      executable = LibrarySet.findOnPath(executable, environment: environment) ?? executable
    }
    process.executableURL = URL(fileURLWithPath: executable)
    process.arguments = Array(arguments.dropFirst())
    process.environment = environment
    if let directory { process.currentDirectoryURL = directory }
    let out = Pipe()
    let err = Pipe()
    process.standardOutput = out
    process.standardError = err
    process.standardInput = FileHandle.nullDevice
    let collected = CollectedOutput()
    do {
      try process.run()
    } catch {
      return Result(
        status: 127, stdout: [], stderr: Array("cannot run \(executable): \(error.localizedDescription)".utf8)
      )
    }
    let group = DispatchGroup()
    for (pipe, isStdout) in [(out, true), (err, false)] {
      group.enter()
      let handle = pipe.fileHandleForReading
      DispatchQueue.global().async {
        while true {
          let data = handle.availableData
          if data.isEmpty { break }
          let bytes = [UInt8](data)
          collected.append(bytes, stdout: isStdout)
          if isStdout { onStdout?(bytes) }
        }
        group.leave()
      }
    }
    let timer: DispatchWorkItem?
    if let timeout {
      let pid = process.processIdentifier
      let item = DispatchWorkItem {
        guard process.isRunning else { return }
        collected.markTimedOut()
        kill(pid, SIGTERM)
        DispatchQueue.global().asyncAfter(deadline: .now() + 2) {
          if process.isRunning { kill(pid, SIGKILL) }
        }
      }
      DispatchQueue.global().asyncAfter(deadline: .now() + timeout, execute: item)
      timer = item
    } else {
      timer = nil
    }
    process.waitUntilExit()
    timer?.cancel()
    group.wait()
    let (stdout, stderr, timedOut) = collected.snapshot()
    return Result(
      status: process.terminationStatus, signaled: process.terminationReason == .uncaughtSignal,
      timedOut: timedOut, stdout: stdout, stderr: stderr)
  }
}

private final class CollectedOutput: @unchecked Sendable {
  private let lock = NSLock()
  private var stdout: [UInt8] = []
  private var stderr: [UInt8] = []
  private var timedOut = false
  func append(_ bytes: [UInt8], stdout isStdout: Bool) {
    lock.withLock {
      if isStdout { stdout += bytes } else { stderr += bytes }
    }
  }
  func markTimedOut() { lock.withLock { timedOut = true } }
  func snapshot() -> ([UInt8], [UInt8], Bool) { lock.withLock { (stdout, stderr, timedOut) } }
}
