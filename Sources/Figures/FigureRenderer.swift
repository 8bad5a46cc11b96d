/// Lays out and draws a standalone ``Figure``.
enum FigureRenderer {
  /// Stands for the figure's id prefix until the content hash is known; a control character
  /// cannot come from user text (``XML/escape(_:)`` drops those).
  static let idPlaceholder = "\u{1}ID\u{1}"

  struct Result {
    var body: String
    var warnings: [String]
    var xAxis: ResolvedAxis
    var yAxis: ResolvedAxis
    /// The canvas: the figure's size, grown by a legend outside the axes.
    var width: Double
    var height: Double
  }

  /// Axes fitted to the frame: the margins depend on the tick labels and the ticks on the
  /// frame's size, so the two are iterated twice.
  static func layout(_ plan: PanelPlan, in box: Rect, options: PanelOptions) -> (
    Rect, ResolvedAxis, ResolvedAxis, [String]
  ) {
    let figure = plan.figure
    var frame = Rect(x: box.x + 60, y: box.y + 12, width: box.width - 75, height: box.height - 60)
    var result: (ResolvedAxis, ResolvedAxis, [String])
    var pass = 0
    repeat {
      result = axes(plan, frame: frame)
      let m = PanelLayout.margins(figure: figure, xAxis: result.0, yAxis: result.1, options: options)
      frame = Rect(
        x: box.x + m.left, y: box.y + m.top, width: max(20, box.width - m.left - m.right),
        height: max(20, box.height - m.top - m.bottom))
      pass += 1
    } while pass < 2
    result = axes(plan, frame: frame)
    return (frame, result.0, result.1, result.2)
  }

  static func axes(
    _ plan: PanelPlan, frame: Rect, xExtent: DataExtent? = nil, yExtent: DataExtent? = nil,
    xScale: AxisScale? = nil, yScale: AxisScale? = nil, xLimits: ClosedRange<Double>?? = nil,
    yLimits: ClosedRange<Double>?? = nil
  ) -> (ResolvedAxis, ResolvedAxis, [String]) {
    let figure = plan.figure
    let xe = xExtent ?? plan.xExtent
    let ye = yExtent ?? plan.yExtent
    let (x, wx) = ResolvedAxis.resolve(
      scale: xScale ?? figure.xScale, limits: xLimits ?? figure.xLimits, extent: xe,
      padding: PanelPlan.padding(xe, isY: false), length: frame.width, tickSpacing: Style.xTickSpacing,
      name: "x axis",
      labelExtent: { MathText.width(MathText.parse($0), fontSize: Style.tickLabelSize) })
    let (y, wy) = ResolvedAxis.resolve(
      scale: yScale ?? figure.yScale, limits: yLimits ?? figure.yLimits, extent: ye,
      padding: PanelPlan.padding(ye, isY: true), length: frame.height, tickSpacing: Style.yTickSpacing,
      name: "y axis", labelExtent: { _ in Style.tickLabelSize * 1.2 })
    return (x, y, wx + wy)
  }

  static func render(_ figure: Figure) -> Result {
    let plan = PanelPlan(figure)
    var options = PanelOptions(heading: figure.showsTitle && !figure.title.isEmpty ? figure.title : nil)
    let box = Rect(x: 0, y: 0, width: figure.width, height: figure.height)
    let (frame, xAxis, yAxis, axisWarnings) = layout(plan, in: box, options: options)
    options.yLabelBaseline = box.x + 6 + Style.labelSize * 0.8
    let drawn = PanelRenderer.render(
      plan, frame: frame, xAxis: xAxis, yAxis: yAxis, options: options, clipID: idPlaceholder + "-c0")
    var body = drawn.svg
    var result = Result(
      body: "", warnings: plan.warnings + axisWarnings, xAxis: xAxis, yAxis: yAxis, width: figure.width,
      height: figure.height)
    let legend = Legend(plan.prepared)
    switch LegendPlacement.decide(legend, position: figure.legend, frame: frame, ink: drawn.ink) {
    case .none:
      break
    case .inside(let r):
      body += legend.column(x: r.x, y: r.y).svg()
    case .outside(let side):
      let layout = outsideLayout(legend, side: side, frame: frame, canvas: box)
      body += layout.svg()
      result.width = max(result.width, layout.box.maxX + 8)
      result.height = max(result.height, layout.box.maxY + 6)
    }
    result.body = body
    return result
  }

  /// A standalone figure's legend outside the axes: right of the canvas (so clear of the
  /// last x tick label), top-aligned with the frame, in one column; or below the canvas in
  /// rows that wrap at the canvas width, centred on the frame.
  static func outsideLayout(_ legend: Legend, side: LegendPosition, frame: Rect, canvas: Rect) -> LegendLayout
  {
    if side == .outsideRight { return legend.column(x: canvas.maxX + 4, y: frame.y) }
    return LegendRows.layout(
      [LegendRows.Group(heading: nil, entries: legend.entries)], maxWidth: canvas.width - 16,
      centerX: frame.x + frame.width / 2, minX: canvas.x + 8, maxX: canvas.maxX - 8, y: canvas.maxY + 2)
  }

  static func svg(_ figure: Figure) -> String {
    let r = render(figure)
    let desc = Description.text(figure: figure, xAxis: r.xAxis, yAxis: r.yAxis, warnings: r.warnings)
    return SVGDocument.assemble(
      width: r.width, height: r.height, title: figure.title, desc: desc, body: r.body)
  }

  static func warnings(_ figure: Figure) -> [String] { render(figure).warnings }
}

/// The outer `<svg>` element.
enum SVGDocument {
  /// The document around `body`, with ids made from the hash of everything else, so they
  /// are unique per figure on a page yet the same on every build.
  static func assemble(width: Double, height: Double, title: String, desc: String, body: String) -> String {
    let f = NumberFormatting.coordinate
    let p = FigureRenderer.idPlaceholder
    var s = "<svg xmlns=\"http://www.w3.org/2000/svg\" viewBox=\"0 0 \(f(width)) \(f(height))\""
    s += " width=\"\(f(width))\" height=\"\(f(height))\" role=\"img\" aria-labelledby=\"\(p)-t \(p)-d\""
    s += " font-family=\"\(XML.escape(Style.fontFamily))\" style=\"max-width:100%;height:auto\">\n"
    s += "<title id=\"\(p)-t\">\(XML.escape(MathText.plain(title)))</title>\n"
    s += "<desc id=\"\(p)-d\">\(XML.escape(desc))</desc>\n"
    s += body
    s += "</svg>\n"
    return s.replacingOccurrences(of: p, with: idPrefix(for: s))
  }
}
