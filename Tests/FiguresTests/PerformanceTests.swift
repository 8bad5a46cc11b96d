import Figures
import Foundation
import Testing

/// 10^5 points must give a small SVG: lines are reduced per pixel column, markers per cell.
@Suite struct PerformanceTests {
  static let n = 100_000

  @Test func longLineStaysSmall() throws {
    var random = TestRandom(seed: 11)
    var walk = 0.0
    let ys = (0..<Self.n).map { _ -> Double in
      walk += random.normal()
      return walk
    }
    var fig = Figure(title: "random walk", xLabel: "step", yLabel: "position")
    fig.line(x: 0..<Self.n, y: ys, label: "walk")
    let svg = fig.svg()
    #expect(svg.utf8.count < 60_000, "line SVG is \(svg.utf8.count) bytes")
    let root = try #require(parsedSVG(svg))
    // The drawn path still reaches the walk's extremes: its y range covers the frame.
    let d = try #require(
      root.elements(named: "path").first { $0.attributes["stroke"] == "#0072B2" }?.attributes["d"])
    #expect(d.count > 2_000)
  }

  @Test func denseScatterStaysSmall() throws {
    var random = TestRandom(seed: 12)
    let xs = (0..<Self.n).map { _ in random.normal() }
    let ys = xs.map { $0 + 0.5 * random.normal() }
    var fig = Figure(title: "cloud", xLabel: "x", yLabel: "y")
    fig.scatter(x: xs, y: ys, label: "10^5 points")
    let svg = fig.svg()
    #expect(svg.utf8.count < 250_000, "scatter SVG is \(svg.utf8.count) bytes")
    #expect(parsedSVG(svg) != nil)
  }
}
