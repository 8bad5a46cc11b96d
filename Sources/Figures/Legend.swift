/// The legend: one row per labelled series, symbol then label, placed inside the axes.
struct Legend {
  static let rowHeight = 19.0
  static let symbolWidth = 26.0
  static let gap = 6.0
  static let padding = 4.0
  /// Distance from the frame, clear of the tick marks.
  static let inset = 9.0

  let entries: [(series: Series, runs: [TextRun])]

  init(_ prepared: [PreparedSeries]) {
    entries = prepared.filter { !$0.series.label.isEmpty }.map {
      ($0.series, MathText.parse($0.series.label))
    }
  }

  var size: (width: Double, height: Double) {
    let textWidth = entries.map { MathText.width($0.runs, fontSize: Style.legendSize) }.max() ?? 0
    return (
      Self.symbolWidth + Self.gap + textWidth + 2 * Self.padding + 4,
      Double(entries.count) * Self.rowHeight + 2 * Self.padding
    )
  }

  static let automaticOrder: [LegendPosition] = [
    .upperRight, .upperLeft, .lowerRight, .lowerLeft, .upperCenter, .lowerCenter, .centerRight, .centerLeft,
  ]

  func rect(_ position: LegendPosition, in frame: Rect) -> Rect {
    let (w, h) = size
    let left = frame.x + Self.inset
    let right = frame.maxX - Self.inset - w
    let center = frame.x + (frame.width - w) / 2
    let top = frame.y + Self.inset
    let bottom = frame.maxY - Self.inset - h
    let middle = frame.y + (frame.height - h) / 2
    let (x, y): (Double, Double)
    switch position {
    case .upperRight, .automatic, .hidden: (x, y) = (right, top)
    case .upperLeft: (x, y) = (left, top)
    case .lowerLeft: (x, y) = (left, bottom)
    case .lowerRight: (x, y) = (right, bottom)
    case .upperCenter: (x, y) = (center, top)
    case .lowerCenter: (x, y) = (center, bottom)
    case .centerLeft: (x, y) = (left, middle)
    case .centerRight: (x, y) = (right, middle)
    }
    return Rect(x: x, y: y, width: w, height: h)
  }

  /// The requested position, or for `.automatic` the candidate whose box covers the least
  /// ink (ties go to the earlier of upper right, upper left, lower right, lower left, …).
  func place(_ position: LegendPosition, frame: Rect, ink: InkGrid) -> Rect {
    guard position == .automatic else { return rect(position, in: frame) }
    var best = rect(.upperRight, in: frame)
    var bestCost = Double.infinity
    for candidate in Self.automaticOrder {
      let r = rect(candidate, in: frame)
      let cost = ink.cost(of: r.insetBy(-2))
      if cost < bestCost - 1e-9 {
        best = r
        bestCost = cost
      }
    }
    return best
  }

  func svg(at box: Rect) -> String {
    var out = "<g font-size=\"\(NumberFormatting.coordinate(Style.legendSize))\" fill=\"currentColor\">\n"
    for (k, entry) in entries.enumerated() {
      let cy = box.y + Self.padding + Self.rowHeight * (Double(k) + 0.5)
      let x0 = box.x + Self.padding
      out += symbol(entry.series, x0: x0, cy: cy)
      let f = NumberFormatting.coordinate
      out +=
        "<text x=\"\(f(x0 + Self.symbolWidth + Self.gap))\" y=\"\(f(cy + Style.legendSize * 0.33))\">"
        + MathText.svgContent(entry.runs, fontSize: Style.legendSize) + "</text>\n"
    }
    return out + "</g>\n"
  }

  func symbol(_ s: Series, x0: Double, cy: Double) -> String {
    let f = NumberFormatting.coordinate
    let color = Palette.color(s.color)
    let w = Self.symbolWidth
    let center = Point(x: x0 + w / 2, y: cy)
    func line(_ stroke: String, width: Double, dash: String?, opacity: String = "") -> String {
      "<path d=\"M\(f(x0)) \(f(cy))h\(f(w))\" fill=\"none\" stroke=\"\(stroke)\" stroke-width=\"\(f(width))\""
        + (dash.map { " stroke-dasharray=\"\($0)\"" } ?? "") + opacity + "/>\n"
    }
    switch s.kind {
    case .line(let markers):
      return line(color, width: Style.lineWidth, dash: Palette.dash(s.dash))
        + (markers ? SeriesDrawing.markerPath([center], color: color, marker: Palette.marker(s.marker)) : "")
    case .function:
      return line(color, width: Style.lineWidth, dash: Palette.dash(s.dash))
    case .scatter:
      return SeriesDrawing.markerPath([center], color: color, marker: Palette.marker(s.marker))
    case .errorBars:
      let c = Style.errorCap
      return "<path d=\"M\(f(center.x)) \(f(cy - 7))v14M\(f(center.x - c)) \(f(cy - 7))h\(f(2 * c))"
        + "M\(f(center.x - c)) \(f(cy + 7))h\(f(2 * c))\" fill=\"none\" stroke=\"\(color)\" stroke-width=\"1.2\"/>\n"
        + SeriesDrawing.markerPath([center], color: color, marker: Palette.marker(s.marker))
    case .band:
      return
        "<rect x=\"\(f(x0))\" y=\"\(f(cy - 5))\" width=\"\(f(w))\" height=\"10\" fill=\"\(color)\" fill-opacity=\"0.28\"/>\n"
    case .histogram:
      return
        "<rect x=\"\(f(x0 + 1))\" y=\"\(f(cy - 5))\" width=\"\(f(w - 2))\" height=\"10\" fill=\"\(color)\""
        + " fill-opacity=\"0.18\" stroke=\"\(color)\" stroke-width=\"1.3\"/>\n"
    case .verticalLine, .horizontalLine:
      return line("currentColor", width: 1, dash: "5 3", opacity: " stroke-opacity=\"0.6\"")
    }
  }
}
