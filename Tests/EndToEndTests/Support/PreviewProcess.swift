import Foundation
import Testing

#if canImport(Glibc)
  import Glibc
#endif

/// A running `notes preview` on a free port, in a ``Workspace``: its output goes to files, and
/// requests go over plain TCP (``RawHTTP``) so that paths like `/../` reach the server as typed.
final class PreviewProcess: @unchecked Sendable {
  let process = Process()
  let stdoutFile: URL
  let stderrFile: URL
  private(set) var port: UInt16 = 0

  /// Starts `notes preview --port 0 arguments…` in `book` and waits for its URL line.
  init(_ book: Workspace, _ arguments: [String] = [], environment extra: [String: String] = [:]) throws {
    process.executableURL = NotesCLI.executable
    process.arguments = ["preview", "--port", "0"] + arguments
    process.currentDirectoryURL = book.root
    var environment = ProcessInfo.processInfo.environment
    if environment["NOTES_PACKAGE_DIR"] == nil { environment["NOTES_PACKAGE_DIR"] = NotesCLI.checkout.path }
    for (key, value) in extra { environment[key] = value }
    process.environment = environment
    stdoutFile = FileManager.default.temporaryDirectory.appendingPathComponent(
      "notes-preview-\(UUID().uuidString).out")
    stderrFile = stdoutFile.deletingPathExtension().appendingPathExtension("err")
    try Data().write(to: stdoutFile)
    try Data().write(to: stderrFile)
    process.standardOutput = try FileHandle(forWritingTo: stdoutFile)
    process.standardError = try FileHandle(forWritingTo: stderrFile)
    process.standardInput = FileHandle.nullDevice
    try process.run()
    let deadline = Date().addingTimeInterval(30)
    while Date() < deadline {
      if let range = stdout.range(of: #"http://127\.0\.0\.1:(\d+)/"#, options: .regularExpression) {
        let text = stdout[range].dropFirst("http://127.0.0.1:".count).dropLast()
        port = UInt16(text) ?? 0
        return
      }
      if !process.isRunning { break }
      usleep(50_000)
    }
    throw PreviewError("notes preview did not print its URL\n\(log)")
  }

  deinit {
    if process.isRunning {
      kill(process.processIdentifier, SIGKILL)
      process.waitUntilExit()
    }
    try? FileManager.default.removeItem(at: stdoutFile)
    try? FileManager.default.removeItem(at: stderrFile)
  }

  var stdout: String { (try? String(contentsOf: stdoutFile, encoding: .utf8)) ?? "" }
  var stderr: String { (try? String(contentsOf: stderrFile, encoding: .utf8)) ?? "" }
  var log: String { "--- stdout\n\(stdout)--- stderr\n\(stderr)" }

  /// `method path` on the server.
  func request(_ path: String, method: String = "GET") throws -> RawHTTP.Response {
    try RawHTTP.request(port: port, method: method, path: path)
  }

  /// The live state (`/_notes/state`) as JSON.
  func state() throws -> [String: Any] {
    let response = try request("/_notes/state")
    return (try JSONSerialization.jsonObject(with: response.body) as? [String: Any]) ?? [:]
  }

  /// Waits (up to `seconds`) until `condition` holds for the live state; returns the state.
  @discardableResult
  func waitForState(
    seconds: Double = 120, _ what: String, _ condition: ([String: Any]) -> Bool
  ) throws -> [String: Any] {
    let deadline = Date().addingTimeInterval(seconds)
    var last: [String: Any] = [:]
    while Date() < deadline {
      last = (try? state()) ?? [:]
      if condition(last) { return last }
      if !process.isRunning { break }
      usleep(50_000)
    }
    throw PreviewError("timed out waiting for \(what); last state \(last)\n\(log)")
  }

  /// The version of the site (0 before the first successful build).
  static func version(_ state: [String: Any]) -> Int { state["version"] as? Int ?? -1 }
  static func building(_ state: [String: Any]) -> Bool { state["building"] as? Bool ?? true }
  static func problems(_ state: [String: Any]) -> [[String: Any]] {
    state["problems"] as? [[String: Any]] ?? []
  }

  /// Waits until a build that started after `version` ended: the site's version changed, or
  /// the build failed (problems reported), and nothing is building.
  @discardableResult
  func waitForBuild(after version: Int, seconds: Double = 180) throws -> [String: Any] {
    try waitForState(seconds: seconds, "a build after version \(version)") {
      !Self.building($0) && (Self.version($0) > version || !Self.problems($0).isEmpty)
    }
  }

  /// Sends `signal` and waits up to `seconds` for the exit; the exit status, or nil if it did
  /// not exit in time.
  func stop(_ signal: Int32 = SIGINT, within seconds: Double) -> Int32? {
    kill(process.processIdentifier, signal)
    let deadline = Date().addingTimeInterval(seconds)
    while Date() < deadline {
      if !process.isRunning { return process.terminationStatus }
      usleep(20_000)
    }
    return nil
  }
}

struct PreviewError: Error, CustomStringConvertible {
  var description: String
  init(_ description: String) { self.description = description }
}

/// HTTP/1.1 over a plain TCP socket to 127.0.0.1: the request line goes out exactly as given.
enum RawHTTP {
  struct Response {
    var status: Int
    var headers: [String: String]
    var body: Data
    var text: String { String(decoding: body, as: UTF8.self) }
  }

  /// A connected socket to 127.0.0.1:`port` with a receive timeout.
  static func connect(port: UInt16, timeout: Double = 10) throws -> Int32 {
    let fd = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
    guard fd >= 0 else { throw PreviewError("socket failed") }
    var address = sockaddr_in()
    address.sin_family = sa_family_t(AF_INET)
    address.sin_port = port.bigEndian
    address.sin_addr.s_addr = inet_addr("127.0.0.1")
    let connected = withUnsafePointer(to: &address) {
      $0.withMemoryRebound(to: sockaddr.self, capacity: 1) {
        Glibc.connect(fd, $0, socklen_t(MemoryLayout<sockaddr_in>.size))
      }
    }
    guard connected == 0 else {
      close(fd)
      throw PreviewError("cannot connect to port \(port)")
    }
    var limit = timeval(tv_sec: Int(timeout), tv_usec: 0)
    setsockopt(fd, SOL_SOCKET, SO_RCVTIMEO, &limit, socklen_t(MemoryLayout<timeval>.size))
    return fd
  }

  static func send(_ fd: Int32, _ text: String) {
    let bytes = Array(text.utf8)
    _ = bytes.withUnsafeBytes { Glibc.send(fd, $0.baseAddress, $0.count, Int32(MSG_NOSIGNAL)) }
  }

  /// One request with `Connection: close`; reads to the end.
  static func request(port: UInt16, method: String, path: String) throws -> Response {
    let fd = try connect(port: port)
    defer { close(fd) }
    send(fd, "\(method) \(path) HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\n\r\n")
    var data = Data()
    var buffer = [UInt8](repeating: 0, count: 65536)
    while true {
      let count = buffer.withUnsafeMutableBytes { recv(fd, $0.baseAddress, $0.count, 0) }
      if count <= 0 { break }
      data.append(contentsOf: buffer[0..<count])
      if let response = parse(data), let length = response.headers["content-length"].flatMap(Int.init),
        response.body.count >= length
      {
        return response
      }
    }
    guard let response = parse(data) else { throw PreviewError("no HTTP response to \(method) \(path)") }
    return response
  }

  static func parse(_ data: Data) -> Response? {
    guard let end = data.range(of: Data("\r\n\r\n".utf8)) else { return nil }
    let head = String(decoding: data[..<end.lowerBound], as: UTF8.self).components(separatedBy: "\r\n")
    let parts = head[0].split(separator: " ")
    guard parts.count >= 2, let status = Int(parts[1]) else { return nil }
    var headers: [String: String] = [:]
    for line in head.dropFirst() {
      guard let colon = line.firstIndex(of: ":") else { continue }
      headers[line[..<colon].lowercased()] = line[line.index(after: colon)...].trimmingCharacters(
        in: .whitespaces)
    }
    return Response(status: status, headers: headers, body: Data(data[end.upperBound...]))
  }
}

/// A Server-Sent Events subscription to `/_notes/events`, read on a thread of its own.
final class EventStream: @unchecked Sendable {
  private let fd: Int32
  private let lock = NSLock()
  private var received = ""

  init(port: UInt16) throws {
    fd = try RawHTTP.connect(port: port, timeout: 1)
    RawHTTP.send(fd, "GET /_notes/events HTTP/1.1\r\nHost: 127.0.0.1\r\nAccept: text/event-stream\r\n\r\n")
    let fd = fd
    Thread.detachNewThread { [weak self] in
      var buffer = [UInt8](repeating: 0, count: 65536)
      while true {
        let count = buffer.withUnsafeMutableBytes { recv(fd, $0.baseAddress, $0.count, 0) }
        if count == 0 { return }
        if count < 0 {
          if errno == EAGAIN || errno == EWOULDBLOCK || errno == EINTR {
            if self == nil { return }
            continue
          }
          return
        }
        guard let self else { return }
        let text = String(decoding: buffer[0..<count], as: UTF8.self)
        self.lock.withLock { self.received += text }
      }
    }
  }

  deinit { shutdown(fd, Int32(SHUT_RDWR)) }

  /// The states received so far (the JSON of each `event: state`).
  var states: [[String: Any]] {
    let text = lock.withLock { received }
    return text.components(separatedBy: "\n").compactMap { line in
      guard line.hasPrefix("data: ") else { return nil }
      return (try? JSONSerialization.jsonObject(with: Data(line.dropFirst(6).utf8))) as? [String: Any]
    }
  }

  /// Whether the raw stream declared itself an event stream.
  var isEventStream: Bool {
    lock.withLock { received.lowercased().contains("content-type: text/event-stream") }
  }

  /// Waits until some state received satisfies `condition`.
  func wait(seconds: Double, _ condition: ([String: Any]) -> Bool) -> [String: Any]? {
    let deadline = Date().addingTimeInterval(seconds)
    while Date() < deadline {
      if let match = states.first(where: condition) { return match }
      usleep(20_000)
    }
    return nil
  }
}
