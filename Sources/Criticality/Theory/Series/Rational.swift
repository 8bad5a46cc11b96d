import BigInt
import Foundation

/// An exact rational number `p/q` in lowest terms with `q > 0`, over attaswift's `BigInt`, so sums and
/// products never overflow.
public struct Rational: Sendable, Hashable, Comparable, CustomStringConvertible,
  ExpressibleByIntegerLiteral
{
  /// The numerator `p` (carries the sign).
  public let numerator: BigInt
  /// The denominator `q > 0`, coprime to `p`; 1 for integers (and for zero).
  public let denominator: BigInt

  /// `p/q` reduced to lowest terms. Throws when `q = 0`.
  public init(_ p: BigInt, _ q: BigInt) throws {
    guard !q.isZero else { throw CriticalityError("Rational: the denominator must be non-zero") }
    self.init(reducing: p, q)
  }

  /// `p/q` reduced to lowest terms. Throws when `q = 0`.
  public init(_ p: Int, _ q: Int) throws {
    try self.init(BigInt(p), BigInt(q))
  }

  /// The integer $n$ as $n/1$.
  public init(_ n: BigInt) {
    numerator = n
    denominator = .one
  }

  /// The integer $n$ as $n/1$.
  public init(_ n: Int) { self.init(BigInt(n)) }
  public init(integerLiteral value: Int) { self.init(value) }

  /// Reduces `p/q`, `q ≠ 0`.
  init(reducing p: BigInt, _ q: BigInt) {
    let g = BigInt.gcd(p, q)
    var num = g.isZero || g == .one ? p : p / g
    var den = g.isZero || g == .one ? q : q / g
    if den.isNegative {
      num = -num
      den = -den
    }
    if num.isZero { den = .one }
    numerator = num
    denominator = den
  }

  /// $0$.
  public static let zero = Rational(0)
  /// $1$.
  public static let one = Rational(1)

  /// Whether it is $0$.
  public var isZero: Bool { numerator.isZero }
  /// Whether the denominator is $1$.
  public var isInteger: Bool { denominator == .one }
  /// $-1$, $0$ or $+1$.
  public var signum: Int { numerator.signAsInt }

  /// `p/q` as the nearest `Double` (both parts scaled first, so huge `p` and `q` do not
  /// overflow to ∞/∞).
  public var doubleValue: Double {
    let (mp, ep) = numerator.mantissaAndExponent
    let (mq, eq) = denominator.mantissaAndExponent
    return scalbn(mp / mq, ep - eq)
  }

  /// The negation $-a$.
  public static prefix func - (a: Rational) -> Rational {
    Rational(reducing: -a.numerator, a.denominator)
  }

  /// The exact sum, in lowest terms.
  public static func + (a: Rational, b: Rational) -> Rational {
    if a.denominator == b.denominator {
      return Rational(reducing: a.numerator + b.numerator, a.denominator)
    }
    return Rational(
      reducing: a.numerator * b.denominator + b.numerator * a.denominator, a.denominator * b.denominator)
  }

  /// The exact difference, in lowest terms.
  public static func - (a: Rational, b: Rational) -> Rational { a + (-b) }

  /// The exact product, in lowest terms.
  public static func * (a: Rational, b: Rational) -> Rational {
    Rational(reducing: a.numerator * b.numerator, a.denominator * b.denominator)
  }

  /// `a / b`. Throws when `b = 0`.
  public func divided(by b: Rational) throws -> Rational {
    guard !b.isZero else { throw CriticalityError("Rational: division by zero") }
    return Rational(reducing: numerator * b.denominator, denominator * b.numerator)
  }

  /// `a^k` for any integer `k`. Throws for `0^k` with `k < 0`.
  public func power(_ k: Int) throws -> Rational {
    if k < 0 { return try Rational.one.divided(by: self).power(-k) }
    return Rational(reducing: numerator.power(k), denominator.power(k))
  }

  public static func < (a: Rational, b: Rational) -> Bool {
    a.numerator * b.denominator < b.numerator * a.denominator
  }

  /// `p/q`, or `p` for integers.
  public var description: String {
    isInteger ? numerator.description : "\(numerator)/\(denominator)"
  }

  /// LaTeX for the magnitude: `3` or `\frac{3}{4}` (the sign is left to the caller).
  var latexMagnitude: String {
    isInteger
      ? numerator.magnitude.description
      : "\\frac{\(numerator.magnitude)}{\(denominator)}"
  }

  /// LaTeX: `-\frac{3}{4}`, `7`.
  public var latex: String { (signum < 0 ? "-" : "") + latexMagnitude }
}
