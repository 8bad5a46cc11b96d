import Foundation

#if canImport(Glibc)
  import Glibc
#endif

/// A child process in a process group of its own, whose output is read with `poll(2)` against
/// a deadline.
///
/// Whatever the program leaves behind dies with it: when the program exits, times out, is
/// stopped by its reader or `notes` is interrupted, the whole group is killed (SIGKILL to
/// `-pgid`), so a grandchild (`sh -c "sleep 25; echo late"`) can neither hold the build open
/// through the inherited pipes nor print into a later block. A grandchild that left the group
/// (`setsid`) is found by `marker`, a `NAME=value` pair of the child's environment (see
/// ``Orphans``). No read waits past the deadline: the pipes are non-blocking and polled.
struct ChildProcess {
  /// How the program ended.
  struct Outcome: Sendable {
    /// The exit status, or the signal number when `signaled`.
    var status: Int32 = 0
    var signaled = false
    /// The timeout expired: the group got SIGTERM, then SIGKILL `grace` seconds later.
    var timedOut = false
    /// A reader asked to stop the program (it printed too much): the group got SIGKILL.
    var stopped = false
    /// The program could not be started.
    var spawnError: String?
  }

  /// What to do with a piece of output: keep reading, or stop the program.
  enum Verdict { case more, stop }

  var arguments: [String]
  var environment: [String: String]
  var directory: URL?
  /// Seconds until the group gets SIGTERM (nil: no limit).
  var timeout: Double?
  /// Seconds between the timeout's SIGTERM and SIGKILL.
  var grace = 2.0
  /// `NAME=value` in the child's environment, by which escaped descendants are found and killed.
  var marker: String?
  /// Told the group's id when the program starts and again when it has ended (see
  /// ``ChapterCancellation``).
  var watcher: (started: (pid_t) -> Void, ended: (pid_t) -> Void)?

  /// A pipe whose ends are close-on-exec (`pipe2` is not visible to Swift without _GNU_SOURCE);
  /// call it with the spawn lock held.
  static func closeOnExecPipe() -> [Int32]? {
    var fds: [Int32] = [-1, -1]
    guard pipe(&fds) == 0 else { return nil }
    for fd in fds { _ = fcntl(fd, F_SETFD, FD_CLOEXEC) }
    return fds
  }

  /// glibc's `posix_spawn_file_actions_addchdir_np` (2.29+), which Swift sees only with
  /// _GNU_SOURCE: looked up at run time.
  private static let addChangeDirectory:
    (@convention(c) (UnsafeMutablePointer<posix_spawn_file_actions_t>, UnsafePointer<CChar>) -> Int32)? = {
      guard let handle = dlopen(nil, RTLD_NOW),
        let symbol = dlsym(handle, "posix_spawn_file_actions_addchdir_np")
      else { return nil }
      return unsafeBitCast(
        symbol,
        to: (@convention(c) (UnsafeMutablePointer<posix_spawn_file_actions_t>, UnsafePointer<CChar>) -> Int32)
          .self)
    }()

  /// Runs the program to its end, handing what it writes to `stdout` and `stderr` as it arrives.
  func run(stdout: ([UInt8]) -> Verdict, stderr: ([UInt8]) -> Verdict) -> Outcome {
    var outcome = Outcome()
    var executable = arguments[0]
    if !executable.contains("/") {
      executable = LibrarySet.findOnPath(executable, environment: environment) ?? executable
    }
    // Made with the spawn lock held (see `Interruption.spawning`), so that no other child
    // started meanwhile inherits these pipes before they are marked close-on-exec.
    var pipes: (out: [Int32], err: [Int32])?
    _ = Interruption.spawning(marker: nil) {
      if let out = Self.closeOnExecPipe() {
        if let err = Self.closeOnExecPipe() {
          pipes = (out, err)
        } else {
          close(out[0])
          close(out[1])
        }
      }
      return nil
    }
    guard let (outPipe, errPipe) = pipes else {
      outcome.spawnError = "cannot create a pipe: \(String(cString: strerror(errno)))"
      return outcome
    }

    var actions = posix_spawn_file_actions_t()
    posix_spawn_file_actions_init(&actions)
    defer { posix_spawn_file_actions_destroy(&actions) }
    posix_spawn_file_actions_addopen(&actions, 0, "/dev/null", O_RDONLY, 0)
    posix_spawn_file_actions_adddup2(&actions, outPipe[1], 1)
    posix_spawn_file_actions_adddup2(&actions, errPipe[1], 2)

    var attributes = posix_spawnattr_t()
    posix_spawnattr_init(&attributes)
    defer { posix_spawnattr_destroy(&attributes) }
    // Its own process group (pgid = its pid), no blocked signals, default dispositions.
    posix_spawnattr_setflags(
      &attributes, Int16(POSIX_SPAWN_SETPGROUP | POSIX_SPAWN_SETSIGMASK | POSIX_SPAWN_SETSIGDEF))
    posix_spawnattr_setpgroup(&attributes, 0)
    var noSignals = sigset_t()
    sigemptyset(&noSignals)
    posix_spawnattr_setsigmask(&attributes, &noSignals)
    var defaults = sigset_t()
    sigemptyset(&defaults)
    for signal in [SIGINT, SIGTERM, SIGHUP, SIGQUIT, SIGPIPE, SIGCHLD, SIGUSR1, SIGUSR2, SIGALRM] {
      sigaddset(&defaults, signal)
    }
    posix_spawnattr_setsigdefault(&attributes, &defaults)

    var argumentList = [executable] + arguments.dropFirst()
    if let directory {
      if let addChangeDirectory = Self.addChangeDirectory {
        _ = addChangeDirectory(&actions, directory.path)
      } else {
        // No addchdir_np (glibc < 2.29): a shell changes directory, then becomes the program.
        argumentList = ["/bin/sh", "-c", "cd \"$0\" && exec \"$@\"", directory.path] + argumentList
        executable = "/bin/sh"
      }
    }
    let argv = argumentList.map { strdup($0) } + [nil]
    let envp = environment.sorted { $0.key < $1.key }.map { strdup("\($0.key)=\($0.value)") } + [nil]
    defer {
      for pointer in argv { free(pointer) }
      for pointer in envp { free(pointer) }
    }
    // Registered before a signal can be handled, so an interruption always finds the group.
    let pid: pid_t? = Interruption.spawning(marker: marker) {
      var pid: pid_t = 0
      let error = posix_spawn(&pid, executable, &actions, &attributes, argv, envp)
      if error != 0 {
        outcome.spawnError = "cannot run \(executable): \(String(cString: strerror(error)))"
        return nil
      }
      return pid
    }
    close(outPipe[1])
    close(errPipe[1])
    guard let pid else {
      close(outPipe[0])
      close(errPipe[0])
      return outcome
    }
    defer { Interruption.finished(pid, marker: marker) }
    watcher?.started(pid)
    defer { watcher?.ended(pid) }

    for fd in [outPipe[0], errPipe[0]] { _ = fcntl(fd, F_SETFL, fcntl(fd, F_GETFL) | O_NONBLOCK) }
    var open: [Int32] = [outPipe[0], errPipe[0]]
    let start = Date()
    var killAt: Date?
    var exited = false
    var buffer = [UInt8](repeating: 0, count: 1 << 16)

    /// Reads what is available on `fd`, at most 1 MiB at a time (so that a writer that never
    /// pauses cannot keep the loop from its deadline); false at end of file (or error).
    func drain(_ fd: Int32) -> Bool {
      var taken = 0
      while taken < 1 << 20 {
        let count = buffer.withUnsafeMutableBytes { read(fd, $0.baseAddress, $0.count) }
        if count > 0 {
          let bytes = Array(buffer[0..<count])
          let verdict = fd == outPipe[0] ? stdout(bytes) : stderr(bytes)
          if verdict == .stop && !outcome.stopped {
            outcome.stopped = true
            kill(-pid, SIGKILL)
          }
          if outcome.stopped { return false }
          taken += count
          continue
        }
        if count < 0 && errno == EINTR { continue }
        return count < 0 && (errno == EAGAIN || errno == EWOULDBLOCK)
      }
      return true
    }

    func reap(blocking: Bool) {
      var status: Int32 = 0
      while true {
        let result = waitpid(pid, &status, blocking ? 0 : WNOHANG)
        if result == -1 && errno == EINTR { continue }
        if result == pid {
          exited = true
          if status & 0x7f == 0 {
            outcome.status = (status >> 8) & 0xff
          } else {
            outcome.signaled = true
            outcome.status = status & 0x7f
          }
        } else if result == -1 {
          exited = true
        }
        return
      }
    }

    // Until the program exits (a program may close its output and go on working), the
    // timeout fires, or a reader stops it.
    while true {
      var fds = open.map { pollfd(fd: $0, events: Int16(POLLIN), revents: 0) }
      // Wake often enough to see the program exit while a descendant holds the pipes open
      // (with both pipes closed, poll only waits).
      var wait = open.isEmpty ? 5.0 : 50.0
      if let timeout, killAt == nil {
        wait = min(wait, max(0, timeout - Date().timeIntervalSince(start)) * 1000)
      }
      let ready = poll(&fds, nfds_t(fds.count), Int32(wait.rounded(.up)))
      if ready < 0 && errno != EINTR { break }
      for entry in fds where entry.revents != 0 {
        if !drain(entry.fd) {
          close(entry.fd)
          open.removeAll { $0 == entry.fd }
        }
      }
      if outcome.stopped { break }
      if !exited { reap(blocking: false) }
      if exited {
        // The program is gone: end what it left behind, then take what is already written.
        kill(-pid, SIGKILL)
        if let marker { Orphans.kill(marker: marker) }
        for fd in open {
          _ = drain(fd)
        }
        break
      }
      if let timeout, Date().timeIntervalSince(start) >= timeout, killAt == nil {
        outcome.timedOut = true
        kill(-pid, SIGTERM)
        killAt = Date().addingTimeInterval(grace)
      }
      if let deadline = killAt, Date() >= deadline {
        kill(-pid, SIGKILL)
      }
    }
    for fd in open { close(fd) }
    kill(-pid, SIGKILL)
    if let marker { Orphans.kill(marker: marker) }
    if !exited { reap(blocking: true) }
    Interruption.holdIfTerminating()
    return outcome
  }
}

/// Descendants of a chapter program that left its process group (`setsid`, a daemon): found by
/// the marker the engine put in the program's environment (`NOTES_NONCE=…`), which they inherit.
enum Orphans {
  /// Sends SIGKILL to every process (but this one) whose initial environment holds `marker`.
  static func kill(marker: String) {
    let needle = Array(marker.utf8)
    let me = getpid()
    for _ in 0..<2 {
      guard let names = try? FileManager.default.contentsOfDirectory(atPath: "/proc") else { return }
      var found = false
      for name in names {
        guard let pid = pid_t(name), pid != me, let data = environment(of: name) else { continue }
        if data.split(separator: 0).contains(where: { $0.elementsEqual(needle) }) {
          Glibc.kill(pid, SIGKILL)
          found = true
        }
      }
      if !found { return }
    }
  }

  /// Whether a process (but this one) with `marker` in its environment is alive.
  static func exist(marker: String) -> Bool {
    let needle = Array(marker.utf8)
    let me = getpid()
    for name in (try? FileManager.default.contentsOfDirectory(atPath: "/proc")) ?? [] {
      guard let pid = pid_t(name), pid != me, let data = environment(of: name) else { continue }
      if data.split(separator: 0).contains(where: { $0.elementsEqual(needle) }) { return true }
    }
    return false
  }

  /// `/proc/<pid>/environ` (its size reads as 0, so it is read to its end).
  private static func environment(of pid: String) -> [UInt8]? {
    let fd = open("/proc/\(pid)/environ", O_RDONLY | O_CLOEXEC)
    guard fd >= 0 else { return nil }
    defer { close(fd) }
    var result: [UInt8] = []
    var chunk = [UInt8](repeating: 0, count: 4096)
    while true {
      let count = chunk.withUnsafeMutableBytes { read(fd, $0.baseAddress, $0.count) }
      if count < 0 && errno == EINTR { continue }
      if count <= 0 { break }
      result += chunk[0..<count]
    }
    return result
  }
}
