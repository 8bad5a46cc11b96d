import Figures
import Foundation
import Testing

@Suite struct SnapshotTests {
  @Test func fourPointLogPlot() {
    let fig = SampleFigures.fourPoint
    let svg = show(fig)
    _ = parsedSVG(svg)
    expectSnapshot(svg, named: "four-point-log")
  }

  @Test func densityHistogram() {
    let svg = show(SampleFigures.histogram)
    _ = parsedSVG(svg)
    expectSnapshot(svg, named: "histogram-density")
  }

  @Test func manyDecades() {
    let svg = show(SampleFigures.decades)
    _ = parsedSVG(svg)
    expectSnapshot(svg, named: "log-decades")
  }

  @Test func twoPanelGrid() {
    let svg = show(SampleFigures.grid)
    _ = parsedSVG(svg)
    expectSnapshot(svg, named: "grid-1x2")
  }

  @Test func legendAvoidsData() {
    let svg = show(SampleFigures.legendPlacement)
    _ = parsedSVG(svg)
    expectSnapshot(svg, named: "legend-placement")
  }

  @Test func chapterSixTrainingGrid() {
    let svg = show(SampleFigures.trainingGrid)
    _ = parsedSVG(svg)
    expectSnapshot(svg, named: "training-grid")
  }

  @Test func longLabelsGoBelow() {
    let svg = show(SampleFigures.longLabels)
    _ = parsedSVG(svg)
    expectSnapshot(svg, named: "long-labels")
  }
}
