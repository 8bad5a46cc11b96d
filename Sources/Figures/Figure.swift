/// One set of axes with any number of series: a figure for a lecture page.
///
/// ```swift
/// var fig = Figure(title: "Connected 4-point function", xLabel: "depth l", yLabel: "κ_4/(3G^2)")
/// fig.line(x: depths, y: exact, label: "exact, n = 32")
/// fig.errorBars(x: depths, y: mc.map(\.value), error: mc.map(\.error), label: "Monte Carlo")
/// fig.yScale = .log
/// ```
/// Labels accept TeX-style math (see ``MathText``). A value type: copies are independent.
public struct Figure: FigureRendering {
  public var title: String
  /// The horizontal axis's label; TeX-style math such as `κ_4/(3G^2)` is typeset.
  public var xLabel: String
  /// The vertical axis's label, like `xLabel`.
  public var yLabel: String
  /// How the horizontal axis maps values to positions (linear by default, or logarithmic).
  public var xScale: AxisScale = .linear
  /// How the vertical axis maps values to positions, like `xScale`.
  public var yScale: AxisScale = .linear
  /// Fixed axis limits; `nil` (the default) fits the data with a little padding, starting at
  /// zero when the data come close to it or when histograms stand on it.
  public var xLimits: ClosedRange<Double>? = nil
  /// Fixed limits of the vertical axis, like `xLimits`.
  public var yLimits: ClosedRange<Double>? = nil
  /// Size in SVG user units, which are CSS pixels at natural size (fonts are 16 and 14 units,
  /// matching a 16 px body text at the default width 600). The SVG scales down with the page.
  public var width: Double = 600
  /// Height in SVG user units, like `width` (400 by default: an aspect ratio of 3:2).
  public var height: Double = 400
  /// Where the legend of the labelled series goes (see ``LegendPosition``): by default inside
  /// the axes where it covers no data, else below them. It never reaches past the frame; an
  /// outside legend grows the SVG beyond `width` × `height`. In a ``FigureGrid`` the grid's
  /// ``FigureGrid/legend`` decides first.
  public var legend: LegendPosition = .automatic
  /// Draw `title` above the axes. Off by default: the page shows the title as the caption.
  public var showsTitle = false
  /// Faint grid lines at the major ticks.
  public var showsGrid = false

  var series: [Series] = []
  var colorCount = 0
  var markerCount = 0
  var dashCount = 0

  /// An empty figure with a title (the page's caption unless the block sets one) and axis labels;
  /// add series with `line`, `scatter`, `errorBars`, `histogram` and the other plotting methods.
  public init(title: String, xLabel: String = "", yLabel: String = "") {
    self.title = title
    self.xLabel = xLabel
    self.yLabel = yLabel
  }

  /// Width over height; setting it keeps the width and changes the height.
  public var aspectRatio: Double {
    get { width / height }
    set {
      if newValue.isFinite && newValue > 0 { height = width / newValue }
    }
  }

  public func svg() -> String { FigureRenderer.svg(self) }

  public func csv() -> String { CSVExport.csv(panels: [("", self)]) }

  public var warnings: [String] { FigureRenderer.warnings(self) }
}
