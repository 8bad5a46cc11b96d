import Foundation

/// A measured value with a one-standard-error uncertainty, `value ± error`.
///
/// Arithmetic propagates errors to first order assuming the operands are independent
/// (`σ_{a±b} = sqrt(σ_a² + σ_b²)`, `σ_{ca} = |c| σ_a`). Quantities built from correlated
/// estimates (ratios of moments of one ensemble, say) should be estimated directly, e.g. by a
/// jackknife, not composed with these operators.
public struct Estimate: Sendable, Hashable, Codable, CustomStringConvertible {
  /// The central value.
  public var value: Double
  /// One standard error.
  public var error: Double

  /// An estimate $x \pm \sigma$ with value $x$ and standard error $\sigma$.
  public init(value: Double, error: Double) {
    self.value = value
    self.error = error
  }

  /// The number of standard errors between this estimate and an exact value,
  /// `(value − exact) / error`.
  public func zScore(against exact: Double) -> Double {
    (value - exact) / error
  }

  /// `0.612 ± 0.013`: the uncertainty rounded to two significant digits and the value to the
  /// same decimal place. Very small or large magnitudes use a shared power of ten,
  /// `(1.234 ± 0.056)e-05`.
  public var description: String {
    Estimate.format(value: value, error: error)
  }

  static func format(value: Double, error: Double) -> String {
    guard value.isFinite else { return "\(value)" }
    guard error.isFinite, error > 0 else {
      return "\(value) ± \(error)"
    }
    // Decimal position of the second significant digit of the error.
    let errorExponent = Int(floor(log10(error)))
    var decimals = 1 - errorExponent
    // Rounding may carry the error to one more digit (0.0996 → 0.10): recompute.
    let roundedError = (error * pow(10, Double(decimals))).rounded() / pow(10, Double(decimals))
    if Int(floor(log10(roundedError))) > errorExponent { decimals -= 1 }
    let magnitude = max(abs(value), roundedError)
    let valueExponent = Int(floor(log10(magnitude)))
    if valueExponent < -4 || valueExponent > 5 {
      let scale = pow(10, Double(valueExponent))
      let d = max(0, decimals + valueExponent)
      return "(" + fixed(value / scale, d) + " ± " + fixed(error / scale, d) + ")e"
        + (valueExponent < 0 ? "-" : "+") + String(format: "%02d", abs(valueExponent))
    }
    if decimals <= 0 {
      let unit = pow(10, Double(-decimals))
      let v = (value / unit).rounded() * unit
      let e = (error / unit).rounded() * unit
      return fixed(v, 0) + " ± " + fixed(e, 0)
    }
    return fixed(value, decimals) + " ± " + fixed(error, decimals)
  }

  private static func fixed(_ x: Double, _ decimals: Int) -> String {
    let s = String(format: "%.\(decimals)f", x)
    // Avoid "-0.000".
    if s.hasPrefix("-"), s.dropFirst().allSatisfy({ $0 == "0" || $0 == "." }) { return String(s.dropFirst()) }
    return s
  }

  /// The sum of two independent estimates: errors add in quadrature, $\sqrt{\sigma_a^2 + \sigma_b^2}$.
  public static func + (a: Estimate, b: Estimate) -> Estimate {
    Estimate(value: a.value + b.value, error: (a.error * a.error + b.error * b.error).squareRoot())
  }
  /// The difference of two independent estimates: errors add in quadrature, $\sqrt{\sigma_a^2 + \sigma_b^2}$.
  public static func - (a: Estimate, b: Estimate) -> Estimate {
    Estimate(value: a.value - b.value, error: (a.error * a.error + b.error * b.error).squareRoot())
  }
  /// The estimate shifted by an exact constant $c$ (same error).
  public static func + (a: Estimate, c: Double) -> Estimate { Estimate(value: a.value + c, error: a.error) }
  /// The estimate shifted by an exact constant $-c$ (same error).
  public static func - (a: Estimate, c: Double) -> Estimate { Estimate(value: a.value - c, error: a.error) }
  /// The estimate scaled by an exact constant $c$: error $|c|\,\sigma$.
  public static func * (c: Double, a: Estimate) -> Estimate {
    Estimate(value: c * a.value, error: abs(c) * a.error)
  }
  /// The estimate scaled by an exact constant $c$: error $|c|\,\sigma$.
  public static func * (a: Estimate, c: Double) -> Estimate { c * a }
  /// The estimate divided by an exact constant $c$: error $\sigma/|c|$.
  public static func / (a: Estimate, c: Double) -> Estimate {
    Estimate(value: a.value / c, error: a.error / abs(c))
  }
  /// The negated estimate (same error).
  public static prefix func - (a: Estimate) -> Estimate { Estimate(value: -a.value, error: a.error) }
}
