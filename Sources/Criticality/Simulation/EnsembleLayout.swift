/// Which per-network statistics an ensemble keeps for each layer, and where.
///
/// For layer `l` (stored at index `l − 1`) and `k` inputs, the statistics are, in order:
/// - the Gram matrix `G_{αβ} = Σ_i z_{i;α} z_{i;β}` for `α ≤ β` (row-major upper triangle);
/// - brute force only: the power sums `P_{j;α} = Σ_i z_{i;α}^j` for `j = 1, 3, 4, …, 8`
///   (`P_2 = G_αα`);
/// - the recorded units `z_{u;α}` for `u < units[l−1]`, input-minor.
///
/// Memory is `O(samples × L × k²)`, never proportional to the widths.
struct EnsembleLayout: Sendable {
  static let powers = [1, 3, 4, 5, 6, 7, 8]
  /// The highest power kept by brute force.
  static let maxPower = 8

  let inputs: Int
  let method: SamplingMethod
  /// Recorded units per layer, `min(requested, n_l)`.
  let units: [Int]
  /// First statistic of each layer, and the total.
  let layerStart: [Int]
  let count: Int

  init(widths: [Int], inputs: Int, method: SamplingMethod, recordedUnits: Int) {
    self.inputs = inputs
    self.method = method
    units = widths.dropFirst().map { min($0, recordedUnits) }
    var start: [Int] = []
    var total = 0
    let perLayerFixed = inputs * (inputs + 1) / 2 + (method == .bruteForce ? Self.powers.count * inputs : 0)
    for u in units {
      start.append(total)
      total += perLayerFixed + u * inputs
    }
    layerStart = start
    count = total
  }

  var gramCount: Int { inputs * (inputs + 1) / 2 }

  /// Index of `G_{αβ}` within a layer.
  func gram(_ a: Int, _ b: Int) -> Int {
    let (i, j) = a <= b ? (a, b) : (b, a)
    // Rows 0..<i of the upper triangle hold Σ (k − r) entries.
    return i * inputs - i * (i - 1) / 2 + (j - i)
  }

  /// Index of the power sum `P_{j;α}` within a layer (brute force, `j ∈ powers`).
  func power(_ j: Int, input a: Int) -> Int {
    let slot = j == 1 ? 0 : j - 2
    return gramCount + a * Self.powers.count + slot
  }

  /// Index of unit `u`, input `α`, within a layer.
  func unit(_ u: Int, input a: Int) -> Int {
    gramCount + (method == .bruteForce ? Self.powers.count * inputs : 0) + u * inputs + a
  }
}

/// The per-network statistics of an ensemble: statistic `t` of network `s` at
/// `values[t · samples + s]`, so that one statistic over all networks is contiguous.
/// Written once by the samplers (each network by one thread), immutable afterwards.
final class EnsembleStorage: @unchecked Sendable {
  let samples: Int
  let count: Int
  let values: UnsafeMutablePointer<Double>

  init(samples: Int, count: Int) {
    self.samples = samples
    self.count = count
    values = .allocate(capacity: max(1, samples * count))
    values.initialize(repeating: 0, count: samples * count)
  }

  deinit { values.deallocate() }

  /// Stores the statistics of the networks `range` from `records` (`count` per network, one
  /// network after the other).
  func store(networks range: Range<Int>, _ records: UnsafePointer<Double>) {
    for t in 0..<count {
      let column = values + t * samples
      for s in range { column[s] = records[(s - range.lowerBound) * count + t] }
    }
  }

  /// Statistic `t` of every network.
  func column(_ t: Int) -> UnsafeBufferPointer<Double> {
    UnsafeBufferPointer(start: values + t * samples, count: samples)
  }
}
