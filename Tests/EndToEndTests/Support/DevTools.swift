import Foundation

#if canImport(Glibc)
  import Glibc
#endif

/// A headless Chromium driven through its DevTools protocol over `--remote-debugging-pipe`
/// (commands on its fd 3, replies on its fd 4, each a JSON message ending in NUL): no
/// WebSocket client needed. One page target, attached in flat mode.
final class DevTools: @unchecked Sendable {
  private var pid: pid_t = 0
  private let toBrowser: Int32
  private let fromBrowser: Int32
  private var nextID = 0
  private var pending = Data()
  private var session: String?
  private let profile: URL

  /// Starts `chromium` (headless, a throwaway profile).
  init(chromium: String) throws {
    profile = FileManager.default.temporaryDirectory.appendingPathComponent("notes-cdp-\(UUID().uuidString)")
    var commands: [Int32] = [-1, -1]
    var replies: [Int32] = [-1, -1]
    guard pipe(&commands) == 0, pipe(&replies) == 0 else { throw PreviewError("pipe failed") }
    var actions = posix_spawn_file_actions_t()
    posix_spawn_file_actions_init(&actions)
    defer { posix_spawn_file_actions_destroy(&actions) }
    posix_spawn_file_actions_addopen(&actions, 0, "/dev/null", O_RDONLY, 0)
    posix_spawn_file_actions_addopen(&actions, 1, "/dev/null", O_WRONLY, 0)
    posix_spawn_file_actions_addopen(&actions, 2, "/dev/null", O_WRONLY, 0)
    posix_spawn_file_actions_adddup2(&actions, commands[0], 3)
    posix_spawn_file_actions_adddup2(&actions, replies[1], 4)
    var attributes = posix_spawnattr_t()
    posix_spawnattr_init(&attributes)
    defer { posix_spawnattr_destroy(&attributes) }
    posix_spawnattr_setflags(&attributes, Int16(POSIX_SPAWN_SETPGROUP))
    posix_spawnattr_setpgroup(&attributes, 0)
    let arguments = [
      chromium, "--headless", "--no-sandbox", "--disable-gpu", "--remote-debugging-pipe",
      "--no-first-run", "--no-default-browser-check", "--user-data-dir=\(profile.path)", "about:blank",
    ]
    let argv = arguments.map { strdup($0) } + [nil]
    defer { for pointer in argv { free(pointer) } }
    let error = posix_spawn(&pid, chromium, &actions, &attributes, argv, environ)
    close(commands[0])
    close(replies[1])
    toBrowser = commands[1]
    fromBrowser = replies[0]
    _ = fcntl(toBrowser, F_SETFD, FD_CLOEXEC)
    _ = fcntl(fromBrowser, F_SETFD, FD_CLOEXEC)
    guard error == 0 else { throw PreviewError("cannot start \(chromium): \(error)") }
  }

  deinit {
    kill(-pid, SIGKILL)
    var status: Int32 = 0
    waitpid(pid, &status, 0)
    close(toBrowser)
    close(fromBrowser)
    try? FileManager.default.removeItem(at: profile)
  }

  /// Sends a command (to the page's session once attached) and returns its `result`.
  @discardableResult
  func send(_ method: String, _ params: [String: Any] = [:], toPage: Bool = true, timeout: Double = 20) throws
    -> [String: Any]
  {
    nextID += 1
    let id = nextID
    var message: [String: Any] = ["id": id, "method": method, "params": params]
    if toPage, let session { message["sessionId"] = session }
    var data = try JSONSerialization.data(withJSONObject: message)
    data.append(0)
    _ = data.withUnsafeBytes { write(toBrowser, $0.baseAddress, $0.count) }
    let deadline = Date().addingTimeInterval(timeout)
    while Date() < deadline {
      guard let reply = try readMessage(until: deadline) else { break }
      guard reply["id"] as? Int == id else { continue }
      if let error = reply["error"] { throw PreviewError("\(method): \(error)") }
      return reply["result"] as? [String: Any] ?? [:]
    }
    throw PreviewError("\(method): no reply within \(timeout) s")
  }

  private func readMessage(until deadline: Date) throws -> [String: Any]? {
    var buffer = [UInt8](repeating: 0, count: 1 << 16)
    while true {
      if let end = pending.firstIndex(of: 0) {
        let message = pending[pending.startIndex..<end]
        pending = Data(pending[(end + 1)...])
        return (try JSONSerialization.jsonObject(with: message)) as? [String: Any] ?? [:]
      }
      let left = deadline.timeIntervalSinceNow
      if left <= 0 { return nil }
      var poller = pollfd(fd: fromBrowser, events: Int16(POLLIN), revents: 0)
      if poll(&poller, 1, Int32(left * 1000)) <= 0 { continue }
      let count = buffer.withUnsafeMutableBytes { read(fromBrowser, $0.baseAddress, $0.count) }
      if count <= 0 { throw PreviewError("chromium closed the DevTools pipe") }
      pending.append(contentsOf: buffer[0..<count])
    }
  }

  /// Opens `url` in a new page and attaches to it.
  func open(_ url: String) throws {
    let target = try send("Target.createTarget", ["url": url], toPage: false)
    guard let targetID = target["targetId"] as? String else { throw PreviewError("no target: \(target)") }
    let attached = try send("Target.attachToTarget", ["targetId": targetID, "flatten": true], toPage: false)
    session = attached["sessionId"] as? String
    try send("Runtime.enable")
  }

  /// The value of `expression` in the page (JSON-compatible values).
  func evaluate(_ expression: String) throws -> Any? {
    let result = try send("Runtime.evaluate", ["expression": expression, "returnByValue": true])
    return (result["result"] as? [String: Any])?["value"]
  }

  /// Waits until `expression` is true in the page.
  func waitUntil(_ expression: String, seconds: Double) throws -> Bool {
    let deadline = Date().addingTimeInterval(seconds)
    while Date() < deadline {
      if (try? evaluate(expression)) as? Bool == true { return true }
      usleep(50_000)
    }
    return false
  }
}
