import Figures
import Foundation

/// Representative figures of the lectures, with fixed data: the snapshot tests draw them and
/// the browser screenshots were taken of them.
enum SampleFigures {
  /// The first example: a log-y plot of the connected 4-point function with a line,
  /// Monte Carlo error bars and a function (the `l = 1` zero is dropped on the log axis).
  static var fourPoint: Figure {
    let depths = Array(1...20)
    let n = 32.0
    let exact = depths.map { l in 2 * (Double(l) - 1) / n * (1 + 0.3 * Double(l) / n) }
    var random = TestRandom(seed: 7)
    let mc = depths.map { l -> (value: Double, error: Double) in
      let truth = 2 * (Double(l) - 1) / n * (1 + 0.3 * Double(l) / n)
      let error = 0.04 * truth + 0.002
      return (truth + error * random.normal(), error)
    }
    var fig = Figure(title: "Connected 4-point function", xLabel: "depth l", yLabel: "κ_4/(3G^2)")
    fig.line(x: depths, y: exact, label: "exact, n = 32")
    fig.errorBars(x: depths, y: mc.map(\.value), error: mc.map(\.error), label: "Monte Carlo")
    fig.function(in: 0...20, label: "2(l-1)/n") { l in 2 * (l - 1) / 32 }
    fig.yScale = .log
    return fig
  }

  /// The second example: a density histogram with the exact density over it.
  static var histogram: Figure {
    var random = TestRandom(seed: 42)
    let samples = (0..<4000).map { _ in random.normal() }
    var hist = Figure(title: "One output over initializations", xLabel: "z", yLabel: "density")
    hist.histogram(samples, bins: 80, density: true, label: "Monte Carlo")
    hist.function(in: -4...4, label: "exact") { z in exp(-z * z / 2) / (2 * Double.pi).squareRoot() }
    return hist
  }

  /// Many decades on a log y axis with markers and a band.
  static var decades: Figure {
    var fig = Figure(
      title: "Decay of the deviation from the fixed point", xLabel: "l", yLabel: "|K^{(l)} - K^\\star|")
    let ls = Array(0...40).map(Double.init)
    fig.function(in: 0...40, label: "e^{-l/\\xi}, \\xi = 3") { l in exp(-l / 3) }
    fig.function(in: 0...40, label: "power law l^{-2}") { l in 1 / ((l + 1) * (l + 1)) }
    fig.line(x: ls, y: ls.map { 0.8 * exp(-$0 / 3) * (1 + 0.2 * sin($0)) }, label: "measured", markers: true)
    fig.band(x: ls, y: ls.map { 0.8 * exp(-$0 / 3) }, error: ls.map { 0.3 * exp(-$0 / 3) })
    fig.yScale = .log
    return fig
  }

  /// Two panels sharing the y axis, with TeX labels.
  static var grid: FigureGrid {
    var left = Figure(title: "tanh", xLabel: "C_w", yLabel: "\\chi_\\perp")
    left.function(in: 0.5...2.5, label: "\\chi_\\perp(C_w)") { cw in cw * (1 - 0.4 * tanh(cw - 1)) }
    left.referenceLine(y: 1, label: "criticality \\chi_\\perp = 1")
    left.referenceLine(x: 1)
    var right = Figure(title: "ReLU", xLabel: "C_w", yLabel: "\\chi_\\perp")
    right.function(in: 0.5...2.5, label: "C_w/2") { cw in cw / 2 }
    right.referenceLine(y: 1)
    right.referenceLine(x: 2)
    return FigureGrid(
      title: "Parallel susceptibility at C_b = 0", columns: 2, panels: [left, right], sharedY: true)
  }

  /// Data crowding the upper right, so the legend must go elsewhere; scatter and error bars.
  static var legendPlacement: Figure {
    var fig = Figure(title: "Legend placement", xLabel: "x", yLabel: "y")
    let xs = (0...30).map { Double($0) / 10 }
    fig.scatter(x: xs, y: xs.map { $0 * $0 }, label: "x^2")
    fig.errorBars(
      x: xs, y: xs.map { 0.5 + $0 * $0 * 0.8 }, error: xs.map { 0.1 + 0.1 * $0 }, label: "data \\pm 1\\sigma")
    fig.function(in: 0...3, label: "\\sqrt{x}\\cdot\\infty") { x in 2 * x.squareRoot() }
    return fig
  }
}
