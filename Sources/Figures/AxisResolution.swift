import Foundation

/// The range of the data along one axis, gathered from the prepared series.
struct DataExtent: Sendable {
  var lo = Double.infinity
  var hi = -Double.infinity
  /// Histograms stand on zero: the axis must include it and not pad below it.
  var anchoredAtZero = false
  /// Markers sit at the data extremes: pad so they are not cut by the frame.
  var hasMarkers = false

  var isEmpty: Bool { lo > hi }

  mutating func add(_ v: Double) {
    guard v.isFinite else { return }
    lo = min(lo, v)
    hi = max(hi, v)
  }

  mutating func formUnion(_ other: DataExtent) {
    lo = min(lo, other.lo)
    hi = max(hi, other.hi)
    anchoredAtZero = anchoredAtZero || other.anchoredAtZero
    hasMarkers = hasMarkers || other.hasMarkers
  }
}

/// One axis ready to draw: scale, limits and ticks.
struct ResolvedAxis: Sendable {
  var scale: AxisScale
  var lo: Double
  var hi: Double
  var ticks: AxisTicks

  /// Where `v` sits between the limits: 0 at `lo`, 1 at `hi` (linear in `v` or `log10 v`),
  /// clamped to ±10^6 so that far-away points stay finite.
  func fraction(_ v: Double) -> Double {
    let f: Double
    switch scale {
    case .linear: f = (v - lo) / (hi - lo)
    case .log: f = v > 0 ? (log10(v) - log10(lo)) / (log10(hi) - log10(lo)) : -1e6
    }
    return f.isNaN ? 0 : min(max(f, -1e6), 1e6)
  }

  /// The limits and ticks of an axis: the given `limits` if usable, else the data extent
  /// padded by `padding` of the span on each side (in log10 space on a log axis). A linear
  /// axis starts at zero when all data are ≥ 0 and the smallest is below a tenth of the
  /// largest (likewise for ≤ 0); histograms stand on zero without padding below it. A
  /// zero-width extent is widened to `v(1 ± 0.1)` (±1 at zero, ×/÷ √10 on a log axis); no data
  /// gives 0…1 (1…10 on a log axis). On a log axis histograms get a factor 3 below their
  /// lowest bar. `tickSpacing` is the wanted distance between labelled
  /// ticks in user units along an axis `length` long; ticks are thinned further while labels
  /// (of extent `labelExtent` along the axis) would come closer than 12 units.
  static func resolve(
    scale: AxisScale, limits: ClosedRange<Double>?, extent: DataExtent, padding: Double,
    length: Double, tickSpacing: Double, name: String, labelExtent: (String) -> Double
  ) -> (ResolvedAxis, [String]) {
    var warnings: [String] = []
    var lo: Double
    var hi: Double
    if let limits, limits.lowerBound.isFinite, limits.upperBound.isFinite,
      limits.upperBound > limits.lowerBound, scale == .linear || limits.lowerBound > 0
    {
      (lo, hi) = (limits.lowerBound, limits.upperBound)
    } else {
      if let limits {
        warnings.append(
          "\(name) limits \(NumberFormatting.short(limits.lowerBound))…"
            + "\(NumberFormatting.short(limits.upperBound)) unusable on a "
            + (scale == .log ? "log" : "linear") + " axis: fitted to the data instead")
      }
      (lo, hi) = automatic(scale: scale, extent: extent, padding: padding)
    }
    var target = max(2, Int((length / tickSpacing).rounded()))
    while true {
      let ticks =
        scale == .log
        ? AxisTicks.logarithmic(from: lo, to: hi, targetCount: target)
        : AxisTicks.linear(from: lo, to: hi, targetCount: target)
      let axis = ResolvedAxis(scale: scale, lo: lo, hi: hi, ticks: ticks)
      // Fewer ticks while neighbouring labels along the axis would come closer than 12 units.
      if target <= 2 || axis.labelGap(length: length, labelExtent: labelExtent) >= 12 {
        return (axis, warnings)
      }
      target -= 1
    }
  }

  /// The smallest free space between neighbouring tick labels along an axis `length` long,
  /// when each label occupies `labelExtent(label)` along the axis, centred on its tick.
  func labelGap(length: Double, labelExtent: (String) -> Double) -> Double {
    let major = ticks.major
    guard major.count > 1 else { return .infinity }
    var gap = Double.infinity
    for (a, b) in zip(major, major.dropFirst()) {
      let distance = (fraction(b.value) - fraction(a.value)) * length
      gap = min(gap, distance - (labelExtent(a.label) + labelExtent(b.label)) / 2)
    }
    return gap
  }

  static func automatic(scale: AxisScale, extent: DataExtent, padding: Double) -> (Double, Double) {
    guard !extent.isEmpty else { return scale == .log ? (1, 10) : (0, 1) }
    var lo = extent.lo
    var hi = extent.hi
    switch scale {
    case .log:
      var a = log10(lo)
      var b = log10(hi)
      if b - a < 1e-9 {
        (a, b) = (a - 0.5, b + 0.5)
      } else {
        let pad = padding * (b - a)
        // Histogram bars stand on the axis: leave a factor 3 below the lowest bar so that
        // bars of one count still show as bars.
        (a, b) = (a - (extent.anchoredAtZero ? max(pad, log10(3)) : pad), b + pad)
      }
      return (pow(10, a), pow(10, b))
    case .linear:
      if hi - lo <= 1e-12 * max(abs(lo), abs(hi)) {
        let c = (lo + hi) / 2
        let w = c == 0 ? 1 : 0.1 * abs(c)
        return (c - w, c + w)
      }
      var anchoredLow = false
      var anchoredHigh = false
      if lo >= 0 && (extent.anchoredAtZero || lo <= 0.1 * hi) {
        lo = 0
        anchoredLow = extent.anchoredAtZero
      } else if hi <= 0 && (extent.anchoredAtZero || hi >= 0.1 * lo) {
        hi = 0
        anchoredHigh = extent.anchoredAtZero
      }
      let pad = padding * (hi - lo)
      return (anchoredLow ? lo : lo - pad, anchoredHigh ? hi : hi + pad)
    }
  }
}
