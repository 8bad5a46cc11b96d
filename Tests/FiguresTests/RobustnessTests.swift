import Figures
import Foundation
import Testing

/// Bad input does not crash and is reported: non-finite values, log axes with non-positive
/// data, empty series, zero-width ranges.
@Suite struct RobustnessTests {
  func pathData(_ root: Element, stroke: String) -> [String] {
    root.elements(named: "path").filter { $0.attributes["stroke"] == stroke }.compactMap {
      $0.attributes["d"]
    }
  }

  @Test func nonFiniteValuesAreSkippedCountedAndBreakTheLine() throws {
    var fig = Figure(title: "gaps", xLabel: "x", yLabel: "y")
    fig.line(x: [0.0, 1, 2, 3, 4, 5], y: [0, 1, .nan, 3, .infinity, 5], label: "with gaps")
    #expect(fig.warnings.count == 1)
    #expect(fig.warnings[0].contains("skipped 2 non-finite points"))
    let svg = fig.svg()
    let root = try #require(parsedSVG(svg))
    #expect(root.elements(named: "desc").first?.text.contains("skipped 2 non-finite points") == true)
    // Points 0–1, 3 alone, 5 alone: three subpaths.
    let d = try #require(pathData(root, stroke: "#0072B2").first)
    #expect(d.filter { $0 == "M" }.count == 3)
  }

  @Test func logAxisDropsNonPositiveValuesWithWarning() throws {
    var fig = Figure(title: "log", xLabel: "x", yLabel: "y")
    fig.scatter(x: [1.0, 2, 3, 4, 5], y: [-1, 0, 0.1, 1, 10], label: "data")
    fig.yScale = .log
    #expect(fig.warnings == ["“data”: log y axis dropped 2 non-positive values"])
    let root = try #require(parsedSVG(fig.svg()))
    // The y axis spans the three positive values: two decades, labelled at 1, 2, 5 × 10^d.
    let labels = root.elements(named: "text").map(\.text)
    #expect(labels.contains("0.1") && labels.contains("0.2") && labels.contains("10"))
    #expect(!labels.contains("0.0") && !labels.contains("20"))
    fig.yScale = .linear
    #expect(fig.warnings.isEmpty)
  }

  @Test func logXAxisAndUnusableLimits() {
    var fig = Figure(title: "log x", xLabel: "n", yLabel: "y")
    fig.line(x: [0.0, 10, 100], y: [1.0, 2, 3])
    fig.xScale = .log
    fig.xLimits = -1...100
    let w = fig.warnings
    #expect(w.contains { $0.contains("log x axis dropped 1 non-positive value") })
    #expect(w.contains { $0.contains("x axis limits") })
    #expect(parsedSVG(fig.svg()) != nil)
  }

  @Test func errorBarsReachingBelowZeroOnLogAxis() throws {
    var fig = Figure(title: "bars", xLabel: "x", yLabel: "y")
    fig.errorBars(x: [1.0, 2], y: [0.01, 1], error: [0.05, .nan])
    fig.yScale = .log
    #expect(fig.warnings == ["series 1 (error bars): 1 non-finite errors drawn without bars"])
    let root = try #require(parsedSVG(fig.svg()))
    #expect(!pathData(root, stroke: "#0072B2").isEmpty)
  }

  @Test func emptyAndDegenerateFiguresDoNotCrash() throws {
    var figures: [Figure] = []
    figures.append(Figure(title: "nothing"))
    var empty = Figure(title: "empty series", xLabel: "x", yLabel: "y")
    empty.line(x: [Double](), y: [Double](), label: "none")
    empty.histogram([Double](), bins: 10)
    empty.scatter(x: [1.0], y: [Double.nan])
    figures.append(empty)
    var flat = Figure(title: "zero width", xLabel: "x", yLabel: "y")
    flat.line(x: [3.0, 3, 3], y: [5.0, 5, 5])
    flat.histogram([2.0, 2, 2])
    flat.function(in: 1...1) { $0 }
    figures.append(flat)
    var zeros = Figure(title: "zeros", xLabel: "x", yLabel: "y")
    zeros.line(x: [0.0, 0], y: [0.0, 0])
    zeros.yScale = .log
    zeros.xScale = .log
    figures.append(zeros)
    var reversed = Figure(title: "reversed limits", xLabel: "x", yLabel: "y")
    reversed.line(x: [1.0, 2], y: [1.0, 2])
    reversed.xLimits = 2...2
    figures.append(reversed)
    var mismatched = Figure(title: "mismatched", xLabel: "x", yLabel: "y")
    mismatched.line(x: [1.0, 2, 3], y: [1.0, 2])
    figures.append(mismatched)
    for fig in figures {
      let svg = fig.svg()
      let root = try #require(parsedSVG(svg))
      #expect(root.name == "svg")
      #expect(!svg.contains("nan") && !svg.contains("inf"))
      #expect(!fig.csv().isEmpty)
    }
    #expect(mismatched.warnings.contains { $0.contains("cut to 2 points") })
    #expect(zeros.warnings.contains { $0.contains("non-positive") })
  }

  @Test func longTickLabelsDoNotCollide() throws {
    var fig = Figure(title: "offset", xLabel: "x", yLabel: "y")
    fig.line(x: [123_456_780.0, 123_456_781], y: [0.0, 1])
    let root = try #require(parsedSVG(fig.svg()))
    let group = try #require(
      root.elements(named: "g").first {
        $0.attributes["text-anchor"] == "middle" && $0.attributes["font-size"] == "14"
      })
    let labels = group.elements(named: "text")
    #expect(labels.count >= 2)
    for (a, b) in zip(labels, labels.dropFirst()) {
      let distance = Double(b.attributes["x"]!)! - Double(a.attributes["x"]!)!
      // Digits of a 14-unit serif are 7 units wide: half of each label plus a gap must fit.
      let needed = 7 * Double(a.text.count + b.text.count) / 2
      #expect(distance > needed, "\(a.text) and \(b.text) are \(distance) apart")
    }
  }

  @Test func hugeValuesStayFiniteInTheSVG() throws {
    var fig = Figure(title: "huge", xLabel: "x", yLabel: "y")
    fig.line(x: [0.0, 1, 2], y: [1.0, 1e300, -1e300])
    fig.yLimits = 0...2
    let svg = fig.svg()
    #expect(parsedSVG(svg) != nil)
    #expect(!svg.contains("e+"))
    #expect(svg.count < 10_000)
  }
}

/// The document's structure: self-contained, accessible, deterministic, unique ids.
@Suite struct DocumentTests {
  @Test func documentHasViewBoxTitleDescAndNoScripts() throws {
    let svg = SampleFigures.fourPoint.svg()
    #expect(svg.hasPrefix("<svg "))
    let root = try #require(parsedSVG(svg))
    #expect(root.attributes["viewBox"] == "0 0 600 400")
    #expect(root.elements(named: "title").first?.text == "Connected 4-point function")
    #expect(root.elements(named: "desc").first?.text.contains("logarithmic") == true)
    #expect(root.elements(named: "script").isEmpty && root.elements(named: "image").isEmpty)
    #expect(!svg.contains("@font-face") && !svg.contains("http://www.w3.org/1999/xlink"))
    // Text inherits the page colour.
    #expect(
      root.elements(named: "text").allSatisfy { t in
        var e: Element? = t
        while let x = e {
          if x.attributes["fill"] == "currentColor" { return true }
          e = x.parent
        }
        return false
      })
  }

  @Test func idsAreUniqueResolvedAndDerivedFromContent() throws {
    let a = SampleFigures.fourPoint.svg()
    #expect(a == SampleFigures.fourPoint.svg())
    let b = SampleFigures.histogram.svg()
    var renamed = SampleFigures.fourPoint
    renamed.title = "Another title"
    let c = renamed.svg()
    func ids(_ svg: String) throws -> [String] {
      try #require(parsedSVG(svg)).all.compactMap { $0.attributes["id"] }
    }
    let idsA = try ids(a)
    #expect(Set(idsA).count == idsA.count)
    #expect(Set(idsA).isDisjoint(with: try ids(b)))
    #expect(Set(idsA).isDisjoint(with: try ids(c)))
    for ref in try #require(parsedSVG(a)).all.compactMap({ $0.attributes["clip-path"] }) {
      let id = String(ref.dropFirst(5).dropLast())
      #expect(idsA.contains(id))
    }
    let grid = SampleFigures.grid.svg()
    let gridIDs = try ids(grid)
    #expect(Set(gridIDs).count == gridIDs.count && gridIDs.count >= 4)
  }

  @Test func valueSemantics() {
    var a = Figure(title: "a", xLabel: "x", yLabel: "y")
    a.line(x: [1.0, 2], y: [1.0, 2], label: "first")
    var b = a
    b.scatter(x: [1.0], y: [3.0], label: "second")
    #expect(!a.svg().contains("second"))
    #expect(b.svg().contains("second"))
  }

  @Test func legendGoesWhereTheDataAreNot() throws {
    // Data along the top-right diagonal half: the legend belongs at the lower right.
    var fig = Figure(title: "placement", xLabel: "x", yLabel: "y")
    let xs = (0...50).map { Double($0) / 50 }
    fig.line(x: xs, y: xs.map { $0 }, label: "diagonal")
    fig.line(x: xs, y: xs.map { min(1, 2 * $0) }, label: "steep")
    fig.line(x: xs, y: xs.map { 1 - 0.2 * $0 * $0 }, label: "top")
    let root = try #require(parsedSVG(fig.svg()))
    let legendText = try #require(root.elements(named: "text").first { $0.text == "diagonal" })
    let x = try #require(Double(legendText.attributes["x"] ?? ""))
    let y = try #require(Double(legendText.attributes["y"] ?? ""))
    #expect(x > 300 && y > 200)
    fig.legend = .upperLeft
    let moved = try #require(parsedSVG(fig.svg())?.elements(named: "text").first { $0.text == "diagonal" })
    #expect(try #require(Double(moved.attributes["y"] ?? "")) < 100)
    fig.legend = .hidden
    #expect(!fig.svg().contains(">diagonal<"))
  }
}
