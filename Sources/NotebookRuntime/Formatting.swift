import Foundation

/// A value that knows how it reads in the notes. Inline `` `{swift} expr` `` spans are replaced
/// by `expr`'s `notebookText`; values that do not conform use `description`.
///
/// Libraries conform their own types (the science library's `Estimate` prints `0.612 ± 0.013`
/// through its `description`, which is the same text).
public protocol NotebookFormattable {
  /// The value as a notebook shows it inline or in a table cell.
  var notebookText: String { get }
}

extension Double: NotebookFormattable {
  /// Four significant digits; `1.234e-05` style below 1e-4 or from 1e6 on (magnitude);
  /// trailing zeros dropped (`0.5`, `2`); whole numbers rounded too (`12345.678` → `12350`).
  public var notebookText: String { formatSignificant(self, digits: 4) }
}

extension Float: NotebookFormattable {
  public var notebookText: String { formatSignificant(Double(self), digits: 4) }
}

extension Int: NotebookFormattable {
  public var notebookText: String { String(self) }
}

extension String: NotebookFormattable {
  public var notebookText: String { self }
}

extension Bool: NotebookFormattable {
  public var notebookText: String { self ? "true" : "false" }
}

/// `x` with `digits` significant digits, in plain or exponent notation (see ``Double/notebookText``).
public func formatSignificant(_ x: Double, digits: Int = 4) -> String {
  if x.isNaN { return "NaN" }
  if x.isInfinite { return x < 0 ? "−∞" : "∞" }
  if x == 0 { return "0" }
  let magnitude = abs(x)
  // The exponent after rounding to `digits` significant digits (9.9996 → 10.00).
  var exponent = Int(floor(log10(magnitude)))
  let scaled = (magnitude / pow(10, Double(exponent - digits + 1))).rounded()
  if scaled >= pow(10, Double(digits)) { exponent += 1 }
  if exponent < -4 || exponent >= 6 {
    var mantissa = String(format: "%.\(digits - 1)f", x / pow(10, Double(exponent)))
    mantissa = trimZeros(mantissa)
    return mantissa + "e" + (exponent < 0 ? "-" : "+") + String(format: "%02d", abs(exponent))
  }
  let decimals = digits - 1 - exponent
  if decimals < 0 {
    // 12345.678 → 12350: round to the last significant digit, not to the units.
    let unit = pow(10, Double(-decimals))
    return String(format: "%.0f", (x / unit).rounded() * unit)
  }
  return trimZeros(String(format: "%.\(decimals)f", x))
}

private func trimZeros(_ s: String) -> String {
  guard s.contains(".") else { return s }
  var t = s
  while t.hasSuffix("0") { t.removeLast() }
  if t.hasSuffix(".") { t.removeLast() }
  return t == "-0" ? "0" : t
}

/// The text of any value: ``NotebookFormattable`` first, then `description`.
public func notebookText(of value: Any) -> String {
  if let formattable = value as? NotebookFormattable { return formattable.notebookText }
  if let convertible = value as? CustomStringConvertible { return convertible.description }
  return String(describing: value)
}
