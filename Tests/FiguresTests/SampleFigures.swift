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

  /// Like chapter 6's training figure: three log–log panels sharing y, each with error bars
  /// and markers of two weight kinds (runs that all reached the threshold, and runs where
  /// some failed, capped at 500 steps), a reference line at the critical `C_W = 1`, given
  /// y limits. The model `s(C_W) = s_0 exp(g (ln C_W − ln 2.5)^2)` with `g` growing with
  /// depth stands in for the measured steps.
  static var trainingGrid: FigureGrid {
    var random = TestRandom(seed: 6)
    let cws = (-4...10).map { pow(2, Double($0) / 2) }
    var panels: [Figure] = []
    for (d, depth) in [3, 12, 24].enumerated() {
      var f = Figure(title: "L = \(depth)", xLabel: "C_W", yLabel: "steps to L ≤ 0.05")
      f.xScale = .log
      f.yScale = .log
      f.yLimits = 5...700
      for (w, name) in ["Gaussian", "orthogonal"].enumerated() {
        let g = [0.06, 0.45, 0.9][d] * (w == 0 ? 1 : 1.3)
        let s0 = w == 0 ? 30.0 : 22.0
        let steps = cws.map { cw in
          min(500, s0 * exp(g * pow(log(cw) - log(2.5), 2)) * (1 + 0.1 * random.normal()))
        }
        let ok = cws.indices.filter { steps[$0] < 120 }
        let failed = cws.indices.filter { steps[$0] >= 120 }
        f.errorBars(
          x: ok.map { cws[$0] }, y: ok.map { steps[$0] }, error: ok.map { 0.12 * steps[$0] }, label: name)
        f.scatter(x: failed.map { cws[$0] }, y: failed.map { steps[$0] }, label: name + ", some runs failed")
      }
      f.referenceLine(x: 1)
      f.legend = d == 0 ? .lowerLeft : .hidden
      panels.append(f)
    }
    return FigureGrid(title: "Training time vs C_W", columns: 3, panels: panels, sharedY: true)
  }

  /// Six series with long labels crossing every corner and the middle of the frame (one
  /// falling and one rising diagonal, four levels): no inside position is free of data, so
  /// the legend goes below the axes.
  static var longLabels: Figure {
    var fig = Figure(title: "Perturbations vs depth", xLabel: "layer l", yLabel: "|\\delta K^{(l)}|")
    let names = [
      "C_W = 0.8, infinite width", "C_W = 0.8, Monte Carlo, n = 128", "C_W = 1, infinite width",
      "C_W = 1, Monte Carlo, n = 128", "C_W = 1.25, infinite width", "C_W = 1.25, Monte Carlo, n = 128",
    ]
    let ls = Array(0...30).map(Double.init)
    // log10 of each series: from `start` to `end` linearly in l.
    let ends: [(Double, Double)] = [(0, -4), (-4, 0), (-0.5, -0.7), (-1.6, -1.4), (-2.4, -2.6), (-3.3, -3.1)]
    for (k, name) in names.enumerated() {
      let (a, b) = ends[k]
      let ys = ls.map { pow(10, a + (b - a) * $0 / 30) }
      if k % 2 == 0 {
        fig.line(x: ls, y: ys, label: name)
      } else {
        fig.scatter(x: ls, y: ys, label: name)
      }
    }
    fig.yScale = .log
    return fig
  }
}
