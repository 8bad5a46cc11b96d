import Dispatch
import Foundation

/// Training speed at one `C_w`, over seeds (PDLT ch. 10: trainability peaks at criticality).
public struct TrainabilityPoint: Sendable, Equatable {
  /// The weight variance $C_w$ of this point.
  public var cw: Double
  /// The mean over seeds of the steps to reach the threshold, with its standard error
  /// (`s/√seeds`). Runs that diverge or do not reach the threshold are counted, not dropped:
  /// they enter at `maximumSteps`, so the mean is a lower bound when any run failed.
  public var steps: Estimate
  /// Runs that reached the threshold, diverged, or ran out of steps (they sum to `runs`).
  public var reached: Int
  /// Runs whose loss diverged.
  public var diverged: Int
  /// All runs (one per seed).
  public var runs: Int
  /// The final loss of each run, in seed order.
  public var finalLosses: [Double]

  /// A point with these counts and steps.
  public init(cw: Double, steps: Estimate, reached: Int, diverged: Int, runs: Int, finalLosses: [Double]) {
    self.cw = cw
    self.steps = steps
    self.reached = reached
    self.diverged = diverged
    self.runs = runs
    self.finalLosses = finalLosses
  }
}

/// Trains `seeds` networks (seeds `firstSeed…firstSeed+seeds−1`) at every `C_w` in `cws`, the
/// other settings from `configuration`, and summarizes each `C_w` as a `TrainabilityPoint`.
/// A given seed uses the same data, teacher and weight draws at every `C_w` (only rescaled), so
/// differences between neighboring `C_w` are not seed noise. Runs are spread over the cores with
/// `DispatchQueue.concurrentPerform`; each is deterministic, so the result is too.
///
/// - Throws: `CriticalityError` for invalid settings (`seeds < 2`, negative `C_w`, …).
public func trainabilitySweep(
  cws: [Double], seeds: Int, firstSeed: UInt64 = 1, configuration: TrainingConfiguration
) throws -> [TrainabilityPoint] {
  guard seeds >= 2 else { throw CriticalityError("need at least two seeds for an error bar") }
  guard cws.allSatisfy({ $0.isFinite && $0 >= 0 }) else { throw CriticalityError("cw values must be ≥ 0") }
  let jobs = cws.count * seeds
  let results = ResultSlots<TrainingRun>(count: jobs)
  DispatchQueue.concurrentPerform(iterations: jobs) { job in
    var c = configuration
    c.cw = cws[job / seeds]
    let run = Result { try train(c, seed: firstSeed + UInt64(job % seeds)) }
    results.set(job, run)
  }
  return try cws.indices.map { i in
    let runs = try (0..<seeds).map { try results.get(i * seeds + $0).get() }
    let steps = runs.map { Double($0.stepsToThreshold ?? configuration.maximumSteps) }
    let mean = steps.reduce(0, +) / Double(seeds)
    let variance = steps.reduce(0) { $0 + ($1 - mean) * ($1 - mean) } / Double(seeds - 1)
    let reached = runs.filter { $0.stepsToThreshold != nil }.count
    let diverged = runs.filter(\.diverged).count
    return TrainabilityPoint(
      cw: cws[i], steps: Estimate(value: mean, error: (variance / Double(seeds)).squareRoot()),
      reached: reached, diverged: diverged, runs: seeds, finalLosses: runs.map { $0.lossCurve.last ?? .nan })
  }
}
