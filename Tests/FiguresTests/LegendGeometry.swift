import Figures
import Foundation
import Testing

/// An axis-aligned box read back from an SVG.
struct Box: Equatable {
  var x, y, width, height: Double
  var maxX: Double { x + width }
  var maxY: Double { y + height }

  init(x: Double, y: Double, width: Double, height: Double) {
    (self.x, self.y, self.width, self.height) = (x, y, width, height)
  }

  /// The `x`, `y`, `width`, `height` attributes of `element`.
  init?(_ element: Element) {
    let values = ["x", "y", "width", "height"].compactMap { element.attributes[$0].flatMap(Double.init) }
    guard values.count == 4 else { return nil }
    self.init(x: values[0], y: values[1], width: values[2], height: values[3])
  }

  func contains(_ other: Box, tolerance: Double = 0.05) -> Bool {
    other.x >= x - tolerance && other.y >= y - tolerance && other.maxX <= maxX + tolerance
      && other.maxY <= maxY + tolerance
  }

  func intersects(_ other: Box) -> Bool {
    x < other.maxX && other.x < maxX && y < other.maxY && other.y < maxY
  }
}

/// What the legend tests read from a figure's SVG: the canvas (viewBox), the axes frames
/// (the clip rectangles) and each legend with its box and texts.
struct LegendGeometry {
  struct Text {
    var content: String
    var x: Double
    var y: Double
  }

  var canvas: Box
  var frames: [Box]
  var legends: [(box: Box, texts: [Text])]

  init(_ svg: String, sourceLocation: SourceLocation = #_sourceLocation) throws {
    let root = try #require(parsedSVG(svg, sourceLocation: sourceLocation), sourceLocation: sourceLocation)
    let viewBox = (root.attributes["viewBox"] ?? "").split(separator: " ").compactMap { Double($0) }
    try #require(viewBox.count == 4, sourceLocation: sourceLocation)
    canvas = Box(x: viewBox[0], y: viewBox[1], width: viewBox[2], height: viewBox[3])
    frames = root.elements(named: "rect").filter { $0.parent?.name == "clipPath" }.compactMap(Box.init)
    legends = try root.elements(named: "g").filter { $0.attributes["class"] == "figure-legend" }.map { g in
      let rect = try #require(
        g.elements(named: "rect").first { $0.attributes["class"] == "figure-legend-box" },
        sourceLocation: sourceLocation)
      let texts = g.elements(named: "text").map { t in
        Text(
          content: t.text, x: Double(t.attributes["x"] ?? "") ?? .nan,
          y: Double(t.attributes["y"] ?? "") ?? .nan)
      }
      return (try #require(Box(rect), sourceLocation: sourceLocation), texts)
    }
  }

  /// All legend texts, in document order.
  var legendTexts: [String] { legends.flatMap { $0.texts.map(\.content) } }
}

/// Widths in user units of legend texts as Chromium draws them at the legend size 14 with
/// KaTeX_Main (the first font of the figures' font stack), measured with `getBBox()` on the
/// rendered snapshots; keyed by the text content (sub- and superscripts run together).
/// Independent of the library's own width estimate, which must not fall below them.
let drawnLegendWidths: [String: Double] = [
  "exact, n = 32": 79.5,
  "Monte Carlo": 76.3,
  "exact": 32.3,
  "data ±1σ": 56.6,
  "power law l−2": 82.5,
  "measured": 57.9,
  "CW = 0.8, Monte Carlo, n = 128": 193.8,
  "CW = 1.25, Monte Carlo, n = 128": 200.8,
  "CW = 1.25, infinite width": 152.2,
  "Gaussian": 55.8,
  "Gaussian, some runs failed": 160.1,
  "orthogonal": 65.5,
  "orthogonal, some runs failed": 170.0,
]
