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
    // M4 keeps each column's extremes: the drawn path spans the data's full y range, which
    // the automatic limits pad by 5 % on each side, so 1/1.1 of the clip rectangle's height.
    let d = try #require(
      root.elements(named: "path").first { $0.attributes["stroke"] == "#0072B2" }?.attributes["d"])
    let drawn = absoluteYs(d)
    let clip = try #require(root.elements(named: "rect").first { $0.parent?.name == "clipPath" })
    let height = try #require(Double(clip.attributes["height"] ?? ""))
    let span = try #require(drawn.max()) - (try #require(drawn.min()))
    #expect(abs(span - height / 1.1) < 0.5, "path spans \(span) of \(height)")
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

  /// The absolute y coordinates visited by path data made of `M x y` and relative `l` pairs.
  func absoluteYs(_ d: String) -> [Double] {
    var ys: [Double] = []
    var numbers: [Double] = []
    var command: Character = " "
    var y = 0.0
    func flush() {
      var k = 0
      while k + 1 < numbers.count {
        if command == "M" && k == 0 { y = numbers[1] } else { y += numbers[k + 1] }
        ys.append(y)
        k += 2
      }
      numbers = []
    }
    var token = ""
    for c in d + "M" {
      if c.isLetter || c == " " || (c == "-" && !token.isEmpty) {
        if let v = Double(token) { numbers.append(v) }
        token = c == "-" ? "-" : ""
        if c.isLetter {
          flush()
          command = c
        }
      } else {
        token.append(c)
      }
    }
    return ys
  }
}
