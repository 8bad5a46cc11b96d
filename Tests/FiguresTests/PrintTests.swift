import Figures
import Testing

/// Figures must survive printing: Chromium's PDF output drops zero-length strokes with square
/// caps, so every marker other than the round-capped circle is a filled path.
@Suite struct PrintTests {
  @Test func everyMarkerShapeIsDrawnWithoutSquareCaps() throws {
    var fig = Figure(title: "markers", xLabel: "x", yLabel: "y")
    // Five scatter series cycle through the five marker shapes.
    for k in 0..<5 {
      fig.scatter(x: [1.0, 2, 3], y: [Double(k), Double(k) + 0.5, Double(k) + 1], label: "series \(k)")
    }
    let svg = fig.svg()
    #expect(!svg.contains("stroke-linecap=\"square\""))
    let root = try #require(parsedSVG(svg))
    let filled = root.elements(named: "path").filter { ($0.attributes["fill"] ?? "none") != "none" }
    // Four filled shapes (square, two triangles, diamond), in the plot and in the legend.
    #expect(filled.count >= 8)
  }
}
