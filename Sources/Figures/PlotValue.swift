/// A number that can be plotted: converted to `Double` for drawing.
///
/// Lets chapters pass `[Int]` depths, `[Float]` samples or ranges like `1...20` directly.
public protocol PlotValue {
  /// The value as a `Double` (exact for integers below 2^53).
  var plotValue: Double { get }
}

extension Double: PlotValue { public var plotValue: Double { self } }
extension Float: PlotValue { public var plotValue: Double { Double(self) } }
extension Int: PlotValue { public var plotValue: Double { Double(self) } }
extension Int32: PlotValue { public var plotValue: Double { Double(self) } }
extension Int64: PlotValue { public var plotValue: Double { Double(self) } }
extension UInt: PlotValue { public var plotValue: Double { Double(self) } }
extension UInt32: PlotValue { public var plotValue: Double { Double(self) } }
extension UInt64: PlotValue { public var plotValue: Double { Double(self) } }

extension Sequence where Element: PlotValue {
  /// The elements as `Double`s.
  var plotValues: [Double] { map(\.plotValue) }
}
