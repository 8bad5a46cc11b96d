import FlyingSocks
import Foundation

/// The live-update channel: Server-Sent Events to every open page.
///
/// Each subscriber gets the current state at once (`event: state`), then every state the
/// session publishes; a comment line every 15 s keeps proxies from closing the stream and lets
/// the server notice a page that went away.
public final class LiveChannel: @unchecked Sendable {
  private let lock = NSLock()
  private var subscribers: [UUID: AsyncStream<[UInt8]>.Continuation] = [:]
  private var current = PreviewState()
  private var keepAlive: Thread?

  public init() {}

  /// The latest state.
  public var state: PreviewState { lock.withLock { current } }

  /// Open pages.
  public var subscriberCount: Int { lock.withLock { subscribers.count } }

  /// Changes the state with `change` and sends the result to every page.
  public func update(_ change: (inout PreviewState) -> Void) {
    lock.withLock {
      change(&current)
      let message = Self.event(current)
      for continuation in subscribers.values { continuation.yield(message) }
    }
  }

  /// A new page's stream of SSE bytes, starting with the current state.
  func subscribe() -> AsyncStream<[UInt8]> {
    let id = UUID()
    let (stream, continuation) = AsyncStream<[UInt8]>.makeStream(bufferingPolicy: .bufferingNewest(64))
    continuation.onTermination = { [weak self] _ in
      _ = self?.lock.withLock { self?.subscribers.removeValue(forKey: id) }
    }
    lock.withLock {
      // Tells EventSource to reconnect after 500 ms if the server restarts.
      continuation.yield(Array("retry: 500\n\n".utf8) + Self.event(current))
      subscribers[id] = continuation
      startKeepAlive()
    }
    return stream
  }

  /// Ends every stream (the server is stopping).
  func finish() {
    lock.withLock {
      for continuation in subscribers.values { continuation.finish() }
      subscribers.removeAll()
    }
  }

  /// With the lock held.
  private func startKeepAlive() {
    guard keepAlive == nil else { return }
    let thread = Thread { [weak self] in
      while let self {
        Thread.sleep(forTimeInterval: 15)
        self.lock.withLock {
          for continuation in self.subscribers.values { continuation.yield(Array(":\n\n".utf8)) }
        }
      }
    }
    thread.name = "notes-preview-keepalive"
    keepAlive = thread
    thread.start()
  }

  /// `event: state` with the state as its data line.
  static func event(_ state: PreviewState) -> [UInt8] {
    Array("event: state\ndata: \(state.json())\n\n".utf8)
  }
}

/// An `AsyncStream` of byte chunks as FlyingFox's buffered byte sequence, so that each chunk is
/// written (as one HTTP chunk) as soon as it is yielded.
struct ChunkStream: AsyncBufferedSequence, Sendable {
  typealias Element = UInt8
  let stream: AsyncStream<[UInt8]>

  func makeAsyncIterator() -> Iterator { Iterator(base: stream.makeAsyncIterator()) }

  struct Iterator: AsyncBufferedIteratorProtocol {
    var base: AsyncStream<[UInt8]>.Iterator
    var pending: [UInt8] = []

    mutating func next() async -> UInt8? {
      guard await fill() else { return nil }
      return pending.removeFirst()
    }

    mutating func nextBuffer(suggested count: Int) async -> [UInt8]? {
      guard await fill() else { return nil }
      let taken = Array(pending.prefix(Swift.max(1, count)))
      pending.removeFirst(taken.count)
      return taken
    }

    /// Waits for the next chunk if none is pending; false at the end.
    private mutating func fill() async -> Bool {
      while pending.isEmpty {
        guard let chunk = await base.next() else { return false }
        pending = chunk
      }
      return true
    }
  }
}
