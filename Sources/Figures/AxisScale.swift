/// How an axis maps data values to positions.
public enum AxisScale: Sendable, Hashable {
  /// Position proportional to the value.
  case linear
  /// Position proportional to `log10(value)`; non-positive values are dropped with a warning.
  case log
}

/// Where a figure's legend goes.
public enum LegendPosition: Sendable, Hashable {
  /// Inside the axes, at the candidate position that covers the least drawn data.
  case automatic
  case upperRight, upperLeft, lowerLeft, lowerRight
  case upperCenter, lowerCenter, centerLeft, centerRight
  /// No legend.
  case hidden
}
