import Dispatch
import Foundation

/// Independent pieces of one stage (chapters to parse, look up, render), run on every core.
public enum Parallel {
  /// `[body(0), body(1), …, body(count - 1)]`, computed by up to `width` threads at once (the
  /// build's `--jobs`; 1 computes them in order on this thread) and returned in index order, so
  /// the result does not depend on the number of threads.
  public static func map<T: Sendable>(
    _ count: Int, width: Int = ProcessInfo.processInfo.activeProcessorCount, _ body: @Sendable (Int) -> T
  ) -> [T] {
    let workers = min(width, count)
    guard workers > 1 else { return (0..<count).map(body) }
    let results = ConcurrentResults<T>(count: count)
    let next = ConcurrentResults<Int>(count: 1)
    next[0] = 0
    DispatchQueue.concurrentPerform(iterations: workers) { _ in
      // Each worker takes the next index until none is left (the first ones are the longest
      // where the caller puts them first).
      while let index = next.take(below: count) { results[index] = body(index) }
    }
    return results.values
  }
}

/// One slot per index, each written by one task, read when all are done.
final class ConcurrentResults<Value>: @unchecked Sendable {
  private var storage: [Value?]
  private let lock = NSLock()
  init(count: Int) { storage = Array(repeating: nil, count: count) }
  subscript(index: Int) -> Value? {
    get { lock.withLock { storage[index] } }
    set { lock.withLock { storage[index] = newValue } }
  }
  /// For a counter in slot 0: its value, incremented, if below `limit`; nil once it reaches it.
  func take(below limit: Int) -> Int? where Value == Int {
    lock.withLock {
      guard let value = storage[0], value < limit else { return nil }
      storage[0] = value + 1
      return value
    }
  }

  /// The values set, in index order.
  var values: [Value] { lock.withLock { storage.compactMap { $0 } } }
}
