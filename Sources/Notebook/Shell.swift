import Foundation

#if canImport(Glibc)
  import Glibc
#endif

/// Runs short tool invocations (the compiler) and collects their output; see ``ChildProcess``
/// for how every child is started and ended.
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

  /// Runs `arguments` (the first is the executable's path, or a name looked up on PATH) in a
  /// process group of its own (see ``ChildProcess``) and collects its output. `timeout` in
  /// seconds stops the group (SIGTERM, then SIGKILL after two seconds).
  static func run(
    _ arguments: [String], environment: [String: String], directory: URL? = nil, timeout: Double? = nil,
    watcher: (started: (pid_t) -> Void, ended: (pid_t) -> Void)? = nil
  ) -> Result {
    var stdout: [UInt8] = []
    var stderr: [UInt8] = []
    var child = ChildProcess(
      arguments: arguments, environment: environment, directory: directory, timeout: timeout)
    child.watcher = watcher
    let outcome = child.run(
      stdout: {
        stdout += $0
        return .more
      },
      stderr: {
        stderr += $0
        return .more
      })
    if let error = outcome.spawnError {
      return Result(status: 127, stdout: [], stderr: Array(error.utf8))
    }
    return Result(
      status: outcome.status, signaled: outcome.signaled, timedOut: outcome.timedOut, stdout: stdout,
      stderr: stderr)
  }
}
