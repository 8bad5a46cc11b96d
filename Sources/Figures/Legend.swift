/// One legend entry: a labelled series' symbol and its label.
struct LegendEntry: Sendable {
  let series: Series
  let runs: [TextRun]
  /// The width reserved for the label: the ``MathText/width(_:fontSize:)`` estimate `w` plus
  /// a margin, `1.06 w + 2`, twice the estimate's error against Chromium with KaTeX_Main
  /// (≤ 3 %, see ``TextMetrics``); the fallback serifs draw narrower.
  let textWidth: Double
  /// The symbol drawn at the origin: equal looks draw equal symbols.
  let look: String

  init(_ series: Series) {
    self.series = series
    runs = MathText.parse(series.label)
    textWidth = Self.allowance(MathText.width(runs, fontSize: Style.legendSize))
    look = LegendSymbol.svg(series, x0: 0, cy: 0)
  }

  static func allowance(_ estimate: Double) -> Double { estimate * 1.06 + 2 }

  /// Symbol, gap and label.
  var width: Double { Legend.symbolWidth + Legend.gap + textWidth }
}

/// The legend entries of a panel, and the sizes shared by every legend layout.
struct Legend: Sendable {
  static let rowHeight = 19.0
  static let symbolWidth = 26.0
  static let gap = 6.0
  static let padding = 4.0
  /// Distance from the frame, clear of the tick marks.
  static let inset = 9.0

  let entries: [LegendEntry]

  init(_ prepared: [PreparedSeries]) {
    entries = prepared.filter { !$0.series.label.isEmpty }.map { LegendEntry($0.series) }
  }

  init(entries: [LegendEntry]) { self.entries = entries }

  /// Size of the one-column layout (inside the axes or right of them):
  /// `2·padding + max(entry width)` by `2·padding + rows · rowHeight`.
  var columnSize: (width: Double, height: Double) {
    (
      (entries.map(\.width).max() ?? 0) + 2 * Self.padding,
      Double(entries.count) * Self.rowHeight + 2 * Self.padding
    )
  }

  /// The entries one under another, the box's top left corner at `(x, y)`.
  func column(x: Double, y: Double) -> LegendLayout {
    let (w, h) = columnSize
    var layout = LegendLayout(box: Rect(x: x, y: y, width: w, height: h))
    for (k, entry) in entries.enumerated() {
      layout.items.append((entry, x + Self.padding, y + Self.padding + Self.rowHeight * (Double(k) + 0.5)))
    }
    return layout
  }
}

/// A legend laid out: its box, each entry's symbol origin `x` and row centre `cy`, and the
/// headings of entry groups (the panel letters of a grid's collected legends).
struct LegendLayout: Sendable {
  var box: Rect
  var items: [(entry: LegendEntry, x: Double, cy: Double)] = []
  var headings: [(runs: [TextRun], x: Double, cy: Double)] = []

  /// A group with an invisible `<rect class="figure-legend-box">` giving the box (pages may
  /// style it, tests read it), then symbol and label of each entry.
  func svg() -> String {
    let f = NumberFormatting.coordinate
    let size = Style.legendSize
    var out = "<g class=\"figure-legend\" font-size=\"\(f(size))\" fill=\"currentColor\">\n"
    out +=
      "<rect class=\"figure-legend-box\" x=\"\(f(box.x))\" y=\"\(f(box.y))\" width=\"\(f(box.width))\""
      + " height=\"\(f(box.height))\" fill=\"none\"/>\n"
    for h in headings {
      out +=
        "<text x=\"\(f(h.x))\" y=\"\(f(h.cy + size * 0.33))\">" + MathText.svgContent(h.runs, fontSize: size)
        + "</text>\n"
    }
    for item in items {
      out += LegendSymbol.svg(item.entry.series, x0: item.x, cy: item.cy)
      out +=
        "<text x=\"\(f(item.x + Legend.symbolWidth + Legend.gap))\" y=\"\(f(item.cy + size * 0.33))\">"
        + MathText.svgContent(item.entry.runs, fontSize: size) + "</text>\n"
    }
    return out + "</g>\n"
  }
}
