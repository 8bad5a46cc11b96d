import Foundation

/// Fixed formatting of numbers in the SVG and the CSV, so that output bytes are deterministic.
enum NumberFormatting {
  /// A coordinate in SVG user units rounded to 0.1 (1/6000 of a default figure's width):
  /// `12.3`, `-4`, never `-0` or exponents. Non-finite input gives `0`.
  static func coordinate(_ v: Double) -> String {
    guard v.isFinite else { return "0" }
    let tenths = Int((min(max(v, -1e9), 1e9) * 10).rounded())
    if tenths == 0 { return "0" }
    let sign = tenths < 0 ? "-" : ""
    let a = abs(tenths)
    let whole = a / 10
    let frac = a % 10
    return frac == 0 ? sign + String(whole) : sign + String(whole) + "." + String(frac)
  }

  /// A data value for the CSV: Swift's shortest representation that reads back to the same
  /// `Double` (`0.1`, `1e-05`, `nan`, `inf`).
  static func data(_ v: Double) -> String {
    if v.isNaN { return "nan" }
    if v.isInfinite { return v < 0 ? "-inf" : "inf" }
    if v == 0 { return "0" }
    let s = "\(v)"
    return s.hasSuffix(".0") ? String(s.dropLast(2)) : s
  }

  /// The exact decimal string of `mantissa × 10^exponent` with exactly `max(0, -exponent)`
  /// decimals, e.g. `(3, -1)` → `0.3`, `(10, -1)` → `1.0`, `(-25, 2)` → `-2500`. Uses the
  /// ASCII hyphen-minus for negative numbers.
  static func decimal(mantissa: Int, exponent: Int) -> String {
    let sign = mantissa < 0 ? "-" : ""
    var digits = String(mantissa.magnitude)
    if exponent >= 0 {
      return mantissa == 0 ? "0" : sign + digits + String(repeating: "0", count: exponent)
    }
    let shift = -exponent
    if digits.count <= shift {
      digits = String(repeating: "0", count: shift - digits.count + 1) + digits
    }
    return sign + String(digits.dropLast(shift)) + "." + String(digits.suffix(shift))
  }

  /// The `Double` nearest to `mantissa × 10^exponent` (correctly rounded by the parser).
  static func value(mantissa: Int, exponent: Int) -> Double {
    Double("\(mantissa)e\(exponent)") ?? Double(mantissa) * pow(10, Double(exponent))
  }

  /// A short human-readable number for descriptions and warnings (`%.4g`).
  static func short(_ v: Double) -> String {
    guard v.isFinite else { return v.isNaN ? "nan" : (v < 0 ? "-inf" : "inf") }
    return String(format: "%.4g", v)
  }
}
