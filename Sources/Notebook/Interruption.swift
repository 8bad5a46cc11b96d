import Foundation

#if canImport(Glibc)
  import Glibc
#endif

/// SIGINT, SIGTERM and SIGHUP to `notes`: every child process group it started (chapter
/// programs, compilers) is killed, with whatever escaped a group, and `notes` exits with
/// 128 + the signal (130, 143, 129).
///
/// Chapter programs run in process groups of their own (see ``ChildProcess``), so a terminal's
/// Ctrl-C reaches only `notes`; this is what passes it on. The handler only writes the signal
/// number to a pipe; a thread reads it and does the work. While ``deferring(_:)`` runs (the
/// site switch), the exit waits until it returns, so a site is never left half switched by a
/// signal that can be handled.
public enum Interruption {
  private final class State: @unchecked Sendable {
    let lock = NSLock()
    var groups: Set<pid_t> = []
    var markers: [String: Int] = [:]
    var deferDepth = 0
    var pending: Int32?
    var installed = false
    /// `notes` is exiting on a signal: a worker that sees its child killed waits for the exit
    /// instead of reporting the chapter as crashed (and exiting 1 first).
    var terminating = false
    /// Child process groups killed because of a signal.
    var stopped = 0
  }
  private static let state = State()
  /// What the handler touches, in plain memory (no Swift runtime calls in a handler):
  /// `[0]` the last signal received (0: none), set by the handler itself so that the end of a
  /// deferral sees a signal the reading thread has not handled yet; `[1]` the pipe's write end.
  nonisolated(unsafe) private static let shared: UnsafeMutablePointer<Int32> = {
    let pointer = UnsafeMutablePointer<Int32>.allocate(capacity: 2)
    pointer.initialize(repeating: 0, count: 2)
    return pointer
  }()
  private static var received: Int32 { shared[0] }

  static let signals: [Int32] = [SIGINT, SIGTERM, SIGHUP]

  /// Installs the handlers and the thread that acts on them (once; the CLI calls it).
  public static func install() {
    state.lock.lock()
    defer { state.lock.unlock() }
    guard !state.installed else { return }
    state.installed = true
    guard let fds = ChildProcess.closeOnExecPipe() else { return }
    shared[1] = fds[1]
    let reader = fds[0]
    let thread = Thread {
      var byte: UInt8 = 0
      while true {
        let count = read(reader, &byte, 1)
        if count == 1 {
          handle(Int32(byte))
        } else if count < 0 && errno == EINTR {
          continue
        } else {
          return
        }
      }
    }
    thread.name = "notes-interruption"
    thread.start()
    // A parent may have started notes with these signals blocked (a test runner's thread, a
    // supervisor): unblock them here, in the thread that the others are started from.
    var set = sigset_t()
    sigemptyset(&set)
    for signal in signals { sigaddset(&set, signal) }
    pthread_sigmask(SIG_UNBLOCK, &set, nil)
    for signal in signals {
      // An ignored signal stays ignored (`nohup notes build`).
      var current = sigaction()
      if sigaction(signal, nil, &current) == 0,
        unsafeBitCast(current.__sigaction_handler.sa_handler, to: Int.self) == 1  // SIG_IGN
      {
        continue
      }
      _ = Glibc.signal(signal) { number in
        let shared = Interruption.shared
        shared[0] = number
        var byte = UInt8(truncatingIfNeeded: number)
        _ = write(shared[1], &byte, 1)
      }
    }
  }

  /// Runs `body` with interruptions held until it returns; then a signal received meanwhile
  /// ends `notes` as it would have.
  public static func deferring<T>(_ body: () throws -> T) rethrows -> T {
    state.lock.withLock { state.deferDepth += 1 }
    defer {
      let signal: Int32? = state.lock.withLock {
        state.deferDepth -= 1
        guard state.deferDepth == 0 else { return nil }
        if let pending = state.pending { return pending }
        let number = received
        return number != 0 ? number : nil
      }
      if let signal { terminate(signal) }
    }
    return try body()
  }

  /// Whether a signal was received (for fault-injection tests that interrupt themselves).
  public static func waitUntilReceived(seconds: Double) {
    let deadline = Date().addingTimeInterval(seconds)
    while Date() < deadline, received == 0 { usleep(1000) }
  }

  /// Starts a child process (`spawn` returns its pid, the id of its group) and registers its
  /// group, with the lock held, so an interruption cannot miss it.
  static func spawning(marker: String?, _ spawn: () -> pid_t?) -> pid_t? {
    state.lock.lock()
    defer { state.lock.unlock() }
    guard let pid = spawn() else { return nil }
    state.groups.insert(pid)
    if let marker { state.markers[marker, default: 0] += 1 }
    return pid
  }

  /// The group of `pid` is gone (killed and reaped).
  static func finished(_ pid: pid_t, marker: String?) {
    state.lock.withLock {
      state.groups.remove(pid)
      if let marker {
        state.markers[marker, default: 1] -= 1
        if state.markers[marker] == 0 { state.markers[marker] = nil }
      }
    }
  }

  private static func handle(_ signal: Int32) {
    let held: Bool = state.lock.withLock {
      if state.deferDepth > 0 {
        killChildren()
        state.pending = state.pending ?? signal
        return true
      }
      return false
    }
    if !held { terminate(signal) }
  }

  /// Called by a worker whose child has ended: if `notes` is exiting on a signal, the child was
  /// killed for it, so wait here for the exit rather than go on with a failure of our making.
  static func holdIfTerminating() {
    guard state.lock.withLock({ state.terminating }) else { return }
    while true { pause() }
  }

  /// With the lock held.
  private static func killChildren() {
    for group in state.groups where kill(-group, SIGKILL) == 0 { state.stopped += 1 }
    for marker in state.markers.keys { Orphans.kill(marker: marker) }
  }

  private static func terminate(_ signal: Int32) -> Never {
    state.lock.withLock {
      state.terminating = true
      killChildren()
    }
    let name = [SIGINT: "SIGINT", SIGTERM: "SIGTERM", SIGHUP: "SIGHUP"][signal] ?? "signal \(signal)"
    let stopped = state.lock.withLock { state.stopped }
    var text = "\nnotes: interrupted (\(name))"
    if stopped > 0 { text += "; stopped the running chapter programs and compilers" }
    let message = Array((text + "\n").utf8)
    _ = message.withUnsafeBytes { write(2, $0.baseAddress, $0.count) }
    _exit(128 + signal)
  }
}
