import Dispatch
import Foundation

/// Independent pieces of one build stage, run on every core.
enum Parallel {
  /// `[body(0), body(1), …, body(count - 1)]`, computed concurrently (at most one task per
  /// core, as `DispatchQueue.concurrentPerform` schedules them) and returned in index order, so
  /// the result does not depend on the number of threads.
  static func map<T: Sendable>(_ count: Int, _ body: @Sendable (Int) -> T) -> [T] {
    let results = Results<T>(count: count)
    DispatchQueue.concurrentPerform(iterations: count) { index in results[index] = body(index) }
    return results.values.map { $0! }
  }

  /// One slot per index, each written by exactly one task.
  private final class Results<T>: @unchecked Sendable {
    private let lock = NSLock()
    private var slots: [T?]

    init(count: Int) { slots = Array(repeating: nil, count: count) }

    subscript(index: Int) -> T? {
      get { lock.withLock { slots[index] } }
      set { lock.withLock { slots[index] = newValue } }
    }

    var values: [T?] { lock.withLock { slots } }
  }
}
