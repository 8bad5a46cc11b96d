import Dispatch
import Foundation

/// Independent pieces of one stage (chapters to parse, look up, render), run on every core.
public enum Parallel {
  /// `[body(0), body(1), …, body(count - 1)]`, computed concurrently (as
  /// `DispatchQueue.concurrentPerform` schedules them, at most one task per core) and returned
  /// in index order, so the result does not depend on the number of threads.
  public static func map<T: Sendable>(_ count: Int, _ body: @Sendable (Int) -> T) -> [T] {
    let results = ConcurrentResults<T>(count: count)
    DispatchQueue.concurrentPerform(iterations: count) { index in results[index] = body(index) }
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
  /// The values set, in index order.
  var values: [Value] { lock.withLock { storage.compactMap { $0 } } }
}
