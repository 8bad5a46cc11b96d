/// Where a panel's legend goes: inside its axes frame, outside, or nowhere.
enum LegendPlacement: Equatable {
  case none
  /// Inside the frame, in this box (never reaching past the frame's inset).
  case inside(Rect)
  /// Outside: `.outsideRight` or `.outsideBottom`.
  case outside(LegendPosition)

  /// The inside candidates of `.automatic`, in order of preference on equal cost.
  static let automaticOrder: [LegendPosition] = [
    .upperRight, .upperLeft, .lowerRight, .lowerLeft, .upperCenter, .lowerCenter, .centerRight, .centerLeft,
  ]

  /// Cells of at least this ink weight are data a legend must not cover (lines, markers,
  /// error bars, histogram outlines, reference lines); lighter cells are shaded areas.
  static let dataWeight = 0.5

  /// The decision for `legend` asked to go to `position` in the axes `frame` whose data left
  /// `ink`:
  /// - `.hidden` or no labelled series: none;
  /// - `.outsideRight`, `.outsideBottom`: outside as asked;
  /// - an inside position: there if the box fits within the frame less ``Legend/inset`` on
  ///   each side, else outside below;
  /// - `.automatic`: among the ``automaticOrder`` boxes that fit and cover no data cell
  ///   (within 2 units), the one over the least ink (shaded areas), the earlier on ties;
  ///   if there is none, outside below.
  static func decide(_ legend: Legend, position: LegendPosition, frame: Rect, ink: InkGrid) -> LegendPlacement
  {
    guard !legend.entries.isEmpty, position != .hidden else { return .none }
    let size = legend.columnSize
    let fits =
      size.width <= frame.width - 2 * Legend.inset + 1e-9
      && size.height <= frame.height - 2 * Legend.inset + 1e-9
    switch position {
    case .outsideRight, .outsideBottom, .hidden:
      return .outside(position)
    case .automatic:
      guard fits else { return .outside(.outsideBottom) }
      var best: Rect? = nil
      var bestCost = Double.infinity
      for candidate in automaticOrder {
        let r = rect(candidate, size: size, in: frame)
        let around = r.insetBy(-2)
        guard ink.maxWeight(of: around) < dataWeight else { continue }
        let cost = ink.cost(of: around)
        if cost < bestCost - 1e-9 {
          best = r
          bestCost = cost
        }
      }
      return best.map { .inside($0) } ?? .outside(.outsideBottom)
    default:
      return fits ? .inside(rect(position, size: size, in: frame)) : .outside(.outsideBottom)
    }
  }

  /// The box of `size` at the inside `position` of `frame`, ``Legend/inset`` from its edges.
  static func rect(_ position: LegendPosition, size: (width: Double, height: Double), in frame: Rect) -> Rect
  {
    let (w, h) = size
    let left = frame.x + Legend.inset
    let right = frame.maxX - Legend.inset - w
    let center = frame.x + (frame.width - w) / 2
    let top = frame.y + Legend.inset
    let bottom = frame.maxY - Legend.inset - h
    let middle = frame.y + (frame.height - h) / 2
    let (x, y): (Double, Double)
    switch position {
    case .upperRight, .automatic, .hidden, .outsideRight, .outsideBottom: (x, y) = (right, top)
    case .upperLeft: (x, y) = (left, top)
    case .lowerLeft: (x, y) = (left, bottom)
    case .lowerRight: (x, y) = (right, bottom)
    case .upperCenter: (x, y) = (center, top)
    case .lowerCenter: (x, y) = (center, bottom)
    case .centerLeft: (x, y) = (left, middle)
    case .centerRight: (x, y) = (right, middle)
    }
    return Rect(x: x, y: y, width: w, height: h)
  }
}
