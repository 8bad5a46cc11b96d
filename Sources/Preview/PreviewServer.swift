import FlyingFox
import FlyingSocks
import Foundation

#if canImport(Glibc)
  import Glibc
#endif

/// The HTTP side of `notes preview` (FlyingFox: pure Swift, no SwiftNIO).
///
/// `GET`/`HEAD` only (405 otherwise). `/_notes/events` is the live channel (Server-Sent
/// Events); every other path is a file of the output folder as ``SiteFiles`` allows (404
/// otherwise), with its content type. HTML pages get the live script (and the current state)
/// added on the way out; the files on disk stay exactly what `notes build` wrote. Nothing is
/// cached by the browser (`Cache-Control: no-store`), so a page visited later is the current one.
public final class PreviewServer: Sendable {
  let files: SiteFiles
  let channel: LiveChannel
  let server: HTTPServer

  /// A server for the site in `root` on `host:port` (port 0: any free one).
  public init(root: URL, channel: LiveChannel, host: String, port: UInt16) throws {
    files = SiteFiles(root: root)
    self.channel = channel
    let address: any SocketAddress =
      host.contains(":")
      ? try sockaddr_in6.inet6(ip6: host, port: port) : try sockaddr_in.inet(ip4: host, port: port)
    let files = files
    server = HTTPServer(
      config: HTTPServer.Configuration(address: address, timeout: 30, logger: .disabled),
      handler: ClosureHTTPHandler { request in
        Self.respond(to: request, files: files, channel: channel)
      })
  }

  /// Runs until the process ends; call from a task.
  public func run() async throws {
    try await server.run()
  }

  /// The port the server listens on, once it does.
  public func listeningPort() async throws -> UInt16? {
    try await server.waitUntilListening(timeout: 10)
    switch await server.listeningAddress {
    case .ip4(_, let port)?, .ip6(_, let port)?: return port
    default: return nil
    }
  }

  /// The response to `request`.
  static func respond(to request: HTTPRequest, files: SiteFiles, channel: LiveChannel) -> HTTPResponse {
    guard request.method == .GET || request.method == .HEAD else {
      return plain(
        .methodNotAllowed, "405 method not allowed: notes preview serves GET and HEAD only\n",
        extra: [HTTPHeader("Allow"): "GET, HEAD"])
    }
    let path = request.target.path(percentEncoded: true)
    if path == LiveScript.eventsPath {
      var headers: HTTPHeaders = [:]
      headers[.contentType] = "text/event-stream"
      headers[.cacheControl] = "no-store"
      if request.method == .HEAD { return HTTPResponse(statusCode: .ok, headers: headers) }
      return HTTPResponse(
        statusCode: .ok, headers: headers,
        body: HTTPBodySequence(from: ChunkStream(stream: channel.subscribe()), suggestedBufferSize: 64 * 1024)
      )
    }
    if path == "/_notes/state" {
      return body(Data(channel.state.json().utf8), type: "application/json", head: request.method == .HEAD)
    }
    guard let file = files.resolve(path), var data = try? Data(contentsOf: file) else {
      let state = channel.state
      // No site yet because the first build failed: a page that shows why, and turns into
      // the real page once a build succeeds.
      if state.version == 0 && !state.problems.isEmpty && (path.hasSuffix("/") || path.hasSuffix(".html"))
        && !path.contains("/.")
      {
        let page = Data(
          "<!doctype html>\n<html><head><meta charset=\"utf-8\"><title>notes preview</title></head><body><p>The book has no site yet: the build failed.</p></body></html>\n"
            .utf8)
        var response = body(
          LiveScript.inject(into: page, state: state), type: "text/html; charset=utf-8",
          head: request.method == .HEAD)
        response.statusCode = .notFound
        return response
      }
      return plain(.notFound, "404 not found\n")
    }
    let type = ContentType.of(file.lastPathComponent)
    if type.hasPrefix("text/html") { data = LiveScript.inject(into: data, state: channel.state) }
    return body(data, type: type, head: request.method == .HEAD)
  }

  static func body(_ data: Data, type: String, head: Bool) -> HTTPResponse {
    var headers: HTTPHeaders = [:]
    headers[.contentType] = type
    headers[.cacheControl] = "no-store"
    headers[HTTPHeader("X-Content-Type-Options")] = "nosniff"
    if head {
      headers[.contentLength] = String(data.count)
      return HTTPResponse(statusCode: .ok, headers: headers)
    }
    return HTTPResponse(statusCode: .ok, headers: headers, body: data)
  }

  static func plain(_ status: HTTPStatusCode, _ text: String, extra: [HTTPHeader: String] = [:])
    -> HTTPResponse
  {
    var headers: HTTPHeaders = [:]
    headers[.contentType] = "text/plain; charset=utf-8"
    for (key, value) in extra { headers[key] = value }
    return HTTPResponse(statusCode: status, headers: headers, body: Data(text.utf8))
  }

  /// The first port from `start` on which `host` has nothing listening (probed by binding).
  public static func firstFreePort(host: String, from start: UInt16) -> UInt16? {
    var port = start
    while true {
      if canBind(host: host, port: port) { return port }
      if port == UInt16.max { return nil }
      port += 1
      if port > start &+ 100 { return nil }
    }
  }

  static func canBind(host: String, port: UInt16) -> Bool {
    guard
      let address: any SocketAddress =
        host.contains(":")
        ? try? sockaddr_in6.inet6(ip6: host, port: port) : try? sockaddr_in.inet(ip4: host, port: port)
    else { return false }
    guard let socket = try? Socket(domain: Int32(type(of: address).family)) else { return false }
    defer { try? socket.close() }
    do {
      try socket.setValue(true, for: .localAddressReuse)
      try socket.bind(to: address)
      return true
    } catch {
      return false
    }
  }
}
