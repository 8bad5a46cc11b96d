/// Which legends a ``FigureGrid`` draws: one shared legend below the panels, each panel's
/// own, or none.
enum GridLegendPlan: Sendable {
  case shared([LegendEntry])
  case perPanel
  case none

  /// The plan for `mode` given each panel's legend and asked position (see ``GridLegend``).
  init(_ mode: GridLegend, legends: [Legend], positions: [LegendPosition]) {
    switch mode {
    case .hidden:
      self = .none
    case .perPanel:
      self = .perPanel
    case .shared:
      let union = Self.union(legends)
      self = union.isEmpty ? .none : .shared(union)
    case .automatic:
      let labelled = legends.indices.filter { !legends[$0].entries.isEmpty }
      guard labelled.count >= 2, labelled.contains(where: { positions[$0] != .hidden }),
        Self.agree(legends)
      else {
        self = .perPanel
        return
      }
      self = .shared(Self.union(legends))
    }
  }

  /// The distinct (label, look) entries of all legends, in order of first appearance.
  static func union(_ legends: [Legend]) -> [LegendEntry] {
    var seen = Set<String>()
    var out: [LegendEntry] = []
    for entry in legends.flatMap(\.entries)
    where seen.insert(entry.series.label + "\u{0}" + entry.look).inserted {
      out.append(entry)
    }
    return out
  }

  /// Whether labels and looks pair one to one across all legends: a shared legend then
  /// says what every panel draws.
  static func agree(_ legends: [Legend]) -> Bool {
    var lookOfLabel: [String: String] = [:]
    var labelOfLook: [String: String] = [:]
    for entry in legends.flatMap(\.entries) {
      let label = entry.series.label
      if let look = lookOfLabel[label], look != entry.look { return false }
      if let other = labelOfLook[entry.look], other != label { return false }
      lookOfLabel[label] = entry.look
      labelOfLook[entry.look] = label
    }
    return true
  }
}
