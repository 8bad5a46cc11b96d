/// A figure's series prepared for its scales, with the data extents and warnings: the input
/// of the layout, shared by standalone figures and grid panels.
struct PanelPlan: Sendable {
  let figure: Figure
  let prepared: [PreparedSeries]
  let xExtent: DataExtent
  let yExtent: DataExtent
  let warnings: [String]

  init(_ figure: Figure, xScale: AxisScale? = nil, yScale: AxisScale? = nil) {
    self.figure = figure
    let xs = xScale ?? figure.xScale
    let ys = yScale ?? figure.yScale
    var prepared: [PreparedSeries] = []
    var xExtent = DataExtent()
    var yExtent = DataExtent()
    for (i, s) in figure.series.enumerated() {
      let p = PreparedSeries(s, name: s.displayName(index: i), xScale: xs, yScale: ys)
      p.extend(x: &xExtent, y: &yExtent)
      prepared.append(p)
    }
    self.prepared = prepared
    self.xExtent = xExtent
    self.yExtent = yExtent
    warnings = prepared.flatMap(\.warnings)
  }

  /// Padding of the automatic limits: 5 % in y; in x 3 % when markers sit at the ends,
  /// none for curves and histograms (they end where their data end).
  static func padding(_ extent: DataExtent, isY: Bool) -> Double {
    isY ? 0.05 : (extent.hasMarkers ? 0.03 : 0)
  }
}

/// Which decorations a panel draws (grids hide the inner labels of shared axes).
struct PanelOptions: Sendable {
  var xTickLabels = true
  var yTickLabels = true
  var xLabel = true
  var yLabel = true
  /// Where the rotated y label's baseline goes (its glyphs extend to the left of it): at the
  /// outer edge of the margin, so that labels line up down a column of panels.
  var yLabelBaseline: Double? = nil
  /// Text above the axes, if any (label syntax of ``MathText``).
  var heading: String? = nil
}

/// Space around the axes frame.
struct Margins: Sendable {
  var left = 0.0
  var right = 0.0
  var top = 0.0
  var bottom = 0.0
}

/// Sizes of the decorations of a panel around its frame.
enum PanelLayout {
  static func tickLabelWidth(_ ticks: [Tick], size: Double) -> Double {
    ticks.map { MathText.width(MathText.parse($0.label), fontSize: size) }.max() ?? 0
  }

  static func hasScripts(_ ticks: [Tick]) -> Bool { ticks.contains { $0.label.contains("^") } }

  /// The margins a panel needs for its tick labels, axis labels and heading.
  static func margins(
    figure: Figure, xAxis: ResolvedAxis, yAxis: ResolvedAxis, options: PanelOptions
  ) -> Margins {
    var m = Margins()
    let tick = Style.tickLabelSize
    let label = Style.labelSize
    m.left = 6
    if options.yTickLabels { m.left += tickLabelWidth(yAxis.ticks.major, size: tick) + 7 }
    if options.yLabel && !figure.yLabel.isEmpty { m.left += label * 1.45 }
    m.bottom = 6
    if options.xTickLabels { m.bottom += 6 + tick * (hasScripts(xAxis.ticks.major) ? 1.15 : 0.9) }
    if options.xLabel && !figure.xLabel.isEmpty { m.bottom += 8 + label * 0.95 }
    m.top = 9
    if options.heading != nil { m.top += label * 1.5 }
    m.right = 10
    // Tick labels centred on the frame's ends stick out by half their width.
    if options.xTickLabels, let last = xAxis.ticks.major.last, xAxis.fraction(last.value) > 0.9 {
      let w = MathText.width(MathText.parse(last.label), fontSize: tick)
      m.right = max(m.right, w / 2 + 4)
    }
    if options.xTickLabels, let first = xAxis.ticks.major.first, xAxis.fraction(first.value) < 0.1 {
      let w = MathText.width(MathText.parse(first.label), fontSize: tick)
      m.left = max(m.left, w / 2 + 4)
    }
    return m
  }
}
