/// The default look, in SVG user units (CSS pixels at natural size).
enum Style {
  /// A serif stack: KaTeX's and Computer Modern's fonts first so labels match the page's
  /// math where those fonts are present, then common system serifs.
  static let fontFamily =
    "KaTeX_Main, 'Latin Modern Roman', 'CMU Serif', 'STIX Two Text', 'Times New Roman', "
    + "'Liberation Serif', serif"
  static let labelSize = 16.0
  static let tickLabelSize = 14.0
  static let legendSize = 14.0
  static let lineWidth = 1.6
  static let frameWidth = 1.0
  static let markerRadius = 3.2
  static let majorTick = 5.0
  static let minorTick = 2.8
  static let errorCap = 3.0
  /// Wanted distance between labelled ticks along x and along y.
  static let xTickSpacing = 100.0
  static let yTickSpacing = 60.0
}

/// Which cells of the axes already carry ink, to place the legend where it hides the least.
/// Weights: 1 for lines, markers, error bars and histogram outlines, 0.5 for reference lines,
/// 0.3 for shaded areas (bands, histogram fills).
struct InkGrid: Sendable {
  static let cell = 4.0
  let frame: Rect
  let columns: Int
  let rows: Int
  var weights: [Double]

  init(frame: Rect) {
    self.frame = frame
    columns = max(1, Int((frame.width / Self.cell).rounded(.up)))
    rows = max(1, Int((frame.height / Self.cell).rounded(.up)))
    weights = Array(repeating: 0, count: columns * rows)
  }

  mutating func mark(_ p: Point, weight: Double = 1) {
    let i = Int(((p.x - frame.x) / Self.cell).rounded(.down))
    let j = Int(((p.y - frame.y) / Self.cell).rounded(.down))
    guard i >= 0, j >= 0, i < columns, j < rows else { return }
    weights[j * columns + i] = max(weights[j * columns + i], weight)
  }

  /// Marks the cells along each segment of `points`.
  mutating func markPolyline(_ points: [Point], weight: Double = 1) {
    guard let first = points.first else { return }
    mark(first, weight: weight)
    for (a, b) in zip(points, points.dropFirst()) {
      let steps = min(2000, Int((max(abs(b.x - a.x), abs(b.y - a.y)) / (Self.cell / 2)).rounded(.up)))
      if steps > 0 {
        for s in 1...steps {
          let t = Double(s) / Double(steps)
          mark(Point(x: a.x + t * (b.x - a.x), y: a.y + t * (b.y - a.y)), weight: weight)
        }
      }
    }
  }

  /// Where a mark at `x` falls relative to the grid's columns: -1 left of the first, 0 in the
  /// grid, 1 right of the last (the column index `mark` computes, compared as a `Double` so
  /// that an `x` far outside cannot overflow `Int`).
  func columnSide(_ x: Double) -> Int {
    let i = ((x - frame.x) / Self.cell).rounded(.down)
    return i < 0 ? -1 : i < Double(columns) ? 0 : 1
  }

  /// Marks the cells of the vertical strip from `y0` to `y1` at `x`.
  mutating func markColumn(x: Double, from y0: Double, to y1: Double, weight: Double) {
    var y = max(min(y0, y1), frame.y)
    while y <= min(max(y0, y1), frame.maxY) {
      mark(Point(x: x, y: y), weight: weight)
      y += Self.cell
    }
  }

  /// The largest weight of the cells under `r` (0 when `r` misses the frame).
  func maxWeight(of r: Rect) -> Double {
    let i0 = max(0, Int(((r.x - frame.x) / Self.cell).rounded(.down)))
    let i1 = min(columns - 1, Int(((r.maxX - frame.x) / Self.cell).rounded(.down)))
    let j0 = max(0, Int(((r.y - frame.y) / Self.cell).rounded(.down)))
    let j1 = min(rows - 1, Int(((r.maxY - frame.y) / Self.cell).rounded(.down)))
    guard i0 <= i1, j0 <= j1 else { return 0 }
    var m = 0.0
    for j in j0...j1 {
      for i in i0...i1 { m = max(m, weights[j * columns + i]) }
    }
    return m
  }

  /// The summed weight of the cells under `r`.
  func cost(of r: Rect) -> Double {
    let i0 = max(0, Int(((r.x - frame.x) / Self.cell).rounded(.down)))
    let i1 = min(columns - 1, Int(((r.maxX - frame.x) / Self.cell).rounded(.down)))
    let j0 = max(0, Int(((r.y - frame.y) / Self.cell).rounded(.down)))
    let j1 = min(rows - 1, Int(((r.maxY - frame.y) / Self.cell).rounded(.down)))
    guard i0 <= i1, j0 <= j1 else { return 0 }
    var sum = 0.0
    for j in j0...j1 {
      for i in i0...i1 { sum += weights[j * columns + i] }
    }
    return sum
  }
}
