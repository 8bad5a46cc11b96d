extension Estimate {
  /// The mean of independent samples with its standard error `s/√N` (`s²` the unbiased sample
  /// variance). Needs at least two samples for a finite error.
  public static func mean<C: Collection>(of samples: C) -> Estimate where C.Element == Double {
    let n = Double(samples.count)
    guard n > 0 else { return Estimate(value: .nan, error: .nan) }
    var sum = 0.0
    for x in samples { sum += x }
    let mean = sum / n
    var ss = 0.0
    for x in samples { ss += (x - mean) * (x - mean) }
    let error = n > 1 ? (ss / (n - 1) / n).squareRoot() : .infinity
    return Estimate(value: mean, error: error)
  }

  /// `f(x̄₁, …, x̄_p)` of the column means of `p` quantities measured on the same `N`
  /// independent samples (`columns[j][s]`), with the delete-one jackknife error
  /// `σ² = (N−1)/N Σ_s (f₍ₛ₎ − f̄)²`, where `f₍ₛ₎` uses the means without sample `s`
  /// (Efron & Stein 1981). Honest for smooth nonlinear `f`, e.g. ratios of moments whose
  /// numerator and denominator are correlated; `O(N p)`.
  public static func jackknife(_ columns: [[Double]], _ f: ([Double]) -> Double) -> Estimate {
    let p = columns.count
    guard let n = columns.first?.count, n > 0 else { return Estimate(value: .nan, error: .nan) }
    require(columns.allSatisfy { $0.count == n }, "jackknife: columns of different lengths")
    var sums = [Double](repeating: 0, count: p)
    for j in 0..<p { for x in columns[j] { sums[j] += x } }
    let value = f(sums.map { $0 / Double(n) })
    guard n > 1 else { return Estimate(value: value, error: .infinity) }
    var means = [Double](repeating: 0, count: p)
    var leaveOut = [Double](repeating: 0, count: n)
    let m = Double(n - 1)
    for s in 0..<n {
      for j in 0..<p { means[j] = (sums[j] - columns[j][s]) / m }
      leaveOut[s] = f(means)
    }
    var mean = 0.0
    for x in leaveOut { mean += x }
    mean /= Double(n)
    var ss = 0.0
    for x in leaveOut { ss += (x - mean) * (x - mean) }
    return Estimate(value: value, error: (ss * m / Double(n)).squareRoot())
  }
}
