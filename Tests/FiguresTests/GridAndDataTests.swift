import Figures
import Foundation
import Testing

@Suite struct GridTests {
  @Test func sharedYDrawsOneYLabelAndEqualLimits() throws {
    let grid = SampleFigures.grid
    let root = try #require(parsedSVG(grid.svg()))
    let texts = root.elements(named: "text").map(\.text)
    #expect(texts.filter { $0 == "χ⊥" }.count == 1)
    #expect(texts.filter { $0 == "Cw" }.count == 2)
    #expect(texts.contains("(a) tanh") && texts.contains("(b) ReLU"))
    #expect(grid.warnings.isEmpty)
  }

  @Test func unsharedPanelsKeepTheirOwnAxes() throws {
    var grid = FigureGrid(title: "2 × 2", rows: 2, columns: 2)
    for r in 0..<2 {
      for c in 0..<2 {
        var f = Figure(title: "p\(r)\(c)", xLabel: "x", yLabel: "y")
        f.line(x: [0.0, 1], y: [0.0, Double(10 * (r * 2 + c) + 1)])
        grid[r, c] = f
      }
    }
    #expect(grid[1, 0].title == "p10")
    let root = try #require(parsedSVG(grid.svg()))
    #expect(root.elements(named: "text").filter { $0.text == "y" }.count == 4)
    #expect(root.elements(named: "clipPath").count == 4)
    let csv = grid.csv()
    #expect(csv.hasPrefix("panel,series,kind,x,y,error\n"))
    #expect(csv.split(separator: "\n").count == 1 + 4 * 2)
  }

  @Test func gridWarningsNameThePanel() {
    var bad = Figure(title: "bad", xLabel: "x", yLabel: "y")
    bad.line(x: [1.0, 2], y: [Double.nan, 1])
    let grid = FigureGrid(title: "g", columns: 2, panels: [Figure(title: "ok"), bad])
    #expect(grid.warnings == ["panel (b): series 1 (line): skipped 1 non-finite point"])
  }
}

@Suite struct CSVTests {
  func rows(_ csv: String) -> [[String]] {
    csv.split(separator: "\n").map { line in
      // Minimal RFC 4180 reader: enough for the quoting the export uses.
      var fields: [String] = []
      var field = ""
      var quoted = false
      var chars = Array(line)[...]
      while let c = chars.popFirst() {
        if quoted {
          if c == "\"" {
            if chars.first == "\"" {
              field.append("\"")
              chars.removeFirst()
            } else {
              quoted = false
            }
          } else {
            field.append(c)
          }
        } else if c == "\"" {
          quoted = true
        } else if c == "," {
          fields.append(field)
          field = ""
        } else {
          field.append(c)
        }
      }
      fields.append(field)
      return fields
    }
  }

  @Test func valuesRoundTripAndLabelsAreQuoted() throws {
    var fig = Figure(title: "csv", xLabel: "x", yLabel: "y")
    let xs = [0.1, 1.0 / 3, 1e-300, 12345.678]
    let ys = [0.30000000000000004, -2.5, .nan, 7]
    fig.line(x: xs, y: ys, label: "exact, \"n\" = 32")
    fig.errorBars(x: [1.0], y: [2.0], error: [0.25], label: "mc")
    fig.referenceLine(y: 1)
    let table = rows(fig.csv())
    #expect(table[0] == ["series", "kind", "x", "y", "error"])
    #expect(table.count == 1 + 4 + 1 + 1)
    for (i, row) in table[1...4].enumerated() {
      #expect(row[0] == "exact, \"n\" = 32" && row[1] == "line")
      #expect(Double(row[2]) == xs[i])
      if ys[i].isNaN { #expect(row[3] == "nan") } else { #expect(Double(row[3]) == ys[i]) }
    }
    #expect(table[5] == ["mc", "errorbars", "1", "2", "0.25"])
    #expect(table[6] == ["series 3", "hline", "", "1", ""])
  }

  @Test func histogramCountsIncludeTheExtremes() {
    var fig = Figure(title: "h")
    // Bins [0, 0.1), [0.1, 0.2), [0.2, 0.3]: 0.3 belongs to the last, closed bin.
    fig.histogram([0.3, 0, 0.1, 0.2, 0.25, .nan], bins: 3)
    let counts = rows(fig.csv()).dropFirst().map { Double($0[3])! }
    #expect(counts == [1, 1, 3])
    #expect(fig.warnings == ["series 1 (histogram (counts)): skipped 1 non-finite sample"])
    var ranged = Figure(title: "h")
    ranged.histogram([-5.0, 0.5, 1.5, 7], edges: [0, 1, 2])
    #expect(rows(ranged.csv()).dropFirst().map { Double($0[3])! } == [1, 1])
    #expect(ranged.warnings.contains { $0.contains("left out 2 samples outside the bins") })
  }

  @Test func histogramRowsIntegrateToOne() throws {
    var random = TestRandom(seed: 3)
    var fig = Figure(title: "h")
    fig.histogram((0..<1000).map { _ in random.normal() }, bins: 20, density: true)
    let table = rows(fig.csv()).dropFirst()
    #expect(table.count == 20)
    let centres = table.map { Double($0[2])! }
    let width = centres[1] - centres[0]
    let area = table.map { Double($0[3])! }.reduce(0, +) * width
    #expect(abs(area - 1) < 1e-9)
    // Poisson errors: density error = sqrt(count)/(n·width), so error² · n · width = density.
    for row in table {
      let density = Double(row[3])!
      let error = Double(row[4])!
      #expect(abs(error * error * 1000 * width - density) < 1e-9)
    }
  }
}

@Suite struct ContractTests {
  struct MonteCarlo {
    var value: Double
    var error: Double
  }

  /// The calls of the issue, verbatim.
  @Test func issueSnippetsCompileAndDraw() throws {
    let depths = Array(1...20)
    let exact = depths.map { 2 * Double($0 - 1) / 32 }
    let mc = depths.map { MonteCarlo(value: 2 * Double($0 - 1) / 32 + 0.01, error: 0.01) }
    var random = TestRandom(seed: 1)
    let samples = (0..<500).map { _ in random.normal() }
    func exactDensity(_ z: Double) -> Double { exp(-z * z / 2) / (2 * Double.pi).squareRoot() }

    var fig = Figure(title: "Connected 4-point function", xLabel: "depth l", yLabel: "κ_4/(3G^2)")
    fig.line(x: depths, y: exact, label: "exact, n = 32")
    fig.errorBars(x: depths, y: mc.map(\.value), error: mc.map(\.error), label: "Monte Carlo")
    fig.function(in: 0...20, label: "2(l-1)/n") { l in 2 * (l - 1) / 32 }
    fig.yScale = .log
    show(fig)

    var hist = Figure(title: "One output over initializations", xLabel: "z", yLabel: "density")
    hist.histogram(samples, bins: 80, density: true, label: "Monte Carlo")
    hist.function(in: -4...4, label: "exact") { z in exactDensity(z) }
    show(hist)

    let renderings: [any FigureRendering] = [
      fig, hist, FigureGrid(title: "both", columns: 2, panels: [fig, hist]),
    ]
    for r in renderings {
      #expect(parsedSVG(r.svg()) != nil)
      #expect(r.csv().hasSuffix("\n"))
    }
    // exact(l = 1) = 0 and the function below l = 1 leave the log axis, with warnings.
    #expect(fig.warnings.count == 2)
    #expect(hist.warnings.isEmpty)
  }

  @Test func functionSamplingFollowsCurvature() {
    var fig = Figure(title: "f")
    fig.function(in: 0...1) { x in x }
    fig.function(in: 0...1) { x in sin(40 * x) }
    let rows = fig.csv().split(separator: "\n").dropFirst()
    let straight = rows.filter { $0.hasPrefix("series 1,") }.count
    let wiggly = rows.filter { $0.hasPrefix("series 2,") }.count
    #expect(straight == 129)
    #expect(wiggly > 400)
    // The sampled curve matches the function between its samples to 10^-3 of its span.
    let points = rows.filter { $0.hasPrefix("series 2,") }.map { row -> (Double, Double) in
      let f = row.split(separator: ",", omittingEmptySubsequences: false)
      return (Double(f[2])!, Double(f[3])!)
    }
    var worst = 0.0
    for (a, b) in zip(points, points.dropFirst()) {
      let xm = (a.0 + b.0) / 2
      worst = max(worst, abs(sin(40 * xm) - (a.1 + b.1) / 2))
    }
    #expect(worst < 2e-3)
  }
}
