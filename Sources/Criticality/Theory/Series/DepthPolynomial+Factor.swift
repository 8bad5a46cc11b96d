import BigInt
import Foundation

extension DepthPolynomial {
  /// The factorization `c · l^k · ∏_i (q_i l − p_i) · R(l)` over the rationals, as far as
  /// linear factors go: `c` rational, each `q_i l − p_i` a primitive integer linear factor (a
  /// rational root `p_i/q_i`, found by the rational root theorem), `R` the primitive integer
  /// remainder without rational roots (1 if the polynomial splits). Polynomials whose integer
  /// form has coefficients beyond ±10^12 are returned unfactored (`factors` empty).
  public var rationalFactorization:
    (constant: Rational, powerOfL: Int, factors: [(q: Int, p: Int)], remainder: DepthPolynomial)
  {
    if isZero { return (.zero, 0, [], .one) }
    // Integer form: D · self = g · P with P primitive, leading coefficient positive.
    var d = BigInt(1)
    for c in coefficients where !c.isZero { d = d / BigInt.gcd(d, c.denominator) * c.denominator }
    let integers = coefficients.map { ($0 * Rational(d)).numerator }
    var g = BigInt(0)
    for c in integers { g = BigInt.gcd(g, c) }
    if coefficients.last!.signum < 0 { g = -g }
    guard let constant = try? Rational(g, d) else { return (.zero, 0, [], .one) }
    var p = integers.compactMap { ($0 / g).intValue }
    let limit = 1_000_000_000_000
    guard p.count == integers.count, p.allSatisfy({ abs($0) <= limit }) else {
      return (constant, 0, [], (try? Rational(d, g)).map { $0 * self } ?? self)
    }
    var powerOfL = 0
    while p.count > 1 && p[0] == 0 {
      p.removeFirst()
      powerOfL += 1
    }
    var factors: [(q: Int, p: Int)] = []
    func divisors(_ n: Int) -> [Int] {
      let m = abs(n)
      if m > 1_000_000 { return [] }  // keep the search small; larger roots stay in the remainder
      return (1...max(m, 1)).filter { m % $0 == 0 }
    }
    var searching = true
    while searching && p.count > 1 {
      searching = false
      search: for q in divisors(p.last!) {
        for r in divisors(p[0]) {
          for num in [r, -r] where BigInt.gcd(BigInt(num), BigInt(q)) == .one {
            // Synthetic division of P by (q l − num): exact iff num/q is a root.
            var quotient = [Int](repeating: 0, count: p.count - 1)
            var carry = 0
            var exact = true
            for i in stride(from: p.count - 1, through: 1, by: -1) {
              let (c, overflow) = p[i].addingReportingOverflow(carry)
              guard !overflow else {
                exact = false
                break
              }
              guard c % q == 0 else {
                exact = false
                break
              }
              quotient[i - 1] = c / q
              let (product, productOverflow) = quotient[i - 1].multipliedReportingOverflow(by: num)
              guard !productOverflow else {
                exact = false
                break
              }
              carry = product
            }
            if exact && p[0] + carry == 0 {
              factors.append((q, num))
              p = quotient
              searching = true
              break search
            }
          }
        }
      }
    }
    return (constant, powerOfL, factors, DepthPolynomial(coefficients: p.map { Rational($0) }))
  }

  /// LaTeX with rational linear factors pulled out, `4 (l - 1) (3 l - 4)`, and any irreducible
  /// rest expanded in parentheses; the constant as a fraction in front (`\frac{1}{3} l (l + 2)`).
  public func factoredLatex(variable: String = "l") -> String {
    let (c, k, factors, rest) = rationalFactorization
    if isZero { return "0" }
    var parts: [String] = []
    if k == 1 { parts.append(variable) } else if k > 1 { parts.append("\(variable)^{\(k)}") }
    for (q, p) in factors {
      let lead = q == 1 ? variable : "\(q) \(variable)"
      parts.append("(" + lead + (p > 0 ? " - \(p)" : " + \(-p)") + ")")
    }
    if rest.degree >= 1 { parts.append("(" + rest.latex(variable: variable) + ")") }
    let body = parts.joined(separator: " ")
    if body.isEmpty { return c.latex }
    if c == .one { return body }
    if c == Rational(-1) { return "-" + body }
    return c.latex + " " + body
  }
}
