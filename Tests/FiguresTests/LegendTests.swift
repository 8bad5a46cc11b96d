import Figures
import Foundation
import Testing

/// Legends stay inside their panel or go outside, never across a frame; their boxes hold
/// their text as a browser draws it; a grid whose panels draw the same series gets one legend.
@Suite struct LegendTests {
  /// Figures whose legends are tested for containment: the snapshots and hard cases (narrow
  /// panels, a small figure, positions asked for that cannot fit).
  static var figures: [(String, any FigureRendering)] {
    var cases: [(String, any FigureRendering)] = [
      ("four-point", SampleFigures.fourPoint), ("histogram", SampleFigures.histogram),
      ("decades", SampleFigures.decades), ("grid", SampleFigures.grid),
      ("placement", SampleFigures.legendPlacement), ("training", SampleFigures.trainingGrid),
      ("long labels", SampleFigures.longLabels),
    ]
    var perPanel = SampleFigures.trainingGrid
    perPanel.legend = .perPanel
    cases.append(("training, per panel", perPanel))
    var upperRight = SampleFigures.trainingGrid
    upperRight.legend = .perPanel
    for i in upperRight.panels.indices { upperRight.panels[i].legend = .upperRight }
    cases.append(("training, per panel, upper right", upperRight))
    var small = SampleFigures.longLabels
    small.width = 240
    small.height = 170
    small.legend = .lowerLeft
    cases.append(("small, lower left asked", small))
    var right = SampleFigures.longLabels
    right.legend = .outsideRight
    cases.append(("outside right", right))
    var narrow = FigureGrid(title: "four narrow panels", rows: 1, columns: 4)
    for i in 0..<4 {
      var f = Figure(title: "", xLabel: "x", yLabel: "y")
      f.line(x: [0.0, 1], y: [0.0, Double(i + 1)], label: "a rather long label for panel \(i)")
      narrow.panels[i] = f
    }
    narrow.legend = .perPanel
    cases.append(("narrow panels", narrow))
    return cases
  }

  @Test func everyLegendBoxIsInsideOneFrameOrOutsideAll() throws {
    for (name, figure) in Self.figures {
      let g = try LegendGeometry(figure.svg())
      #expect(!g.legends.isEmpty, "\(name): no legend")
      for (box, _) in g.legends {
        #expect(g.canvas.contains(box), "\(name): legend \(box) leaves the canvas \(g.canvas)")
        let crossed = g.frames.filter { $0.intersects(box) }
        if let frame = crossed.first {
          #expect(crossed.count == 1 && frame.contains(box), "\(name): legend \(box) crosses frame \(frame)")
        }
      }
    }
  }

  @Test func legendBoxesHoldTheirTextAsDrawn() throws {
    var checked = 0
    for (name, figure) in Self.figures {
      let g = try LegendGeometry(figure.svg())
      for (box, texts) in g.legends {
        for t in texts {
          #expect(t.x > box.x && t.x < box.maxX, "\(name): “\(t.content)” starts outside its legend")
          guard let drawn = drawnLegendWidths[t.content] else { continue }
          checked += 1
          #expect(
            t.x + drawn <= box.maxX - 4,
            "\(name): “\(t.content)” ends at \(t.x + drawn), within 4 of the box edge \(box.maxX)")
        }
      }
    }
    #expect(checked >= 30)
  }

  @Test func theChapterSixGridHasOneLegendBelowItsPanels() throws {
    let grid = SampleFigures.trainingGrid
    let g = try LegendGeometry(grid.svg())
    try #require(g.legends.count == 1)
    let (box, texts) = g.legends[0]
    #expect(
      texts.map(\.content) == [
        "Gaussian", "Gaussian, some runs failed", "orthogonal", "orthogonal, some runs failed",
      ])
    let lowestFrame = try #require(g.frames.map(\.maxY).max())
    #expect(g.frames.count == 3)
    // Below the frames and their tick labels, on a canvas grown to hold it.
    #expect(box.y > lowestFrame + 14)
    #expect(g.canvas.height > grid.height && box.maxY <= g.canvas.height)
    #expect(g.canvas.width == grid.width)
    // Entries on a row do not overlap as drawn: each label ends before the next symbol.
    for (a, b) in zip(texts, texts.dropFirst()) where a.y == b.y {
      let drawn = try #require(drawnLegendWidths[a.content])
      #expect(a.x + drawn + 26 < b.x, "“\(a.content)” runs into “\(b.content)”")
    }
  }

  @Test func gridLegendOptions() throws {
    var grid = SampleFigures.trainingGrid
    grid.legend = .hidden
    let hidden = try LegendGeometry(grid.svg())
    #expect(hidden.legends.isEmpty && hidden.canvas.height == grid.height)

    // Per panel: panel (a) asked for the lower left, but its legend is wider than the
    // panel, so it goes below the panels under the heading (a); (b) and (c) hide theirs.
    grid.legend = .perPanel
    let perPanel = try LegendGeometry(grid.svg())
    try #require(perPanel.legends.count == 1)
    #expect(perPanel.legendTexts.first == "(a)")
    #expect(perPanel.legendTexts.count == 5)
    #expect(perPanel.frames.allSatisfy { !$0.intersects(perPanel.legends[0].box) })

    // A series only in (b), drawn unlike every other: the panels still agree, and the shared
    // legend lists it after the common ones.
    grid.legend = .automatic
    grid.panels[1].line(x: [1.0, 2], y: [10.0, 20], label: "only in (b)")
    let extra = try LegendGeometry(grid.svg())
    #expect(
      extra.legends.count == 1 && extra.legendTexts.count == 5 && extra.legendTexts.last == "only in (b)")

    // (c) draws the same look under another label: the panels disagree, so each keeps its
    // own legend ((a) goes below, (b) and (c) asked for none) ...
    grid.panels[2].line(x: [1.0, 2], y: [10.0, 20], label: "only in (c)")
    #expect(try LegendGeometry(grid.svg()).legendTexts.first == "(a)")

    // ... unless sharing is forced: each label once.
    grid.legend = .shared
    let shared = try LegendGeometry(grid.svg())
    try #require(shared.legends.count == 1)
    #expect(shared.legendTexts.suffix(2) == ["only in (b)", "only in (c)"] && shared.legendTexts.count == 6)
  }

  @Test func automaticGridLegendNeedsPanelsThatAgreeAndAreNotAllHidden() throws {
    // The two panels of the sample grid label different series: each keeps its own legend,
    // inside its own frame.
    let different = try LegendGeometry(SampleFigures.grid.svg())
    #expect(different.legends.count == 2)
    for (box, _) in different.legends { #expect(different.frames.contains { $0.contains(box) }) }

    // Every panel hiding its legend: no legend.
    var grid = SampleFigures.trainingGrid
    for i in grid.panels.indices { grid.panels[i].legend = .hidden }
    #expect(try LegendGeometry(grid.svg()).legends.isEmpty)
  }

  @Test func crowdedFigureGetsItsLegendBelowTheAxes() throws {
    var fig = SampleFigures.longLabels
    let below = try LegendGeometry(fig.svg())
    try #require(below.legends.count == 1)
    let frame = try #require(below.frames.first)
    let (box, texts) = below.legends[0]
    #expect(box.y > frame.maxY + 14, "legend at \(box.y), frame ends at \(frame.maxY)")
    #expect(below.canvas.height > fig.height && below.canvas.width == fig.width)
    #expect(texts.count == 6)
    #expect(Set(texts.map(\.y)).count >= 2, "six long labels need more than one row in 600 units")

    fig.legend = .outsideRight
    let right = try LegendGeometry(fig.svg())
    try #require(right.legends.count == 1)
    #expect(right.legends[0].box.x > frame.maxX)
    #expect(right.canvas.width > fig.width && right.canvas.height == fig.height)
  }

  /// Markers at known positions (fixed limits, so data map linearly onto the clip
  /// rectangle): an automatic legend inside the axes covers none of them, and a legend
  /// with no free place goes below.
  @Test func automaticLegendCoversNoMarker() throws {
    var random = TestRandom(seed: 3)
    var points: [(Double, Double)] = []
    while points.count < 600 {
      let p = (random.uniform(), random.uniform())
      if p.0 > 0.45 || p.1 < 0.55 { points.append(p) }  // upper left quarter left free
    }
    func figure(_ points: [(Double, Double)]) -> Figure {
      var fig = Figure(title: "cloud", xLabel: "x", yLabel: "y")
      fig.scatter(x: points.map(\.0), y: points.map(\.1), label: "samples of the cloud")
      fig.function(in: 0...1, label: "a curve below it") { 0.25 + 0.2 * sin(6 * $0) }
      fig.xLimits = 0...1
      fig.yLimits = 0...1
      return fig
    }
    let g = try LegendGeometry(figure(points).svg())
    try #require(g.legends.count == 1)
    let frame = try #require(g.frames.first)
    let box = g.legends[0].box
    #expect(frame.contains(box), "legend \(box) should fit in the free corner of \(frame)")
    let radius = 3.2
    for (x, y) in points {
      let sx = frame.x + x * frame.width
      let sy = frame.maxY - y * frame.height
      let covered =
        sx > box.x - radius && sx < box.maxX + radius && sy > box.y - radius && sy < box.maxY + radius
      #expect(!covered, "legend \(box) covers the marker at (\(sx), \(sy))")
    }

    var full: [(Double, Double)] = []
    for _ in 0..<1500 { full.append((random.uniform(), random.uniform())) }
    let crowded = try LegendGeometry(figure(full).svg())
    try #require(crowded.legends.count == 1)
    #expect(crowded.legends[0].box.y > frame.maxY)
  }

  @Test func askedPositionsAreKeptWhenTheyFit() throws {
    var fig = SampleFigures.legendPlacement
    let frameOf = { (g: LegendGeometry) in try #require(g.frames.first) }
    for position in [LegendPosition.upperLeft, .lowerRight, .upperCenter, .centerLeft] {
      fig.legend = position
      let g = try LegendGeometry(fig.svg())
      let frame = try frameOf(g)
      let box = try #require(g.legends.first?.box)
      #expect(frame.contains(box))
      let midX = box.x + box.width / 2
      let midY = box.y + box.height / 2
      switch position {
      case .upperLeft: #expect(midX < frame.x + frame.width / 3 && midY < frame.y + frame.height / 3)
      case .lowerRight: #expect(midX > frame.maxX - frame.width / 3 && midY > frame.maxY - frame.height / 3)
      case .upperCenter:
        #expect(abs(midX - (frame.x + frame.width / 2)) < 1 && midY < frame.y + frame.height / 3)
      default: #expect(midX < frame.x + frame.width / 3 && abs(midY - (frame.y + frame.height / 2)) < 1)
      }
    }
  }
}
