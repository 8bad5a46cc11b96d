/// A series made ready for given axis scales: points that cannot be drawn are removed and
/// counted. In lines and bands a removed point leaves a gap, marked by a NaN `x`.
struct PreparedSeries: Sendable {
  var series: Series
  var x: [Double] = []
  var y: [Double] = []
  /// Lower and upper ends of error bars or of a band; `-infinity` for an error bar reaching
  /// below zero on a log axis (drawn to the frame).
  var lower: [Double] = []
  var upper: [Double] = []
  /// Histograms: bin edges and heights; a height of NaN is a bin not drawn (empty on a log
  /// axis).
  var edges: [Double] = []
  var heights: [Double] = []
  var warnings: [String] = []

  /// Filters `series` for the scales; warnings name the series as `name`.
  init(_ series: Series, name: String, xScale: AxisScale, yScale: AxisScale) {
    self.series = series
    func validX(_ v: Double) -> Bool { xScale == .linear || v > 0 }
    func validY(_ v: Double) -> Bool { yScale == .linear || v > 0 }
    var nonFinite = 0
    var nonPositiveX = 0
    var nonPositiveY = 0
    var errorsDropped = 0
    func breakLine() {
      if let last = x.last, !last.isNaN {
        x.append(.nan)
        y.append(.nan)
        if !lower.isEmpty || series.kind == .band {
          lower.append(.nan)
          upper.append(.nan)
        }
      }
    }
    switch series.kind {
    case .line, .function, .scatter, .errorBars, .band:
      let isBand = series.kind == .band
      let isErrorBars = series.kind == .errorBars
      let breaks = series.kind.isLineLike || isBand
      for i in series.x.indices {
        let xv = series.x[i]
        let yv = series.y[i]
        var values = [xv, yv]
        if isBand { values += [series.lower[i], series.upper[i]] }
        guard values.allSatisfy(\.isFinite) else {
          nonFinite += 1
          if breaks { breakLine() }
          continue
        }
        let yOK = isBand ? validY(series.lower[i]) && validY(series.upper[i]) : validY(yv)
        guard validX(xv) && yOK else {
          if !validX(xv) { nonPositiveX += 1 } else { nonPositiveY += 1 }
          if breaks { breakLine() }
          continue
        }
        x.append(xv)
        y.append(yv)
        if isBand {
          lower.append(series.lower[i])
          upper.append(series.upper[i])
        } else if isErrorBars {
          var e = series.error[i]
          if !e.isFinite {
            errorsDropped += 1
            e = 0
          }
          let l = yv - e
          lower.append(validY(l) ? l : -.infinity)
          upper.append(yv + e)
        }
      }
      if x.last?.isNaN == true {
        x.removeLast()
        y.removeLast()
        if isBand {
          lower.removeLast()
          upper.removeLast()
        }
      }
    case .histogram:
      edges = series.edges
      heights = series.y
      if xScale == .log, edges.contains(where: { $0 <= 0 }) {
        var dropped = 0
        var keptEdges: [Double] = []
        var keptHeights: [Double] = []
        for i in heights.indices where edges[i] > 0 {
          if keptEdges.isEmpty { keptEdges.append(edges[i]) }
          keptEdges.append(edges[i + 1])
          keptHeights.append(heights[i])
        }
        dropped = heights.count - keptHeights.count
        nonPositiveX += dropped
        (edges, heights) = (keptHeights.isEmpty ? [] : keptEdges, keptHeights)
      }
      if yScale == .log { heights = heights.map { $0 > 0 ? $0 : .nan } }
    case .verticalLine:
      if !series.x[0].isFinite {
        nonFinite += 1
      } else if !validX(series.x[0]) {
        nonPositiveX += 1
      } else {
        x = series.x
      }
    case .horizontalLine:
      if !series.y[0].isFinite {
        nonFinite += 1
      } else if !validY(series.y[0]) {
        nonPositiveY += 1
      } else {
        y = series.y
      }
    }
    warnings = series.notes.map { "\(name): \($0)" }
    if nonFinite > 0 {
      warnings.append("\(name): skipped \(nonFinite) non-finite point" + (nonFinite == 1 ? "" : "s"))
    }
    if nonPositiveX > 0 {
      warnings.append(
        "\(name): log x axis dropped \(nonPositiveX) non-positive value" + (nonPositiveX == 1 ? "" : "s"))
    }
    if nonPositiveY > 0 {
      warnings.append(
        "\(name): log y axis dropped \(nonPositiveY) non-positive value" + (nonPositiveY == 1 ? "" : "s"))
    }
    if errorsDropped > 0 {
      warnings.append("\(name): \(errorsDropped) non-finite errors drawn without bars")
    }
  }

  /// Adds this series' data to the axis extents.
  func extend(x xExtent: inout DataExtent, y yExtent: inout DataExtent) {
    switch series.kind {
    case .histogram:
      edges.forEach { xExtent.add($0) }
      heights.forEach { yExtent.add($0) }
      yExtent.anchoredAtZero = true
    case .verticalLine:
      x.forEach { xExtent.add($0) }
    case .horizontalLine:
      y.forEach { yExtent.add($0) }
    case .line, .scatter, .errorBars, .band, .function:
      x.forEach { xExtent.add($0) }
      y.forEach { yExtent.add($0) }
      lower.forEach { yExtent.add($0) }
      upper.forEach { yExtent.add($0) }
      if series.kind.hasMarkers && !x.isEmpty {
        xExtent.hasMarkers = true
        yExtent.hasMarkers = true
      }
    }
  }
}
