/// Legends set below the axes (or below a grid's panels): each group's entries side by side
/// in aligned columns that wrap into rows, as many columns as fit the width.
enum LegendRows {
  /// Space between columns, and after a group's heading.
  static let columnGap = 18.0
  static let headingGap = 10.0

  /// A group of entries, headed by `heading` (label syntax of ``MathText``) if given.
  struct Group: Sendable {
    var heading: String?
    var entries: [LegendEntry]
  }

  /// The groups one under another, each starting a row, the box's top at `y` and centred on
  /// `centerX` as far as `minX ... maxX` allows (left-aligned at `minX` if wider). A group of `m` entries takes the largest column count
  /// `k ≤ m` whose columns (entry `i` in column `i mod k`, each column as wide as its widest
  /// entry) with gaps fit `maxWidth` less the padding and the heading; one column if none
  /// does (the box is then wider than `maxWidth`).
  static func layout(
    _ groups: [Group], maxWidth: Double, centerX: Double, minX: Double, maxX: Double, y: Double
  ) -> LegendLayout {
    struct Planned {
      var heading: [TextRun]?
      var headingWidth: Double
      var columnX: [Double]
      var entries: [LegendEntry]
      var width: Double
    }
    var planned: [Planned] = []
    for group in groups where !group.entries.isEmpty {
      let runs = group.heading.map { MathText.parse($0) }
      let headingWidth =
        runs.map { LegendEntry.allowance(MathText.width($0, fontSize: Style.legendSize)) + headingGap } ?? 0
      let available = maxWidth - 2 * Legend.padding - headingWidth
      var columns = group.entries.count
      var widths: [Double] = []
      while true {
        widths = Array(repeating: 0, count: columns)
        for (i, e) in group.entries.enumerated() { widths[i % columns] = max(widths[i % columns], e.width) }
        let total = widths.reduce(0, +) + Double(columns - 1) * columnGap
        if total <= available || columns == 1 { break }
        columns -= 1
      }
      var xs: [Double] = []
      var x = headingWidth
      for w in widths {
        xs.append(x)
        x += w + columnGap
      }
      planned.append(
        Planned(
          heading: runs, headingWidth: headingWidth, columnX: xs, entries: group.entries,
          width: x - columnGap))
    }
    let width = (planned.map(\.width).max() ?? 0) + 2 * Legend.padding
    let rowCount = planned.reduce(0) { $0 + ($1.entries.count + $1.columnX.count - 1) / $1.columnX.count }
    let left = max(minX, min(centerX - width / 2, maxX - width))
    var layout = LegendLayout(
      box: Rect(x: left, y: y, width: width, height: Double(rowCount) * Legend.rowHeight + 2 * Legend.padding)
    )
    var row = 0
    for p in planned {
      let x0 = left + Legend.padding
      let cy0 = y + Legend.padding + Legend.rowHeight * (Double(row) + 0.5)
      if let h = p.heading { layout.headings.append((h, x0, cy0)) }
      for (i, e) in p.entries.enumerated() {
        let k = p.columnX.count
        let cy = y + Legend.padding + Legend.rowHeight * (Double(row + i / k) + 0.5)
        layout.items.append((e, x0 + p.columnX[i % k], cy))
      }
      row += (p.entries.count + p.columnX.count - 1) / p.columnX.count
    }
    return layout
  }
}
