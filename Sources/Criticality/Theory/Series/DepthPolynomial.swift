import Foundation

/// A polynomial `c_0 + c_1 l + … + c_d l^d` in the depth `l` with exact rational
/// coefficients: the coefficients of the `1/n` series of deep-linear-network observables
/// (e.g. `2(l − 1)` in `E[z^4]/(3G^2) − 1 = 2(l − 1)/n + O(1/n^2)`, PDLT §3.3).
public struct DepthPolynomial: Sendable, Hashable, CustomStringConvertible,
  ExpressibleByIntegerLiteral
{
  /// `c_0, c_1, …, c_d`, lowest power first, with no trailing zeros (zero has none).
  public let coefficients: [Rational]

  /// The polynomial $c_0 + c_1 l + \dots$ with these coefficients, lowest power first (trailing zeros dropped).
  public init(coefficients: [Rational]) {
    var c = coefficients
    while let last = c.last, last.isZero { c.removeLast() }
    self.coefficients = c
  }

  /// The constant polynomial `c`.
  public init(_ c: Rational) { self.init(coefficients: [c]) }
  public init(integerLiteral value: Int) { self.init(Rational(value)) }

  /// The depth `l` itself.
  public static let l = DepthPolynomial(coefficients: [0, 1])
  /// The zero polynomial.
  public static let zero = DepthPolynomial(coefficients: [])
  /// The constant polynomial $1$.
  public static let one = DepthPolynomial(coefficients: [1])

  /// Whether every coefficient is $0$.
  public var isZero: Bool { coefficients.isEmpty }
  /// The degree in `l` (−1 for the zero polynomial).
  public var degree: Int { coefficients.count - 1 }

  /// The coefficient of `l^k` (zero beyond the degree).
  public subscript(k: Int) -> Rational { k >= 0 && k < coefficients.count ? coefficients[k] : .zero }

  /// The sum, coefficient by coefficient.
  public static func + (a: DepthPolynomial, b: DepthPolynomial) -> DepthPolynomial {
    DepthPolynomial(
      coefficients: (0..<max(a.coefficients.count, b.coefficients.count)).map { a[$0] + b[$0] })
  }

  /// The negation, coefficient by coefficient.
  public static prefix func - (a: DepthPolynomial) -> DepthPolynomial {
    DepthPolynomial(coefficients: a.coefficients.map { -$0 })
  }

  /// The difference, coefficient by coefficient.
  public static func - (a: DepthPolynomial, b: DepthPolynomial) -> DepthPolynomial { a + (-b) }

  /// The product of two polynomials in $l$.
  public static func * (a: DepthPolynomial, b: DepthPolynomial) -> DepthPolynomial {
    if a.isZero || b.isZero { return .zero }
    var c = [Rational](repeating: .zero, count: a.coefficients.count + b.coefficients.count - 1)
    for (i, x) in a.coefficients.enumerated() where !x.isZero {
      for (j, y) in b.coefficients.enumerated() { c[i + j] = c[i + j] + x * y }
    }
    return DepthPolynomial(coefficients: c)
  }

  /// The polynomial scaled by the rational number $c$.
  public static func * (c: Rational, a: DepthPolynomial) -> DepthPolynomial {
    DepthPolynomial(coefficients: a.coefficients.map { c * $0 })
  }

  /// The binomial coefficient `binom(E, k) = E (E − 1) ⋯ (E − k + 1) / k!` of a polynomial
  /// `E(l)`, a polynomial of degree `k · deg E`. Throws for `k < 0`.
  public static func binomial(_ e: DepthPolynomial, _ k: Int) throws -> DepthPolynomial {
    guard k >= 0 else { throw CriticalityError("DepthPolynomial.binomial: k must be ≥ 0, got \(k)") }
    var p = DepthPolynomial.one
    for j in 0..<k {
      p = p * (e - DepthPolynomial(Rational(j)))
      p = try Rational.one.divided(by: Rational(j + 1)) * p
    }
    return p
  }

  /// The value at a (real) depth `l`, by Horner's rule in `Double`.
  public func callAsFunction(_ l: Double) -> Double {
    coefficients.reversed().reduce(0.0) { $0 * l + $1.doubleValue }
  }

  /// The exact value at a rational depth.
  public func callAsFunction(_ l: Rational) -> Rational {
    coefficients.reversed().reduce(Rational.zero) { $0 * l + $1 }
  }

  /// `3/2 l^2 - l + 1/4`: plain text, highest power first.
  public var description: String {
    if isZero { return "0" }
    var s = ""
    for k in stride(from: degree, through: 0, by: -1) where !self[k].isZero {
      let c = self[k]
      let sign = c.signum < 0 ? "-" : "+"
      let mag = c.signum < 0 ? -c : c
      let monomial = k == 0 ? "" : (k == 1 ? "l" : "l^\(k)")
      let body = (mag == .one && k > 0) ? monomial : mag.description + (k > 0 ? " " + monomial : "")
      s += s.isEmpty ? (sign == "-" ? "-" : "") + body : " \(sign) \(body)"
    }
    return s
  }

  /// LaTeX, highest power first, in the variable `variable` (default `l`):
  /// `\frac{3}{2} l^{2} - l + \frac{1}{4}`.
  public func latex(variable: String = "l") -> String {
    if isZero { return "0" }
    var s = ""
    for k in stride(from: degree, through: 0, by: -1) where !self[k].isZero {
      let c = self[k]
      let monomial = k == 0 ? "" : (k == 1 ? variable : "\(variable)^{\(k)}")
      let body =
        (c.latexMagnitude == "1" && k > 0) ? monomial : c.latexMagnitude + (k > 0 ? " " + monomial : "")
      if s.isEmpty {
        s = (c.signum < 0 ? "-" : "") + body
      } else {
        s += (c.signum < 0 ? " - " : " + ") + body
      }
    }
    return s
  }

  /// True when the polynomial is a single term `c l^k` (so it needs no parentheses).
  var isMonomial: Bool { coefficients.filter { !$0.isZero }.count == 1 }
}
