import BigInt
import Foundation

/// What the `1/n` series algebra needs of attaswift's `BigInt` beyond its integer protocols:
/// greatest common divisors, a sign as an `Int`, and overflow-free conversions.
extension BigInt {
  static let one = BigInt(1)

  /// `gcd(|a|, |b|)`, with `gcd(0, 0) = 0`.
  static func gcd(_ a: BigInt, _ b: BigInt) -> BigInt { a.greatestCommonDivisor(with: b) }

  /// True for negative numbers (never for zero).
  var isNegative: Bool { sign == .minus && !isZero }

  /// −1, 0 or +1.
  var signAsInt: Int { isZero ? 0 : (isNegative ? -1 : 1) }

  /// The value as an `Int` if it fits.
  var intValue: Int? { Int(exactly: self) }

  /// `(m, e)` with `self ≈ m · 2^e` and `|m| < 2^64`: the top 64 bits, truncated, so that a ratio
  /// of two huge integers never becomes ∞/∞.
  var mantissaAndExponent: (Double, Int) {
    if isZero { return (0, 0) }
    let shift = Swift.max(0, magnitude.bitWidth - 64)
    let top = Double(UInt64(magnitude >> shift))
    return (isNegative ? -top : top, shift)
  }

  /// The nearest `Double` to within one rounding of the top 64 bits; ±∞ beyond its range.
  var doubleValue: Double {
    let (m, e) = mantissaAndExponent
    return scalbn(m, e)
  }
}
