import Dispatch
import Foundation

extension MLP {
  /// Draws `samples` independent networks and records, for every layer $1, \dots, L$, per-network
  /// statistics of the outputs $z^{(l)}$ on each of the `inputs` (see `Ensemble`).
  ///
  /// - Parameters:
  ///   - inputs: $k \ge 1$ input vectors, each of length $n_0$.
  ///   - samples: the number $N \ge 2$ of networks.
  ///   - seed: the master seed. Network `s` draws from its own stream `(seed, s)`, so the result
  ///     is bit-identical for any `threads`.
  ///   - method: `.bruteForce` (default; every weight is drawn) or `.exact` (linear networks
  ///     only; the Gram-matrix chain is drawn directly, $O(L k^3)$ per network).
  ///   - threads: worker threads (default: all active processors).
  ///   - recordedUnits: how many units per layer keep their values (`Ensemble.values`), at most
  ///     $n_l$. Memory is $O(N L k (k + r))$ for $r$ = `recordedUnits`.
  ///   - progress: called with the fraction of networks done, increasing, from worker threads.
  /// - Throws: `CriticalityError` for invalid parameters (see `MLP.validate`), inputs of the
  ///   wrong width or with non-finite entries, `samples < 2`, `threads < 1`, and `.exact` with a
  ///   nonlinear activation.
  public func ensemble(
    inputs: [[Double]], samples: Int, seed: UInt64, method: SamplingMethod = .bruteForce,
    threads: Int? = nil, recordedUnits: Int = 2, progress: (@Sendable (Double) -> Void)? = nil
  ) throws -> Ensemble {
    try validate()
    guard !inputs.isEmpty else {
      throw CriticalityError("ensemble needs at least one input vector, got inputs = [].")
    }
    for (a, x) in inputs.enumerated() {
      guard x.count == inputWidth else {
        throw CriticalityError(
          "Input \(a) has \(x.count) components but the network's input width is n₀ = \(inputWidth).")
      }
      guard x.allSatisfy({ $0.isFinite }) else {
        throw CriticalityError("Input \(a) has a non-finite component.")
      }
    }
    guard samples >= 2 else {
      throw CriticalityError("ensemble needs at least 2 networks for an error bar, got samples = \(samples).")
    }
    guard recordedUnits >= 0 else {
      throw CriticalityError("recordedUnits must be non-negative, got \(recordedUnits).")
    }
    let workers = threads ?? ProcessInfo.processInfo.activeProcessorCount
    guard workers >= 1 else {
      throw CriticalityError("threads must be at least 1, got \(workers).")
    }
    if method == .exact && !activation.isLinear {
      throw CriticalityError(
        "method: .exact needs a linear network (it relies on rotational invariance), but the"
          + " activation is \(activation); no exact sampler exists for it. Use method: .bruteForce.")
    }

    let layout = EnsembleLayout(
      widths: widths, inputs: inputs.count, method: method, recordedUnits: recordedUnits)
    let storage = EnsembleStorage(samples: samples, count: layout.count)
    let net = self
    let makeSampler: @Sendable () -> any NetworkSampler = {
      switch method {
      case .bruteForce: return BruteForceSampler(net: net, inputs: inputs, layout: layout, seed: seed)
      case .exact: return ExactSampler(net: net, inputs: inputs, layout: layout)
      }
    }
    runChunks(samples: samples, workers: min(workers, samples), makeSampler: makeSampler, progress: progress)
    {
      sampler, range in
      // Records of the chunk side by side, then one contiguous run per statistic.
      let count = layout.count
      let records = UnsafeMutablePointer<Double>.allocate(capacity: max(1, range.count * count))
      defer { records.deallocate() }
      for s in range {
        sampler.sample(network: s, seed: seed, into: records + (s - range.lowerBound) * count)
      }
      storage.store(networks: range, records)
    }
    return Ensemble(
      widths: widths, samples: samples, inputCount: inputs.count, method: method, seed: seed, layout: layout,
      storage: storage)
  }
}

/// One network at a time: writes the statistics of network `s` to `record`.
protocol NetworkSampler: AnyObject {
  func sample(network s: Int, seed: UInt64, into record: UnsafeMutablePointer<Double>)
}

extension BruteForceSampler: NetworkSampler {}
extension ExactSampler: NetworkSampler {}

/// Hands out networks `0..<samples` in chunks to `workers` threads (Dispatch
/// `concurrentPerform`), each with its own sampler, and reports progress after every chunk.
/// Which thread draws which network does not affect any result.
private func runChunks(
  samples: Int, workers: Int, makeSampler: @escaping @Sendable () -> any NetworkSampler,
  progress: (@Sendable (Double) -> Void)?, body: @escaping @Sendable (any NetworkSampler, Range<Int>) -> Void
) {
  let chunk = max(1, min(4096, samples / (workers * 32)))
  let chunks = (samples + chunk - 1) / chunk
  let counter = ChunkCounter()
  let work: @Sendable (Int) -> Void = { _ in
    let sampler = makeSampler()
    while let c = counter.next(below: chunks) {
      let end = min(samples, (c + 1) * chunk)
      body(sampler, (c * chunk)..<end)
      counter.finished(end - c * chunk, of: samples, progress: progress)
    }
  }
  if workers == 1 {
    work(0)
  } else {
    DispatchQueue.concurrentPerform(iterations: workers, execute: work)
  }
}

/// A lock-protected chunk dispenser and progress tally.
private final class ChunkCounter: @unchecked Sendable {
  private let lock = NSLock()
  private var nextChunk = 0
  private var done = 0

  func next(below chunks: Int) -> Int? {
    lock.lock()
    defer { lock.unlock() }
    guard nextChunk < chunks else { return nil }
    nextChunk += 1
    return nextChunk - 1
  }

  func finished(_ count: Int, of total: Int, progress: (@Sendable (Double) -> Void)?) {
    guard let progress else { return }
    lock.lock()
    defer { lock.unlock() }
    done += count
    progress(Double(done) / Double(total))
  }
}
