import Foundation

/// Sampling of a function for drawing.
enum AdaptiveSampling {
  /// Points `(x, f(x))` on `range`: 129 equally spaced points (plus 65 logarithmically spaced
  /// ones if `0 < lower` and the range spans more than a decade, so that a log x axis is
  /// covered too), then each interval is halved, up to 8 times, while its midpoint misses the
  /// chord by more than 2·10^−4 of the sampled y span — in y, and in log|y| when the values
  /// are positive — or while the finiteness of the endpoints differs. At most 6000 points.
  /// Non-finite values are kept; drawing skips them (and counts them).
  static func sample(_ f: (Double) -> Double, in range: ClosedRange<Double>) -> ([Double], [Double]) {
    let a = range.lowerBound
    let b = range.upperBound
    guard a.isFinite, b.isFinite else { return ([], []) }
    guard b > a else { return ([a], [f(a)]) }
    var xs = (0...128).map { a + (b - a) * Double($0) / 128 }
    if a > 0 && b / a > 10 {
      let la = log10(a)
      let lb = log10(b)
      xs += (1..<64).map { pow(10, la + (lb - la) * Double($0) / 64) }
      xs.sort()
    }
    var ys = xs.map(f)
    let finite = ys.filter(\.isFinite)
    let span = (finite.max() ?? 0) - (finite.min() ?? 0)
    let positive = finite.filter { $0 > 0 }
    let logSpan =
      positive.count == finite.count && !positive.isEmpty
      ? log10(positive.max()!) - log10(positive.min()!) : 0
    let tolerance = 2e-4 * (span > 0 ? span : 1)
    let logTolerance = 2e-4 * (logSpan > 0 ? logSpan : 1)

    func needsSplit(_ x0: Double, _ y0: Double, _ x1: Double, _ y1: Double, _ ym: Double) -> Bool {
      if y0.isFinite != y1.isFinite || y0.isFinite != ym.isFinite { return true }
      guard ym.isFinite else { return false }
      if abs(ym - (y0 + y1) / 2) > tolerance { return true }
      if logSpan > 0, y0 > 0, y1 > 0, ym > 0,
        abs(log10(ym) - (log10(y0) + log10(y1)) / 2) > logTolerance
      {
        return true
      }
      return false
    }

    var outX: [Double] = [xs[0]]
    var outY: [Double] = [ys[0]]
    var budget = 6000 - xs.count
    func refine(_ x0: Double, _ y0: Double, _ x1: Double, _ y1: Double, depth: Int) {
      if depth < 8 && budget > 0 {
        let xm = (x0 + x1) / 2
        let ym = f(xm)
        budget -= 1
        if needsSplit(x0, y0, x1, y1, ym) {
          refine(x0, y0, xm, ym, depth: depth + 1)
          refine(xm, ym, x1, y1, depth: depth + 1)
          return
        }
      }
      outX.append(x1)
      outY.append(y1)
    }
    for i in 1..<xs.count where xs[i] > xs[i - 1] {
      refine(xs[i - 1], ys[i - 1], xs[i], ys[i], depth: 0)
    }
    ys = outY
    return (outX, ys)
  }
}
