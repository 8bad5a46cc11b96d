/// What a series draws.
enum SeriesKind: Sendable, Hashable {
  /// A polyline through the points (with markers if `markers`); non-finite points break it.
  case line(markers: Bool)
  /// Markers only.
  case scatter
  /// Markers with vertical bars `y ± error`.
  case errorBars
  /// A shaded region between `lower` and `upper`.
  case band
  /// A step histogram: `edges` (one more than `y`), `y` the bar heights.
  case histogram(density: Bool)
  /// A sampled function `y = f(x)`, drawn as a line.
  case function
  /// A vertical line at `x[0]` across the axes.
  case verticalLine
  /// A horizontal line at `y[0]` across the axes.
  case horizontalLine

  var name: String {
    switch self {
    case .line(let markers): markers ? "line with markers" : "line"
    case .scatter: "scatter"
    case .errorBars: "error bars"
    case .band: "band"
    case .histogram(let density): density ? "histogram (density)" : "histogram (counts)"
    case .function: "function"
    case .verticalLine: "vertical line"
    case .horizontalLine: "horizontal line"
    }
  }

  /// Short name in the CSV `kind` column.
  var csvName: String {
    switch self {
    case .line: "line"
    case .scatter: "scatter"
    case .errorBars: "errorbars"
    case .band: "band"
    case .histogram: "histogram"
    case .function: "function"
    case .verticalLine: "vline"
    case .horizontalLine: "hline"
    }
  }

  var hasMarkers: Bool {
    switch self {
    case .line(let markers): markers
    case .scatter, .errorBars: true
    case .band, .histogram, .function, .verticalLine, .horizontalLine: false
    }
  }

  var isLineLike: Bool {
    switch self {
    case .line, .function: true
    case .scatter, .errorBars, .band, .histogram, .verticalLine, .horizontalLine: false
    }
  }
}

/// One data series as given by the chapter (unfiltered: filtering depends on the axis scales,
/// which may still change after the series is added).
struct Series: Sendable {
  var kind: SeriesKind
  var label: String
  var x: [Double] = []
  var y: [Double] = []
  /// Error bars: one standard error per point. Histograms: the Poisson error of each bar.
  var error: [Double] = []
  /// Bands: lower and upper edge per point.
  var lower: [Double] = []
  var upper: [Double] = []
  /// Histograms: bin edges, `y.count + 1` of them.
  var edges: [Double] = []
  /// Palette indices.
  var color = 0
  var marker = 0
  var dash = 0
  /// Warnings found when the series was added (length mismatch, samples outside bins).
  var notes: [String] = []

  /// How warnings name this series.
  func displayName(index: Int) -> String {
    label.isEmpty ? "series \(index + 1) (\(kind.name))" : "“" + MathText.plain(label) + "”"
  }
}
