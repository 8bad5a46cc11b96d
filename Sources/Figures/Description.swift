/// The text of a figure's `<desc>`: what is plotted, the axes, and the warnings.
enum Description {
  static func text(figure: Figure, xAxis: ResolvedAxis, yAxis: ResolvedAxis, warnings: [String]) -> String {
    var parts: [String] = []
    let series = figure.series.enumerated().map { i, s in
      let count =
        s.kind == .histogram(density: true) || s.kind == .histogram(density: false)
        ? "\(s.y.count) bins" : "\(s.x.count) point" + (s.x.count == 1 ? "" : "s")
      return (s.label.isEmpty ? "series \(i + 1)" : MathText.plain(s.label)) + " (\(s.kind.name), \(count))"
    }
    parts.append(series.isEmpty ? "Empty plot." : "Plot of " + series.joined(separator: "; ") + ".")
    parts.append(axis("Horizontal", figure.xLabel, xAxis))
    parts.append(axis("Vertical", figure.yLabel, yAxis))
    if !warnings.isEmpty { parts.append("Warnings: " + warnings.joined(separator: "; ") + ".") }
    return parts.joined(separator: " ")
  }

  static func axis(_ name: String, _ label: String, _ axis: ResolvedAxis) -> String {
    let labelText = label.isEmpty ? "" : " " + MathText.plain(label) + ","
    return "\(name) axis\(labelText) " + (axis.scale == .log ? "logarithmic" : "linear") + " from "
      + NumberFormatting.short(axis.lo) + " to " + NumberFormatting.short(axis.hi) + "."
  }
}
