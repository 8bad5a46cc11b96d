/// The default style: the Okabe–Ito colour-blind-safe palette (Okabe & Ito 2008), ordered so
/// the first colours read on white and on dark backgrounds, plus marker shapes and dash
/// patterns that keep series apart in grey-scale print.
enum Palette {
  /// Okabe–Ito blue, vermillion, bluish green, reddish purple, orange, sky blue. (Black is
  /// replaced by `currentColor` for reference lines; yellow is left out: it vanishes on white.)
  static let colors = ["#0072B2", "#D55E00", "#009E73", "#CC79A7", "#E69F00", "#56B4E9"]

  /// Dash patterns for line-like series, in units of the line width 1.6.
  static let dashes: [String?] = [nil, "6 3", "1.6 2.4", "8 3 1.6 3"]

  static func color(_ index: Int) -> String { colors[index % colors.count] }
  static func dash(_ index: Int) -> String? { dashes[index % dashes.count] }
  static func marker(_ index: Int) -> Marker { Marker.allCases[index % Marker.allCases.count] }
}

/// Marker shapes, drawn as relative SVG path commands around the point.
enum Marker: CaseIterable, Sendable, Hashable {
  case circle, square, triangleUp, diamond, triangleDown

  /// The path from the marker's centre (after an absolute `M x y`), for radius `r`.
  func path(radius r: Double) -> String {
    let f = NumberFormatting.coordinate
    switch self {
    case .circle:
      return "m-\(f(r)) 0a\(f(r)) \(f(r)) 0 1 0 \(f(2 * r)) 0a\(f(r)) \(f(r)) 0 1 0 -\(f(2 * r)) 0"
    case .square:
      let s = r * 0.9
      return "m-\(f(s)) -\(f(s))h\(f(2 * s))v\(f(2 * s))h-\(f(2 * s))z"
    case .triangleUp:
      let s = r * 1.2
      return "m0 -\(f(s))l\(f(s * 0.866)) \(f(s * 1.5))h-\(f(s * 1.732))z"
    case .triangleDown:
      let s = r * 1.2
      return "m0 \(f(s))l\(f(s * 0.866)) -\(f(s * 1.5))h-\(f(s * 1.732))z"
    case .diamond:
      let s = r * 1.25
      return "m0 -\(f(s))l\(f(s)) \(f(s))l-\(f(s)) \(f(s))l-\(f(s)) -\(f(s))z"
    }
  }
}
