/// The calls that add series to a figure. Sequences of any ``PlotValue`` (`[Double]`,
/// `[Int]`, `1...20`) are accepted; `x` and `y` of different lengths are cut to the shorter
/// with a warning. An empty `label` leaves the series out of the legend.
extension Figure {
  /// A line through `(x[i], y[i])` in the given order, with markers if `markers`.
  /// Non-finite points are skipped (counted in ``warnings``) and break the line.
  public mutating func line<X: Sequence, Y: Sequence>(
    x: X, y: Y, label: String = "", markers: Bool = false
  ) where X.Element: PlotValue, Y.Element: PlotValue {
    var s = Series(kind: .line(markers: markers), label: label)
    (s.x, s.y, s.notes) = Self.paired(x.plotValues, y.plotValues)
    add(s)
  }

  /// Markers at `(x[i], y[i])`. Beyond 2000 markers, one marker per 2 × 2 units is kept the markers are thinned
  /// (identical pixels), so 10^5 points stay a small SVG.
  public mutating func scatter<X: Sequence, Y: Sequence>(x: X, y: Y, label: String = "")
  where X.Element: PlotValue, Y.Element: PlotValue {
    var s = Series(kind: .scatter, label: label)
    (s.x, s.y, s.notes) = Self.paired(x.plotValues, y.plotValues)
    add(s)
  }

  /// Markers at `(x[i], y[i])` with vertical error bars from `y − error` to `y + error`
  /// (one standard error). A non-finite error draws the marker without its bar.
  public mutating func errorBars<X: Sequence, Y: Sequence, E: Sequence>(
    x: X, y: Y, error: E, label: String = ""
  ) where X.Element: PlotValue, Y.Element: PlotValue, E.Element: PlotValue {
    var s = Series(kind: .errorBars, label: label)
    var e = error.plotValues
    (s.x, s.y, s.notes) = Self.paired(x.plotValues, y.plotValues)
    if e.count != s.x.count {
      s.notes.append("\(e.count) errors for \(s.x.count) points: missing errors drawn as none")
      e = Array(e.prefix(s.x.count)) + Array(repeating: 0, count: max(0, s.x.count - e.count))
    }
    s.error = e.map(abs)
    add(s)
  }

  /// A shaded band between `lower[i]` and `upper[i]` over `x[i]`, drawn beneath the lines.
  /// Without a label it takes the colour of the series added just before it.
  public mutating func band<X: Sequence, L: Sequence, U: Sequence>(
    x: X, lower: L, upper: U, label: String = ""
  ) where X.Element: PlotValue, L.Element: PlotValue, U.Element: PlotValue {
    var s = Series(kind: .band, label: label)
    let (xv, l, u) = (x.plotValues, lower.plotValues, upper.plotValues)
    let n = min(xv.count, l.count, u.count)
    if n != xv.count || n != l.count || n != u.count {
      s.notes.append("\(xv.count) x values, \(l.count) lower, \(u.count) upper: cut to \(n) points")
    }
    s.x = Array(xv.prefix(n))
    s.lower = Array(l.prefix(n))
    s.upper = Array(u.prefix(n))
    s.y = zip(s.lower, s.upper).map { ($0 + $1) / 2 }
    add(s)
  }

  /// The band `y ± error`, e.g. a mean with its standard error.
  public mutating func band<X: Sequence, Y: Sequence, E: Sequence>(
    x: X, y: Y, error: E, label: String = ""
  ) where X.Element: PlotValue, Y.Element: PlotValue, E.Element: PlotValue {
    let yv = y.plotValues
    let ev = error.plotValues
    let n = min(yv.count, ev.count)
    band(
      x: x, lower: (0..<n).map { yv[$0] - abs(ev[$0]) }, upper: (0..<n).map { yv[$0] + abs(ev[$0]) },
      label: label)
  }

  /// The curve `y = f(x)` for `x` in `range`, sampled adaptively (see
  /// ``AdaptiveSampling/sample(_:in:)``) so that it looks smooth on linear and log axes.
  public mutating func function(
    in range: ClosedRange<Double>, label: String = "", _ f: (Double) -> Double
  ) {
    var s = Series(kind: .function, label: label)
    (s.x, s.y) = AdaptiveSampling.sample(f, in: range)
    add(s)
  }

  /// A step histogram of `samples` in `bins` equal bins over `range` (default: the finite
  /// samples' extent; automatic bin count by the Freedman–Diaconis rule `h = 2 IQR n^{−1/3}`),
  /// counts or, if `density`, counts / (n_in_range · bin width) so that the area is 1.
  public mutating func histogram<S: Sequence>(
    _ samples: S, bins: Int? = nil, range: ClosedRange<Double>? = nil, density: Bool = false,
    label: String = ""
  ) where S.Element: PlotValue {
    let values = samples.plotValues
    let edges = Binning.uniformEdges(values, bins: bins, range: range)
    histogram(values, edges: edges, density: density, label: label)
  }

  /// A step histogram of `samples` in the bins between consecutive `edges` (increasing).
  public mutating func histogram<S: Sequence>(
    _ samples: S, edges: [Double], density: Bool = false, label: String = ""
  ) where S.Element: PlotValue {
    var s = Series(kind: .histogram(density: density), label: label)
    let result = Binning.count(samples.plotValues, edges: edges, density: density)
    s.edges = result.edges
    s.y = result.heights
    s.error = result.errors
    s.x = zip(result.edges, result.edges.dropFirst()).map { ($0 + $1) / 2 }
    s.notes = result.notes
    add(s)
  }

  /// A vertical reference line at `x` across the axes.
  public mutating func referenceLine(x: Double, label: String = "") {
    add(Series(kind: .verticalLine, label: label, x: [x], y: [.nan]))
  }

  /// A horizontal reference line at `y` across the axes.
  public mutating func referenceLine(y: Double, label: String = "") {
    add(Series(kind: .horizontalLine, label: label, x: [.nan], y: [y]))
  }

  mutating func add(_ series: Series) {
    var s = series
    switch s.kind {
    case .verticalLine, .horizontalLine:
      break
    case .band where s.label.isEmpty && !self.series.isEmpty:
      s.color = self.series[self.series.count - 1].color
    case .line, .scatter, .errorBars, .band, .histogram, .function:
      s.color = colorCount
      colorCount += 1
    }
    if s.kind.hasMarkers {
      s.marker = markerCount
      markerCount += 1
    }
    if s.kind.isLineLike {
      s.dash = dashCount
      dashCount += 1
    }
    self.series.append(s)
  }

  static func paired(_ x: [Double], _ y: [Double]) -> ([Double], [Double], [String]) {
    guard x.count != y.count else { return (x, y, []) }
    let n = min(x.count, y.count)
    return (
      Array(x.prefix(n)), Array(y.prefix(n)),
      ["\(x.count) x values for \(y.count) y values: cut to \(n) points"]
    )
  }
}
