import Foundation
import Testing

@testable import Notebook

/// `Parallel.map`: results in index order whatever the number of threads; width 1 is a plain
/// map on the calling thread.
struct ParallelTests {
  @Test(arguments: [1, 2, 3, 8])
  func resultsComeBackInIndexOrder(width: Int) {
    let squares = Parallel.map(50, width: width) { index -> Int in
      // Uneven work, so that later indices can finish first.
      if index % 7 == 0 { usleep(2000) }
      return index * index
    }
    #expect(squares == (0..<50).map { $0 * $0 })
  }

  @Test func widthOneRunsOnTheCallingThread() {
    let caller = Thread.current.description
    let threads = Parallel.map(5, width: 1) { _ in Thread.current.description }
    #expect(threads.allSatisfy { $0 == caller })
  }

  @Test func everyIndexRunsOnce() {
    let counts = ConcurrentResults<Int>(count: 200)
    _ = Parallel.map(200, width: 4) { index in counts[index] = (counts[index] ?? 0) + 1 }
    #expect(counts.values == Array(repeating: 1, count: 200))
    #expect(Parallel.map(0, width: 4) { $0 }.isEmpty)
  }
}
