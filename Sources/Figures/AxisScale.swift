/// How an axis maps data values to positions.
public enum AxisScale: Sendable, Hashable {
  /// Position proportional to the value.
  case linear
  /// Position proportional to `log10(value)`; non-positive values are dropped with a warning.
  case log
}
