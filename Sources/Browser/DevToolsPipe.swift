import Foundation

#if canImport(Glibc)
  import Glibc
#endif

/// A headless Chromium driven through its DevTools protocol over `--remote-debugging-pipe`:
/// the browser reads commands from its fd 3 and writes replies and events to its fd 4, each a
/// JSON object ended by a NUL byte. Chromium runs in its own process group with a throw-away
/// profile; ``close()`` (or the end of this process, which closes the pipe) ends it.
public final class DevToolsPipe {
  private let pid: pid_t
  private let commands: Int32
  private let replies: Int32
  private let profile: URL
  private var buffer: [UInt8] = []
  private var nextID = 0
  /// Events read while waiting for a reply, oldest first.
  private var events: [[String: Any]] = []
  private var closed = false
  private var commandsOpen = true

  /// Starts `executable` (see ``Chromium/locate(environment:)``) headless on `about:blank`.
  public init(executable: String, arguments extra: [String] = []) throws {
    profile = FileManager.default.temporaryDirectory.appendingPathComponent(
      "notes-chromium-\(getpid())-\(UUID().uuidString)")
    try FileManager.default.createDirectory(at: profile, withIntermediateDirectories: true)
    let toChild = try Self.pipe()
    let fromChild = try Self.pipe()
    let arguments =
      [
        executable, "--headless", "--no-sandbox", "--disable-gpu", "--remote-debugging-pipe",
        "--no-first-run",
        "--no-default-browser-check", "--disable-extensions", "--hide-scrollbars", "--mute-audio",
        "--user-data-dir=\(profile.path)",
      ] + extra + ["about:blank"]
    var actions = posix_spawn_file_actions_t()
    posix_spawn_file_actions_init(&actions)
    defer { posix_spawn_file_actions_destroy(&actions) }
    posix_spawn_file_actions_adddup2(&actions, toChild.read, 3)
    posix_spawn_file_actions_adddup2(&actions, fromChild.write, 4)
    posix_spawn_file_actions_addopen(&actions, 0, "/dev/null", O_RDONLY, 0)
    posix_spawn_file_actions_addopen(&actions, 1, "/dev/null", O_WRONLY, 0)
    posix_spawn_file_actions_addopen(&actions, 2, "/dev/null", O_WRONLY, 0)
    var attributes = posix_spawnattr_t()
    posix_spawnattr_init(&attributes)
    defer { posix_spawnattr_destroy(&attributes) }
    posix_spawnattr_setflags(&attributes, Int16(POSIX_SPAWN_SETPGROUP))
    posix_spawnattr_setpgroup(&attributes, 0)
    var argv: [UnsafeMutablePointer<CChar>?] = arguments.map { strdup($0) } + [nil]
    defer { for pointer in argv { free(pointer) } }
    var child: pid_t = 0
    let status = posix_spawn(&child, executable, &actions, &attributes, &argv, environ)
    Glibc.close(toChild.read)
    Glibc.close(fromChild.write)
    guard status == 0 else {
      Glibc.close(toChild.write)
      Glibc.close(fromChild.read)
      try? FileManager.default.removeItem(at: profile)
      throw BrowserError("cannot start \(executable): \(String(cString: strerror(status)))")
    }
    pid = child
    commands = toChild.write
    replies = fromChild.read
  }

  deinit { close() }

  /// A close-on-exec pipe whose ends are above fd 4 (so that the child's dup2 onto 3 and 4
  /// never meets one of them).
  private static func pipe() throws -> (read: Int32, write: Int32) {
    var fds: [Int32] = [0, 0]
    guard Glibc.pipe(&fds) == 0 else { throw BrowserError("pipe: \(String(cString: strerror(errno)))") }
    func high(_ fd: Int32) -> Int32 {
      let moved = fcntl(fd, F_DUPFD_CLOEXEC, 5)
      Glibc.close(fd)
      return moved
    }
    return (high(fds[0]), high(fds[1]))
  }

  /// Sends a command and returns its `result`; an `error` reply throws. `session` addresses a
  /// page attached with `Target.attachToTarget` (flatten). Events that arrive meanwhile are kept
  /// for ``waitForEvent(_:session:timeout:)``.
  @discardableResult
  public func send(
    _ method: String, _ params: [String: Any] = [:], session: String? = nil, timeout: Double = 60
  ) throws -> [String: Any] {
    guard !closed || method == "Browser.close" && commandsOpen else {
      throw BrowserError("the browser is closed (sending \(method))")
    }
    nextID += 1
    let id = nextID
    var message: [String: Any] = ["id": id, "method": method, "params": params]
    if let session { message["sessionId"] = session }
    var data = try JSONSerialization.data(withJSONObject: message)
    data.append(0)
    try data.withUnsafeBytes { raw in
      var offset = 0
      while offset < raw.count {
        let n = write(commands, raw.baseAddress! + offset, raw.count - offset)
        if n < 0 && errno == EINTR { continue }
        guard n > 0 else { throw BrowserError("the browser closed its pipe (sending \(method))") }
        offset += n
      }
    }
    let deadline = Date().addingTimeInterval(timeout)
    while true {
      let reply = try readMessage(until: deadline, waitingFor: method)
      if reply["id"] as? Int == id {
        if let error = reply["error"] as? [String: Any] {
          throw BrowserError("\(method): \(error["message"] as? String ?? "\(error)")")
        }
        return reply["result"] as? [String: Any] ?? [:]
      }
      if reply["method"] != nil { events.append(reply) }
    }
  }

  /// Waits for the event `method` (of `session`, when given) and returns its `params`.
  @discardableResult
  public func waitForEvent(_ method: String, session: String? = nil, timeout: Double = 60) throws -> [String:
    Any]
  {
    func matches(_ event: [String: Any]) -> Bool {
      event["method"] as? String == method && (session == nil || event["sessionId"] as? String == session)
    }
    if let index = events.firstIndex(where: matches) {
      return events.remove(at: index)["params"] as? [String: Any] ?? [:]
    }
    let deadline = Date().addingTimeInterval(timeout)
    while true {
      let event = try readMessage(until: deadline, waitingFor: method)
      if matches(event) { return event["params"] as? [String: Any] ?? [:] }
      if event["method"] != nil { events.append(event) }
    }
  }

  /// Drops the events received so far.
  public func discardEvents() { events.removeAll() }

  private func readMessage(until deadline: Date, waitingFor what: String) throws -> [String: Any] {
    while true {
      if let end = buffer.firstIndex(of: 0) {
        let bytes = Data(buffer[..<end])
        buffer.removeSubrange(...end)
        guard let object = try? JSONSerialization.jsonObject(with: bytes) as? [String: Any] else { continue }
        return object
      }
      let left = deadline.timeIntervalSinceNow
      guard left > 0 else { throw BrowserError("the browser did not answer in time (waiting for \(what))") }
      var poller = pollfd(fd: replies, events: Int16(POLLIN), revents: 0)
      let ready = poll(&poller, 1, Int32(min(left, 1) * 1000))
      if ready < 0 && errno == EINTR { continue }
      guard ready > 0 else { continue }
      var chunk = [UInt8](repeating: 0, count: 1 << 16)
      let n = read(replies, &chunk, chunk.count)
      if n < 0 && errno == EINTR { continue }
      guard n > 0 else { throw BrowserError("the browser exited (waiting for \(what))") }
      buffer.append(contentsOf: chunk[..<n])
    }
  }

  /// Ends the browser (politely, then its process group) and removes its profile.
  public func close() {
    guard !closed else { return }
    closed = true
    _ = try? send("Browser.close", timeout: 5)
    commandsOpen = false
    Glibc.close(commands)
    Glibc.close(replies)
    var status: Int32 = 0
    var reaped = false
    for _ in 0..<50 where !reaped {
      reaped = waitpid(pid, &status, WNOHANG) == pid
      if !reaped { usleep(100_000) }
    }
    kill(-pid, SIGKILL)  // helpers left in its group
    if !reaped { _ = waitpid(pid, &status, 0) }
    try? FileManager.default.removeItem(at: profile)
  }
}
