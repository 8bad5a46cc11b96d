/// SVG elements of one prepared series inside the axes `frame`.
struct SeriesDrawing {
  let frame: Rect
  let xAxis: ResolvedAxis
  let yAxis: ResolvedAxis

  func sx(_ v: Double) -> Double { frame.x + xAxis.fraction(v) * frame.width }
  func sy(_ v: Double) -> Double {
    v == -.infinity ? frame.maxY + 2 : frame.maxY - yAxis.fraction(v) * frame.height
  }

  /// Lines are clipped to the frame enlarged by this much (the clip path does the rest).
  var clipRect: Rect { frame.insetBy(-4) }

  func draw(_ p: PreparedSeries, ink: inout InkGrid) -> String {
    let color = Palette.color(p.series.color)
    switch p.series.kind {
    case .line(let markers):
      var out = lineElement(p.x, p.y, color: color, dash: Palette.dash(p.series.dash), ink: &ink)
      if markers {
        out += markerElement(p.x, p.y, color: color, marker: Palette.marker(p.series.marker), ink: &ink)
      }
      return out
    case .function:
      return lineElement(p.x, p.y, color: color, dash: Palette.dash(p.series.dash), ink: &ink)
    case .scatter:
      return markerElement(p.x, p.y, color: color, marker: Palette.marker(p.series.marker), ink: &ink)
    case .errorBars:
      return errorBarElement(p, color: color, ink: &ink)
        + markerElement(p.x, p.y, color: color, marker: Palette.marker(p.series.marker), ink: &ink)
    case .band:
      return bandElement(p, color: color, ink: &ink)
    case .histogram:
      return histogramElement(p, color: color, ink: &ink)
    case .verticalLine, .horizontalLine:
      return referenceElement(p, ink: &ink)
    }
  }

  /// Screen polylines of the data, split at NaN gaps, clipped and M4-thinned.
  func polylines(_ xs: [Double], _ ys: [Double]) -> [[Point]] {
    var pieces: [[Point]] = []
    var current: [Point] = []
    for i in xs.indices {
      if xs[i].isNaN || ys[i].isNaN {
        pieces.append(current)
        current = []
      } else {
        current.append(Point(x: sx(xs[i]), y: sy(ys[i])))
      }
    }
    pieces.append(current)
    return pieces.flatMap { Clipping.polyline($0, to: clipRect) }.map { Thinning.m4($0, column: 0.5) }
  }

  func lineElement(_ xs: [Double], _ ys: [Double], color: String, dash: String?, ink: inout InkGrid) -> String
  {
    var d = PathData()
    for piece in polylines(xs, ys) {
      ink.markPolyline(piece)
      if piece.count == 1 {
        d.move(piece[0])
        d.raw("h0")
      } else {
        d.polyline(piece)
      }
    }
    guard !d.d.isEmpty else { return "" }
    let dashAttribute = dash.map { " stroke-dasharray=\"\($0)\"" } ?? ""
    return
      "<path d=\"\(d.d)\" fill=\"none\" stroke=\"\(color)\" stroke-width=\"\(NumberFormatting.coordinate(Style.lineWidth))\""
      + " stroke-linejoin=\"round\" stroke-linecap=\"round\"\(dashAttribute)/>\n"
  }

  /// Markers at the points inside the frame; more than 2000 are thinned to one per
  /// 2 × 2 cell. Circles are zero-length strokes with round caps (about 12 bytes a marker);
  /// other shapes are filled paths (square caps on zero-length strokes vanish in Chromium's
  /// print/PDF output).
  func markerElement(_ xs: [Double], _ ys: [Double], color: String, marker: Marker, ink: inout InkGrid)
    -> String
  {
    let r = Style.markerRadius
    let area = frame.insetBy(-r)
    var points: [Point] = []
    for i in xs.indices where !xs[i].isNaN {
      let p = Point(x: sx(xs[i]), y: sy(ys[i]))
      if p.x >= area.x && p.x <= area.maxX && p.y >= area.y && p.y <= area.maxY { points.append(p) }
    }
    if points.count > 2000 { points = Thinning.cells(points, cell: 2) }
    guard !points.isEmpty else { return "" }
    for p in points {
      ink.mark(p)
      ink.mark(Point(x: p.x - r, y: p.y - r))
      ink.mark(Point(x: p.x + r, y: p.y + r))
    }
    return Self.markerPath(points, color: color, marker: marker)
  }

  /// One path drawing `marker` at each of `points`.
  static func markerPath(_ points: [Point], color: String, marker: Marker) -> String {
    let r = Style.markerRadius
    var d = PathData()
    switch marker {
    case .circle:
      let side = 2 * r
      d.move(points[0])
      d.raw("h0")
      for p in points.dropFirst() {
        d.moveRelative(p)
        d.raw("h0")
      }
      return
        "<path d=\"\(d.d)\" fill=\"none\" stroke=\"\(color)\" stroke-width=\"\(NumberFormatting.coordinate(side))\""
        + " stroke-linecap=\"round\"/>\n"
    default:
      let shape = marker.path(radius: r)
      for p in points {
        d.move(p)
        d.raw(shape)
      }
      return "<path d=\"\(d.d)\" fill=\"\(color)\"/>\n"
    }
  }

  func errorBarElement(_ p: PreparedSeries, color: String, ink: inout InkGrid) -> String {
    var d = PathData()
    let c = Style.errorCap
    for i in p.x.indices {
      let x = sx(p.x[i])
      guard x >= frame.x - c, x <= frame.maxX + c else { continue }
      let y0 = min(max(sy(p.lower[i]), frame.y - 2), frame.maxY + 2)
      let y1 = min(max(sy(p.upper[i]), frame.y - 2), frame.maxY + 2)
      guard abs(y0 - y1) > 0.05 else { continue }
      ink.markColumn(x: x, from: y0, to: y1, weight: 1)
      d.move(Point(x: x, y: y0))
      d.line(Point(x: x, y: y1))
      for yEnd in [y0, y1] where yEnd > frame.y && yEnd < frame.maxY {
        d.move(Point(x: x - c, y: yEnd))
        d.line(Point(x: x + c, y: yEnd))
      }
    }
    guard !d.d.isEmpty else { return "" }
    return "<path d=\"\(d.d)\" fill=\"none\" stroke=\"\(color)\" stroke-width=\"1.2\"/>\n"
  }

  func bandElement(_ p: PreparedSeries, color: String, ink: inout InkGrid) -> String {
    var d = PathData()
    var start = 0
    let limit = frame.height * 20
    func clampY(_ y: Double) -> Double { min(max(y, frame.y - limit), frame.maxY + limit) }
    func closeSegment(_ end: Int) {
      guard end - start >= 2 else { return }
      let upper = Thinning.m4(
        (start..<end).map { Point(x: sx(p.x[$0]), y: clampY(sy(p.upper[$0]))) }, column: 0.5)
      let lower = Thinning.m4(
        (start..<end).reversed().map { Point(x: sx(p.x[$0]), y: clampY(sy(p.lower[$0]))) }, column: 0.5)
      for (u, l) in zip(upper, lower.reversed()) { ink.markColumn(x: u.x, from: u.y, to: l.y, weight: 0.3) }
      d.polyline(upper + lower)
      d.raw("z")
    }
    for i in p.x.indices where p.x[i].isNaN {
      closeSegment(i)
      start = i + 1
    }
    closeSegment(p.x.count)
    guard !d.d.isEmpty else { return "" }
    return "<path d=\"\(d.d)\" fill=\"\(color)\" fill-opacity=\"0.28\" stroke=\"none\"/>\n"
  }

  /// A step outline over the bins, dropping to the axis at empty bins on a log axis, filled
  /// lightly beneath.
  func histogramElement(_ p: PreparedSeries, color: String, ink: inout InkGrid) -> String {
    guard p.heights.count > 0 else { return "" }
    let base = yAxis.scale == .log ? frame.maxY + 2 : min(max(sy(0), frame.y - 2), frame.maxY + 2)
    var pieces: [[Point]] = []
    var current: [Point] = []
    for i in p.heights.indices {
      let h = p.heights[i]
      let x0 = sx(p.edges[i])
      let x1 = sx(p.edges[i + 1])
      guard h.isFinite else {
        if !current.isEmpty {
          current.append(Point(x: current.last!.x, y: base))
          pieces.append(current)
          current = []
        }
        continue
      }
      let y = min(max(sy(h), frame.y - 4), frame.maxY + 4)
      if current.isEmpty { current.append(Point(x: x0, y: base)) }
      current.append(Point(x: x0, y: y))
      current.append(Point(x: x1, y: y))
      ink.markPolyline([Point(x: x0, y: y), Point(x: x1, y: y)])
      // Columns outside the grid mark nothing, so they are skipped, and the walk stops at the
      // grid's right edge: a bin far wider than the plot (a clipped axis) costs no more than
      // the plot's width. The same `xm` values as stepping through them all, so the same marks.
      var xm = x0
      while xm < x1, xm.isFinite {
        let side = ink.columnSide(xm)
        if side > 0 { break }
        if side == 0 { ink.markColumn(x: xm, from: y, to: base, weight: 0.3) }
        xm += InkGrid.cell
      }
    }
    if !current.isEmpty {
      current.append(Point(x: current.last!.x, y: base))
      pieces.append(current)
    }
    var d = PathData()
    for piece in pieces {
      d.polyline(piece)
      d.raw("z")
    }
    return
      "<path d=\"\(d.d)\" fill=\"\(color)\" fill-opacity=\"0.18\" stroke=\"\(color)\" stroke-width=\"1.3\""
      + " stroke-linejoin=\"miter\"/>\n"
  }

  func referenceElement(_ p: PreparedSeries, ink: inout InkGrid) -> String {
    var d = PathData()
    if p.series.kind == .verticalLine, let v = p.x.first {
      let x = sx(v)
      guard x >= frame.x, x <= frame.maxX else { return "" }
      d.move(Point(x: x, y: frame.y))
      d.line(Point(x: x, y: frame.maxY))
      ink.markPolyline([Point(x: x, y: frame.y), Point(x: x, y: frame.maxY)], weight: 0.5)
    } else if let v = p.y.first {
      let y = sy(v)
      guard y >= frame.y, y <= frame.maxY else { return "" }
      d.move(Point(x: frame.x, y: y))
      d.line(Point(x: frame.maxX, y: y))
      ink.markPolyline([Point(x: frame.x, y: y), Point(x: frame.maxX, y: y)], weight: 0.5)
    }
    guard !d.d.isEmpty else { return "" }
    return
      "<path d=\"\(d.d)\" fill=\"none\" stroke=\"currentColor\" stroke-opacity=\"0.6\" stroke-width=\"1\""
      + " stroke-dasharray=\"5 3\"/>\n"
  }
}
