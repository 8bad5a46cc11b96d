/// A rectangle in SVG user units (y grows downwards).
struct Rect: Sendable, Equatable {
  var x: Double
  var y: Double
  var width: Double
  var height: Double
  var maxX: Double { x + width }
  var maxY: Double { y + height }

  func insetBy(_ d: Double) -> Rect { Rect(x: x + d, y: y + d, width: width - 2 * d, height: height - 2 * d) }
}

/// A point in SVG user units.
struct Point: Sendable, Equatable {
  var x: Double
  var y: Double
}

/// Clipping of polylines to a rectangle.
enum Clipping {
  /// The part of the segment `p → q` inside `r` (Liang–Barsky), with the parameters
  /// `0 ≤ t0 ≤ t1 ≤ 1` of its ends, or `nil` if it misses `r`.
  static func segment(_ p: Point, _ q: Point, to r: Rect) -> (Point, Point, Double, Double)? {
    var t0 = 0.0
    var t1 = 1.0
    let dx = q.x - p.x
    let dy = q.y - p.y
    for (pk, qk) in [(-dx, p.x - r.x), (dx, r.maxX - p.x), (-dy, p.y - r.y), (dy, r.maxY - p.y)] {
      if pk == 0 {
        if qk < 0 { return nil }
      } else {
        let t = qk / pk
        if pk < 0 {
          if t > t1 { return nil }
          t0 = max(t0, t)
        } else {
          if t < t0 { return nil }
          t1 = min(t1, t)
        }
      }
    }
    return (
      Point(x: p.x + t0 * dx, y: p.y + t0 * dy), Point(x: p.x + t1 * dx, y: p.y + t1 * dy), t0, t1
    )
  }

  /// The pieces of `polyline` inside `r`, in order.
  static func polyline(_ points: [Point], to r: Rect) -> [[Point]] {
    guard points.count > 1 else {
      if let p = points.first, p.x >= r.x, p.x <= r.maxX, p.y >= r.y, p.y <= r.maxY { return [[p]] }
      return []
    }
    var pieces: [[Point]] = []
    var current: [Point] = []
    for i in 1..<points.count {
      guard let (a, b, t0, t1) = segment(points[i - 1], points[i], to: r) else {
        if !current.isEmpty {
          pieces.append(current)
          current = []
        }
        continue
      }
      if current.isEmpty || t0 > 0 {
        if !current.isEmpty { pieces.append(current) }
        current = [a]
      }
      current.append(b)
      if t1 < 1 {
        pieces.append(current)
        current = []
      }
    }
    if !current.isEmpty { pieces.append(current) }
    return pieces
  }
}

/// Reduction of many points to what the pixels can show.
enum Thinning {
  /// M4 reduction (Jugel et al., VLDB 2014): of each run of consecutive points within one
  /// column of width `column` keep the first, the lowest, the highest and the last, in their
  /// original order. Rasterising the result differs from the full polyline by less than a
  /// column width, and a line of 10^5 points keeps at most 4 points a column.
  static func m4(_ points: [Point], column: Double) -> [Point] {
    guard points.count > 4 else { return points }
    var out: [Point] = []
    out.reserveCapacity(min(points.count, 4096))
    var start = 0
    func flush(_ end: Int) {
      var lowest = start
      var highest = start
      for i in start..<end {
        if points[i].y < points[lowest].y { lowest = i }
        if points[i].y > points[highest].y { highest = i }
      }
      for i in [start, lowest, highest, end - 1].sorted() where out.last != points[i] {
        out.append(points[i])
      }
    }
    var currentColumn = (points[0].x / column).rounded(.down)
    for i in 1..<points.count {
      let c = (points[i].x / column).rounded(.down)
      if c != currentColumn {
        flush(i)
        start = i
        currentColumn = c
      }
    }
    flush(points.count)
    return out
  }

  /// The points with at most one (the first) in each `cell × cell` square.
  static func cells(_ points: [Point], cell: Double) -> [Point] {
    var seen = Set<Int64>()
    var out: [Point] = []
    for p in points {
      let i = Int64((p.x / cell).rounded(.down))
      let j = Int64((p.y / cell).rounded(.down))
      if seen.insert(i &* 1_000_003 &+ j).inserted { out.append(p) }
    }
    return out
  }
}

/// SVG path data with coordinates rounded to 0.1 unit, the first point of each subpath
/// absolute (`M`), the rest relative (`l`) computed from the rounded values so that no
/// rounding error accumulates.
struct PathData {
  private(set) var d = ""
  private var current: (Int, Int)? = nil
  private var lastCommand: Character = " "
  private var inLineRun = false

  static func tenths(_ v: Double) -> Int { Int((min(max(v, -1e8), 1e8) * 10).rounded()) }

  static func format(_ t: Int) -> String {
    NumberFormatting.coordinate(Double(t) / 10)
  }

  private mutating func pair(_ a: Int, _ b: Int) {
    let sa = Self.format(a)
    let sb = Self.format(b)
    if lastCommand == "n" && !sa.hasPrefix("-") { d += " " }
    d += sa
    if !sb.hasPrefix("-") { d += " " }
    d += sb
    lastCommand = "n"
  }

  private mutating func command(_ c: Character) {
    d.append(c)
    lastCommand = c
  }

  mutating func move(_ p: Point) {
    let t = (Self.tenths(p.x), Self.tenths(p.y))
    command("M")
    inLineRun = false
    pair(t.0, t.1)
    current = t
  }

  /// A relative move: shorter than `move` when points are close.
  mutating func moveRelative(_ p: Point) {
    guard let c = current else { return move(p) }
    let t = (Self.tenths(p.x), Self.tenths(p.y))
    command("m")
    inLineRun = false
    pair(t.0 - c.0, t.1 - c.1)
    current = t
  }

  mutating func line(_ p: Point) {
    guard let c = current else { return move(p) }
    let t = (Self.tenths(p.x), Self.tenths(p.y))
    if t == c { return }
    if !inLineRun {
      command("l")
      inLineRun = true
    }
    pair(t.0 - c.0, t.1 - c.1)
    current = t
  }

  mutating func raw(_ s: String) {
    d += s
    lastCommand = s.last ?? " "
    inLineRun = false
  }

  mutating func polyline(_ points: [Point]) {
    guard let first = points.first else { return }
    move(first)
    for p in points.dropFirst() { line(p) }
  }
}
