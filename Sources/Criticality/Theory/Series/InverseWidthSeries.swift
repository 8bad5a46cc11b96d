import BigInt
import Foundation

/// A truncated series in the inverse width,
/// `a_0(l) + a_1(l)/n + a_2(l)/n^2 + ⋯ + a_{K−1}(l)/n^{K−1} + O(1/n^K)`,
/// whose coefficients `a_k` are exact polynomials in the depth `l` with rational coefficients
/// (`DepthPolynomial`). This is the shape of every `1/n` expansion of a deep linear network with
/// equal hidden widths (PDLT §3.3): e.g. `(1 + 2/n)^{l−1} − 1 = 2(l−1)/n +
/// 2(l−1)(l−2)/n^2 + O(1/n^3)`.
///
/// Arithmetic is exact; the truncation order of a result is the smallest that is still known
/// (`(A + O(n^{−K})) (B + O(n^{−M})) = AB + O(n^{−min(K, M)})` when `A`, `B` are `O(1)`).
public struct InverseWidthSeries: Sendable, Hashable, CustomStringConvertible {
  /// `a_0, a_1, …`: `coefficients[k]` multiplies `n^{−k}`; `coefficients.count == order`.
  public let coefficients: [DepthPolynomial]
  /// `K`: the series is exact up to and including `n^{−(K−1)}`; the remainder is `O(n^{−K})`.
  public var order: Int { coefficients.count }

  /// `Σ_{k<order} coefficients[k] n^{−k} + O(n^{−order})`; missing coefficients are zero, extra
  /// ones are dropped. Throws for `order < 1`.
  public init(_ coefficients: [DepthPolynomial], order: Int) throws {
    guard order >= 1 else {
      throw CriticalityError("InverseWidthSeries: the order must be ≥ 1 (the O(1/n^order) remainder)")
    }
    self.init(exactly: (0..<order).map { $0 < coefficients.count ? coefficients[$0] : .zero })
  }

  init(exactly coefficients: [DepthPolynomial]) { self.coefficients = coefficients }

  /// The constant `c + O(n^{−order})`.
  public static func constant(_ c: DepthPolynomial, order: Int) throws -> InverseWidthSeries {
    try InverseWidthSeries([c], order: order)
  }

  /// `1/n + O(n^{−order})`. Throws for `order < 2`, where `1/n` is itself the remainder.
  public static func inverseWidth(order: Int) throws -> InverseWidthSeries {
    guard order >= 2 else { throw CriticalityError("InverseWidthSeries.inverseWidth: order must be ≥ 2") }
    return try InverseWidthSeries([0, 1], order: order)
  }

  /// `a_k(l)`, the coefficient of `n^{−k}`; throws if `k` is beyond the truncation order.
  public func coefficient(_ k: Int) throws -> DepthPolynomial {
    guard k >= 0 && k < order else {
      throw CriticalityError("InverseWidthSeries: the coefficient of n^-\(k) is not known (order \(order))")
    }
    return coefficients[k]
  }

  /// The sum, to the lower of the two orders.
  public static func + (a: InverseWidthSeries, b: InverseWidthSeries) -> InverseWidthSeries {
    InverseWidthSeries(exactly: (0..<min(a.order, b.order)).map { a.coefficients[$0] + b.coefficients[$0] })
  }

  /// The negated series.
  public static prefix func - (a: InverseWidthSeries) -> InverseWidthSeries {
    InverseWidthSeries(exactly: a.coefficients.map { -$0 })
  }

  /// The difference, to the lower of the two orders.
  public static func - (a: InverseWidthSeries, b: InverseWidthSeries) -> InverseWidthSeries { a + (-b) }

  /// The Cauchy product truncated at the smaller order.
  public static func * (a: InverseWidthSeries, b: InverseWidthSeries) -> InverseWidthSeries {
    let k = min(a.order, b.order)
    var c = [DepthPolynomial](repeating: .zero, count: k)
    for i in 0..<k {
      for j in 0..<(k - i) { c[i + j] = c[i + j] + a.coefficients[i] * b.coefficients[j] }
    }
    return InverseWidthSeries(exactly: c)
  }

  /// Multiplication by a polynomial in `l` (exact; the order is unchanged).
  public static func * (p: DepthPolynomial, a: InverseWidthSeries) -> InverseWidthSeries {
    InverseWidthSeries(exactly: a.coefficients.map { p * $0 })
  }

  /// `(1 + s)^E = Σ_{k<order} binom(E, k) s^k` for a series `s = O(1/n)` and an exponent
  /// `E(l)` polynomial in the depth — e.g. `(1 + 2/n)^{l−1}` — exact because `s^k = O(n^{−k})`.
  /// Throws if `base − 1` has a non-zero `n^0` term.
  public static func power(_ base: InverseWidthSeries, exponent e: DepthPolynomial) throws
    -> InverseWidthSeries
  {
    let s = base - (try .constant(.one, order: base.order))
    guard s.coefficients[0].isZero else {
      throw CriticalityError("InverseWidthSeries.power: the base must be 1 + O(1/n)")
    }
    var result = try InverseWidthSeries.constant(.one, order: base.order)
    var sk = result
    for k in 1..<base.order {
      sk = sk * s
      result = result + (try DepthPolynomial.binomial(e, k)) * sk
    }
    return result
  }

  /// The truncated sum at width `n` and depth `l`, `Σ_k a_k(l) n^{−k}` (the remainder dropped).
  public func callAsFunction(n: Double, l: Double) -> Double {
    coefficients.reversed().reduce(0.0) { $0 / n + $1(l) }
  }

  /// The exact truncated sum at rational `n` and `l`. Throws for `n = 0`.
  public func callAsFunction(n: Rational, l: Rational) throws -> Rational {
    let x = try Rational.one.divided(by: n)
    return coefficients.reversed().reduce(Rational.zero) { $0 * x + $1(l) }
  }

  /// Plain text: `(2 l - 2)/n + (2 l^2 - 6 l + 4)/n^2 + O(1/n^3)`.
  public var description: String {
    var terms: [String] = []
    for (k, a) in coefficients.enumerated() where !a.isZero {
      if k == 0 {
        terms.append(a.description)
      } else {
        let nk = k == 1 ? "n" : "n^\(k)"
        terms.append(a.isMonomial ? "\(a)/\(nk)" : "(\(a))/\(nk)")
      }
    }
    terms.append("O(1/n^\(order))")
    return terms.joined(separator: " + ").replacingOccurrences(of: "+ -", with: "- ")
  }

  /// LaTeX, each coefficient over a common integer denominator and signed so that its leading
  /// term is positive: `\frac{2 l - 2}{n} + \frac{2 l^{2} - 6 l + 4}{n^{2}} + O\!\left(n^{-3}\right)`.
  public var latex: String {
    latexSum { a in
      // a = sign · P / D with P integer, leading coefficient of P positive.
      var d = BigInt(1)
      for c in a.coefficients where !c.isZero { d = d / BigInt.gcd(d, c.denominator) * c.denominator }
      let negative = a.coefficients.last!.signum < 0
      let p = (negative ? Rational(-1) : Rational(1)) * Rational(d) * a
      return (p.latex(), d, negative)
    }
  }

  /// LaTeX with each coefficient factored over the rationals (`DepthPolynomial.factoredLatex`):
  /// `\frac{2 (l - 1)}{n} + \frac{2 (l - 1) (l - 2)}{n^{2}} + O\!\left(n^{-3}\right)`.
  public var factoredLatex: String {
    latexSum { a in
      let (c, _, _, _) = a.rationalFactorization
      let negative = c.signum < 0
      let magnitude = negative ? -c : c
      // a = c F(l), c = ±p/q, F primitive with positive leading coefficient: ±(p F)/(q n^k).
      let f = (try? Rational.one.divided(by: c)).map { $0 * a } ?? a
      let fLatex = f.factoredLatex()
      let numerator: String
      if f.degree == 0 {
        numerator = magnitude.numerator.description
      } else {
        numerator = magnitude.numerator == .one ? fLatex : "\(magnitude.numerator) " + fLatex
      }
      return (numerator, magnitude.denominator, negative)
    }
  }

  /// `Σ_k ± numerator_k / (denominator_k n^k) + O(n^{-order})`, the terms given per nonzero
  /// coefficient as a numerator in LaTeX, an integer denominator and a sign.
  private func latexSum(
    _ term: (DepthPolynomial) -> (numerator: String, denominator: BigInt, negative: Bool)
  ) -> String {
    var s = ""
    for (k, a) in coefficients.enumerated() where !a.isZero {
      let (numerator, q, negative) = term(a)
      let text: String
      if k == 0 {
        text = q == .one ? numerator : "\\frac{\(numerator)}{\(q)}"
      } else {
        let nk = k == 1 ? "n" : "n^{\(k)}"
        text = "\\frac{\(numerator)}{" + (q == .one ? "" : "\(q) ") + nk + "}"
      }
      if s.isEmpty {
        s = (negative ? "-" : "") + text
      } else {
        s += (negative ? " - " : " + ") + text
      }
    }
    let remainder = "O\\!\\left(n^{-\(order)}\\right)"
    return s.isEmpty ? remainder : s + " + " + remainder
  }
}
