/// Draws one set of axes — frame, ticks, labels and series — into a frame; the caller places
/// the legend (``LegendPlacement``).
enum PanelRenderer {
  /// The SVG of a panel whose axes frame is `frame`, without its legend, and the ink of its
  /// series (where the legend must not go); the series are clipped to the frame through the
  /// clip path `clipID` (defined here).
  static func render(
    _ plan: PanelPlan, frame: Rect, xAxis: ResolvedAxis, yAxis: ResolvedAxis, options: PanelOptions,
    clipID: String
  ) -> (svg: String, ink: InkGrid) {
    let f = NumberFormatting.coordinate
    let figure = plan.figure
    var out =
      "<defs><clipPath id=\"\(clipID)\"><rect x=\"\(f(frame.x))\" y=\"\(f(frame.y))\""
      + " width=\"\(f(frame.width))\" height=\"\(f(frame.height))\"/></clipPath></defs>\n"

    // Series: areas first, then reference lines, then lines and markers, each in order.
    let drawing = SeriesDrawing(frame: frame, xAxis: xAxis, yAxis: yAxis)
    var ink = InkGrid(frame: frame)
    func layer(_ s: Series) -> Int {
      switch s.kind {
      case .band, .histogram: 0
      case .verticalLine, .horizontalLine: 1
      case .line, .scatter, .errorBars, .function: 2
      }
    }
    var seriesSVG = ""
    for level in 0...2 {
      for p in plan.prepared where layer(p.series) == level {
        seriesSVG += drawing.draw(p, ink: &ink)
      }
    }
    if figure.showsGrid { out += grid(frame: frame, xAxis: xAxis, yAxis: yAxis) }
    out += "<g clip-path=\"url(#\(clipID))\">\n" + seriesSVG + "</g>\n"
    out += axes(frame: frame, xAxis: xAxis, yAxis: yAxis)
    out += labels(figure: figure, frame: frame, xAxis: xAxis, yAxis: yAxis, options: options)
    return (out, ink)
  }

  static func xPosition(_ v: Double, _ axis: ResolvedAxis, _ frame: Rect) -> Double {
    frame.x + axis.fraction(v) * frame.width
  }

  static func yPosition(_ v: Double, _ axis: ResolvedAxis, _ frame: Rect) -> Double {
    frame.maxY - axis.fraction(v) * frame.height
  }

  static func inside(_ fraction: Double) -> Bool { fraction > 0.001 && fraction < 0.999 }

  /// The frame and inward ticks on all four sides (major 5, minor 2.8 units long).
  static func axes(frame: Rect, xAxis: ResolvedAxis, yAxis: ResolvedAxis) -> String {
    let f = NumberFormatting.coordinate
    func ticks(_ xValues: [Double], _ yValues: [Double], length: Double) -> String {
      var d = ""
      for v in xValues where inside(xAxis.fraction(v)) {
        let x = f(xPosition(v, xAxis, frame))
        d += "M\(x) \(f(frame.maxY))v-\(f(length))M\(x) \(f(frame.y))v\(f(length))"
      }
      for v in yValues where inside(yAxis.fraction(v)) {
        let y = f(yPosition(v, yAxis, frame))
        d += "M\(f(frame.x)) \(y)h\(f(length))M\(f(frame.maxX)) \(y)h-\(f(length))"
      }
      return d
    }
    var out = "<g fill=\"none\" stroke=\"currentColor\">\n"
    out +=
      "<rect x=\"\(f(frame.x))\" y=\"\(f(frame.y))\" width=\"\(f(frame.width))\" height=\"\(f(frame.height))\""
      + " stroke-width=\"\(f(Style.frameWidth))\"/>\n"
    let major = ticks(xAxis.ticks.major.map(\.value), yAxis.ticks.major.map(\.value), length: Style.majorTick)
    if !major.isEmpty { out += "<path d=\"\(major)\" stroke-width=\"1\"/>\n" }
    let minor = ticks(xAxis.ticks.minor, yAxis.ticks.minor, length: Style.minorTick)
    if !minor.isEmpty { out += "<path d=\"\(minor)\" stroke-width=\"0.7\"/>\n" }
    return out + "</g>\n"
  }

  static func grid(frame: Rect, xAxis: ResolvedAxis, yAxis: ResolvedAxis) -> String {
    let f = NumberFormatting.coordinate
    var d = ""
    for t in xAxis.ticks.major where inside(xAxis.fraction(t.value)) {
      d += "M\(f(xPosition(t.value, xAxis, frame))) \(f(frame.y))V\(f(frame.maxY))"
    }
    for t in yAxis.ticks.major where inside(yAxis.fraction(t.value)) {
      d += "M\(f(frame.x)) \(f(yPosition(t.value, yAxis, frame)))H\(f(frame.maxX))"
    }
    guard !d.isEmpty else { return "" }
    return
      "<path d=\"\(d)\" fill=\"none\" stroke=\"currentColor\" stroke-opacity=\"0.14\" stroke-width=\"1\"/>\n"
  }

  /// Tick labels, axis labels and the heading.
  static func labels(
    figure: Figure, frame: Rect, xAxis: ResolvedAxis, yAxis: ResolvedAxis, options: PanelOptions
  ) -> String {
    let f = NumberFormatting.coordinate
    let tick = Style.tickLabelSize
    let label = Style.labelSize
    var out = ""
    let xTickBaseline = frame.maxY + 6 + tick * 0.85
    if options.xTickLabels && !xAxis.ticks.major.isEmpty {
      out += "<g font-size=\"\(f(tick))\" fill=\"currentColor\" text-anchor=\"middle\">\n"
      for t in xAxis.ticks.major where xAxis.fraction(t.value) > -0.001 && xAxis.fraction(t.value) < 1.001 {
        let runs = MathText.parse(t.label)
        out +=
          "<text x=\"\(f(xPosition(t.value, xAxis, frame)))\" y=\"\(f(xTickBaseline))\">"
          + MathText.svgContent(runs, fontSize: tick) + "</text>\n"
      }
      out += "</g>\n"
    }
    var yTickWidth = 0.0
    if options.yTickLabels && !yAxis.ticks.major.isEmpty {
      out += "<g font-size=\"\(f(tick))\" fill=\"currentColor\" text-anchor=\"end\">\n"
      for t in yAxis.ticks.major where yAxis.fraction(t.value) > -0.001 && yAxis.fraction(t.value) < 1.001 {
        let runs = MathText.parse(t.label)
        yTickWidth = max(yTickWidth, MathText.width(runs, fontSize: tick))
        out +=
          "<text x=\"\(f(frame.x - 6))\" y=\"\(f(yPosition(t.value, yAxis, frame) + tick * 0.34))\">"
          + MathText.svgContent(runs, fontSize: tick) + "</text>\n"
      }
      out += "</g>\n"
    }
    if options.xLabel && !figure.xLabel.isEmpty {
      let hasScripts = PanelLayout.hasScripts(xAxis.ticks.major)
      let y =
        options.xTickLabels
        ? xTickBaseline + (hasScripts ? 4 : 0) + 8 + label * 0.95 : frame.maxY + 8 + label * 0.95
      out +=
        "<text x=\"\(f(frame.x + frame.width / 2))\" y=\"\(f(y))\" font-size=\"\(f(label))\""
        + " fill=\"currentColor\" text-anchor=\"middle\">"
        + MathText.svgContent(MathText.parse(figure.xLabel), fontSize: label) + "</text>\n"
    }
    if options.yLabel && !figure.yLabel.isEmpty {
      let x = options.yLabelBaseline ?? frame.x - (options.yTickLabels ? yTickWidth + 16 : 8)
      let y = frame.y + frame.height / 2
      out +=
        "<text transform=\"rotate(-90 \(f(x)) \(f(y)))\" x=\"\(f(x))\" y=\"\(f(y))\" font-size=\"\(f(label))\""
        + " fill=\"currentColor\" text-anchor=\"middle\">"
        + MathText.svgContent(MathText.parse(figure.yLabel), fontSize: label) + "</text>\n"
    }
    if let heading = options.heading {
      out +=
        "<text x=\"\(f(frame.x + frame.width / 2))\" y=\"\(f(frame.y - 9 - label * 0.3))\""
        + " font-size=\"\(f(label))\" fill=\"currentColor\" text-anchor=\"middle\">"
        + MathText.svgContent(MathText.parse(heading), fontSize: label) + "</text>\n"
    }
    return out
  }
}
