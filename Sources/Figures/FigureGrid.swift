/// Panels in `rows × columns`, drawn in one SVG, optionally sharing axes.
///
/// ```swift
/// var grid = FigureGrid(title: "Kernel recursion", rows: 1, columns: 2, sharedY: true)
/// grid[0, 0] = left
/// grid[0, 1] = right
/// ```
/// Panels are lettered (a), (b), … row by row, followed by their own titles. When the panels
/// draw the same labelled series, one legend below the panels replaces theirs (``legend``). A shared axis
/// takes the union of the panels' data (or the first panel's given limits) and the first
/// panel's scale; its tick labels and label are drawn only on the outer panels.
public struct FigureGrid: FigureRendering {
  public var title: String
  /// The number of rows of panels (at least 1).
  public let rows: Int
  /// The number of columns of panels (at least 1).
  public let columns: Int
  /// The panels, row by row; an untouched cell is an empty `Figure`.
  public var panels: [Figure]
  /// The panels of a column share one horizontal axis (labelled on the bottom row only).
  public var sharedX: Bool
  /// The panels of a row share one vertical axis (labelled on the left column only).
  public var sharedY: Bool
  /// Total size in SVG user units (default 600 wide for one column, 760 for more; 400 high
  /// for one row, 330 a row for more); a legend below the panels adds its height.
  public var width: Double
  /// Total height in SVG user units, like `width`.
  public var height: Double
  /// One legend for all panels, below them, or each panel's own (see ``GridLegend``).
  public var legend: GridLegend = .automatic

  /// An empty grid of `rows` × `columns` panels (each at least 1), to be filled by subscript.
  public init(
    title: String, rows: Int, columns: Int, sharedX: Bool = false, sharedY: Bool = false
  ) {
    self.title = title
    self.rows = max(1, rows)
    self.columns = max(1, columns)
    self.sharedX = sharedX
    self.sharedY = sharedY
    panels = Array(repeating: Figure(title: ""), count: self.rows * self.columns)
    width = self.columns == 1 ? 600 : 760
    height = self.rows == 1 ? (self.columns == 1 ? 400 : 340) : 330 * Double(self.rows)
  }

  /// A grid of `panels` filled row by row, `columns` wide.
  public init(
    title: String, columns: Int, panels: [Figure], sharedX: Bool = false, sharedY: Bool = false
  ) {
    let c = max(1, columns)
    self.init(
      title: title, rows: max(1, (panels.count + c - 1) / c), columns: c, sharedX: sharedX, sharedY: sharedY)
    for (i, p) in panels.enumerated() { self.panels[i] = p }
  }

  /// The panel in `row` and `column`, both from 0.
  public subscript(row: Int, column: Int) -> Figure {
    get { panels[row * columns + column] }
    set { panels[row * columns + column] = newValue }
  }

  public func svg() -> String {
    let r = render()
    var desc = "Grid of \(rows) × \(columns) panels"
    if sharedX { desc += ", shared x axis" }
    if sharedY { desc += ", shared y axis" }
    desc += "."
    for (i, panel) in panels.enumerated() {
      desc +=
        " Panel \(Self.letter(i)): "
        + Description.text(figure: panel, xAxis: r.axes[i].0, yAxis: r.axes[i].1, warnings: [])
    }
    if !r.warnings.isEmpty { desc += " Warnings: " + r.warnings.joined(separator: "; ") + "." }
    return SVGDocument.assemble(width: r.width, height: r.height, title: title, desc: desc, body: r.body)
  }

  public func csv() -> String {
    CSVExport.csv(panels: panels.enumerated().map { ("(" + Self.letter($0) + ")", $1) })
  }

  public var warnings: [String] { render().warnings }

  static func letter(_ i: Int) -> String {
    i < 26 ? String(UnicodeScalar(UInt8(97 + i))) : "\(i + 1)"
  }

  struct Rendered {
    var body = ""
    var warnings: [String] = []
    var axes: [(ResolvedAxis, ResolvedAxis)] = []
    /// The canvas: the grid's size, grown by a legend below the panels.
    var width = 0.0
    var height = 0.0
  }

  func options(row: Int, column: Int, index: Int) -> PanelOptions {
    let t = panels[index].title
    return PanelOptions(
      xTickLabels: !sharedX || row == rows - 1, yTickLabels: !sharedY || column == 0,
      xLabel: !sharedX || row == rows - 1, yLabel: !sharedY || column == 0,
      heading: "(\\mathrm{" + Self.letter(index) + "})" + (t.isEmpty ? "" : " " + t))
  }

  /// Lays the panels out with aligned frames: each column gets the widest left and right
  /// margin its panels need, each row the tallest top and bottom, and the rest is shared
  /// equally among the frames.
  func render() -> Rendered {
    let xScale = sharedX ? panels[0].xScale : nil
    let yScale = sharedY ? panels[0].yScale : nil
    let plans = panels.map { PanelPlan($0, xScale: xScale, yScale: yScale) }
    var xUnion = DataExtent()
    var yUnion = DataExtent()
    for p in plans {
      xUnion.formUnion(p.xExtent)
      yUnion.formUnion(p.yExtent)
    }
    let xLimits: ClosedRange<Double>?? = sharedX ? .some(panels.lazy.compactMap(\.xLimits).first) : nil
    let yLimits: ClosedRange<Double>?? = sharedY ? .some(panels.lazy.compactMap(\.yLimits).first) : nil

    func axes(_ i: Int, frame: Rect) -> (ResolvedAxis, ResolvedAxis, [String]) {
      FigureRenderer.axes(
        plans[i], frame: frame, xExtent: sharedX ? xUnion : nil, yExtent: sharedY ? yUnion : nil,
        xScale: xScale, yScale: yScale, xLimits: xLimits, yLimits: yLimits)
    }

    var frameWidth = width / Double(columns) - 70
    var frameHeight = height / Double(rows) - 70
    var left = [Double](repeating: 0, count: columns)
    var right = left
    var top = [Double](repeating: 0, count: rows)
    var bottom = top
    for _ in 0..<2 {
      left = Array(repeating: 0, count: columns)
      right = left
      top = Array(repeating: 0, count: rows)
      bottom = top
      for r in 0..<rows {
        for c in 0..<columns {
          let i = r * columns + c
          let frame = Rect(x: 0, y: 0, width: frameWidth, height: frameHeight)
          let (xa, ya, _) = axes(i, frame: frame)
          let m = PanelLayout.margins(
            figure: panels[i], xAxis: xa, yAxis: ya, options: options(row: r, column: c, index: i))
          left[c] = max(left[c], m.left)
          right[c] = max(right[c], m.right)
          top[r] = max(top[r], m.top)
          bottom[r] = max(bottom[r], m.bottom)
        }
      }
      // Breathing room between neighbouring panels.
      for c in 0..<(columns - 1) { right[c] += 14 }
      for r in 0..<(rows - 1) { bottom[r] += 8 }
      frameWidth = max(20, (width - left.reduce(0, +) - right.reduce(0, +)) / Double(columns))
      frameHeight = max(20, (height - top.reduce(0, +) - bottom.reduce(0, +)) / Double(rows))
    }

    var result = Rendered(width: width, height: height)
    let legends = plans.map { Legend($0.prepared) }
    let legendPlan = GridLegendPlan(legend, legends: legends, positions: panels.map(\.legend))
    var below: [LegendRows.Group] = []
    var framesX = (min: Double.infinity, max: -Double.infinity)
    var y = 0.0
    for r in 0..<rows {
      var x = 0.0
      y += top[r]
      for c in 0..<columns {
        let i = r * columns + c
        var panelOptions = options(row: r, column: c, index: i)
        panelOptions.yLabelBaseline = x + 6 + Style.labelSize * 0.8
        x += left[c]
        let frame = Rect(x: x, y: y, width: frameWidth, height: frameHeight)
        let (xa, ya, w) = axes(i, frame: frame)
        let drawn = PanelRenderer.render(
          plans[i], frame: frame, xAxis: xa, yAxis: ya, options: panelOptions,
          clipID: FigureRenderer.idPlaceholder + "-c\(i)")
        result.body += drawn.svg
        if case .perPanel = legendPlan {
          switch LegendPlacement.decide(legends[i], position: panels[i].legend, frame: frame, ink: drawn.ink)
          {
          case .none: break
          case .inside(let box): result.body += legends[i].column(x: box.x, y: box.y).svg()
          case .outside:
            below.append(
              LegendRows.Group(heading: "(\\mathrm{\(Self.letter(i))})", entries: legends[i].entries))
          }
        }
        result.warnings += (plans[i].warnings + w).map { "panel (\(Self.letter(i))): " + $0 }
        result.axes.append((xa, ya))
        framesX = (min(framesX.min, frame.x), max(framesX.max, frame.maxX))
        x += frameWidth + right[c]
      }
      y += frameHeight + bottom[r]
    }
    if case .shared(let entries) = legendPlan { below = [LegendRows.Group(heading: nil, entries: entries)] }
    if !below.isEmpty {
      let layout = LegendRows.layout(
        below, maxWidth: width - 16, centerX: (framesX.min + framesX.max) / 2, minX: 8, maxX: width - 8,
        y: height + 2)
      result.body += layout.svg()
      result.width = max(width, layout.box.maxX + 8)
      result.height = max(height, layout.box.maxY + 6)
    }
    return result
  }
}
