/// The symbol of a series in its legend: a 26-unit stretch of its line, its marker, an error
/// bar, a swatch of its band or histogram, or a dashed reference line.
enum LegendSymbol {
  /// The symbol's SVG with its left end at `x0` and its centre line at `cy`.
  static func svg(_ s: Series, x0: Double, cy: Double) -> String {
    let f = NumberFormatting.coordinate
    let color = Palette.color(s.color)
    let w = Legend.symbolWidth
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
