import Foundation

/// Histogram binning.
enum Binning {
  /// Equal-width bin edges over `range` (default: min…max of the finite samples). The bin
  /// count is `bins`, or by the Freedman–Diaconis rule `h = 2 IQR n^{−1/3}` (√n if the
  /// interquartile range vanishes), clamped to 1…200. A zero-width range is widened to ±0.5.
  static func uniformEdges(_ samples: [Double], bins: Int?, range: ClosedRange<Double>?) -> [Double] {
    let finite = samples.filter(\.isFinite).sorted()
    var lo = range?.lowerBound ?? finite.first ?? 0
    var hi = range?.upperBound ?? finite.last ?? 1
    if !(lo.isFinite && hi.isFinite) || hi <= lo {
      let c = lo.isFinite ? lo : 0
      (lo, hi) = (c - 0.5, c + 0.5)
    }
    var count: Int
    if let bins {
      count = max(1, bins)
    } else if finite.count < 2 {
      count = 1
    } else {
      let n = Double(finite.count)
      let iqr = finite[Int(0.75 * (n - 1))] - finite[Int(0.25 * (n - 1))]
      count = iqr > 0 ? Int(((hi - lo) / (2 * iqr * pow(n, -1.0 / 3))).rounded(.up)) : Int(n.squareRoot())
      count = min(200, max(1, count))
    }
    // The ends exactly `lo` and `hi`, so that the extreme samples fall inside.
    return (0...count).map { $0 == count ? hi : lo + (hi - lo) * Double($0) / Double(count) }
  }

  struct Result {
    var edges: [Double]
    var heights: [Double]
    var errors: [Double]
    var notes: [String]
  }

  /// Counts of `samples` in `[edges[i], edges[i+1])` (the last bin closed), with Poisson
  /// errors `√count`; if `density`, both divided by `n_in · width_i` (`n_in` = samples in
  /// range, as numpy does). Non-finite and out-of-range samples are counted in `notes`.
  static func count(_ samples: [Double], edges given: [Double], density: Bool) -> Result {
    var notes: [String] = []
    var edges = given.filter(\.isFinite)
    let increasing = zip(edges, edges.dropFirst()).allSatisfy { $0 < $1 }
    if !increasing {
      edges = Array(Set(edges)).sorted()
      notes.append("bin edges were not increasing: sorted")
    }
    guard edges.count >= 2 else {
      return Result(
        edges: [], heights: [], errors: [], notes: notes + ["fewer than two bin edges: nothing drawn"])
    }
    var counts = [Double](repeating: 0, count: edges.count - 1)
    var nonFinite = 0
    var outside = 0
    let lo = edges[0]
    let hi = edges[edges.count - 1]
    for v in samples {
      guard v.isFinite else {
        nonFinite += 1
        continue
      }
      guard v >= lo && v <= hi else {
        outside += 1
        continue
      }
      // Last edge <= v, by binary search.
      var a = 0
      var b = edges.count - 1
      while b - a > 1 {
        let m = (a + b) / 2
        if edges[m] <= v { a = m } else { b = m }
      }
      counts[a] += 1
    }
    if nonFinite > 0 { notes.append("skipped \(nonFinite) non-finite sample" + (nonFinite == 1 ? "" : "s")) }
    if outside > 0 {
      notes.append("left out \(outside) sample" + (outside == 1 ? "" : "s") + " outside the bins")
    }
    let total = counts.reduce(0, +)
    var heights = counts
    var errors = counts.map { $0.squareRoot() }
    if density && total > 0 {
      for i in counts.indices {
        let norm = total * (edges[i + 1] - edges[i])
        heights[i] = counts[i] / norm
        errors[i] /= norm
      }
    }
    return Result(edges: edges, heights: heights, errors: errors, notes: notes)
  }
}
