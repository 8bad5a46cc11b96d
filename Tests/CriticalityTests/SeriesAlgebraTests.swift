import BigInt
import Criticality
import Foundation
import Testing

/// Exact integer and rational arithmetic against independent facts (Int arithmetic, known
/// factorials and identities).
@Suite struct SeriesAlgebraTests {
  /// The exact arithmetic comes from attaswift's BigInt; what `Rational` adds is the conversion
  /// of huge numerators and denominators to `Double` without ∞/∞.
  @Test func rationalsOfNumbersBeyondDoubleConvert() throws {
    // 200! / 199! = 200 and 300!/(2 · 300!) = 1/2, whose parts overflow Double (200! ≈ 7.9e374).
    var f199 = BigInt(1)
    for k in 1...199 { f199 *= BigInt(k) }
    let f200 = f199 * 200
    #expect(Double(f200).isInfinite && Double(f199).isInfinite)
    #expect(abs(try Rational(f200, f199).doubleValue / 200 - 1) < 1e-15)
    #expect(abs(try Rational(f200, 2 * f200).doubleValue / 0.5 - 1) < 1e-15)
    #expect(abs(try Rational(-f200, 3 * f199).doubleValue / (-200.0 / 3) - 1) < 1e-15)
    // 30! = 265252859812191058636308480000000 (a standard table value) as a Double.
    var f30 = BigInt(1)
    for k in 1...30 { f30 *= BigInt(k) }
    #expect(abs(Rational(f30).doubleValue / 2.6525285981219107e32 - 1) < 1e-15)
  }

  @Test func rationalsReduceAndCompare() throws {
    let a = try Rational(6, -8)
    #expect(a.numerator == BigInt(-3) && a.denominator == BigInt(4))
    let b = try Rational(1, 3)
    #expect(a + b == (try Rational(-5, 12)))
    #expect(a * b == (try Rational(-1, 4)))
    #expect(try a.divided(by: b) == (try Rational(-9, 4)))
    #expect(a < b)
    #expect(try b.power(-2) == Rational(9))
    #expect(a.latex == "-\\frac{3}{4}")
    #expect(throws: CriticalityError.self) { try Rational(1, 0) }
    #expect(throws: CriticalityError.self) { try a.divided(by: .zero) }
    // Σ_{k=1}^{20} 1/k² exactly, compared with the Double sum.
    var s = Rational.zero
    for k in 1...20 { s = s + (try Rational(1, k * k)) }
    let d = (1...20).reduce(0.0) { $0 + 1 / Double($1 * $1) }
    #expect(abs(s.doubleValue - d) < 1e-15)
  }

  @Test func binomialOfAPolynomialMatchesIntegerBinomials() throws {
    // binom(l − 1, k) at integer l equals the integer binomial coefficient.
    for k in 0...5 {
      let p = try DepthPolynomial.binomial(.l - .one, k)
      #expect(p.degree == k)
      for l in 1...12 {
        var c = 1.0
        if k > l - 1 { c = 0 } else { for j in 0..<k { c = c * Double(l - 1 - j) / Double(j + 1) } }
        #expect(p(Rational(l)) == Rational(Int(c.rounded())))
      }
    }
  }

  @Test func seriesPowerMatchesExactValuesAtLargeWidth() throws {
    // (1 + 2/n)^{l−1}: the series to O(n^{−K}) differs from the exact rational by
    // a_K(l)/n^K + O(n^{−K−1}), where a_K is the next coefficient.
    for order in 1...4 {
      let s = try DeepLinearTheory.normalizedMomentSeries(half: 2, weights: .gaussian, order: order)
      let next = try DeepLinearTheory.normalizedMomentSeries(half: 2, weights: .gaussian, order: order + 1)
      let aK = try next.coefficient(order)
      for l in [2, 5, 9] {
        for n in [100_000, 1_000_000] {
          let exact = try Rational(n + 2, n).power(l - 1)
          let truncated = try s(n: Rational(n), l: Rational(l))
          let scaled = (exact - truncated) * (try Rational(n).power(order))
          // (exact − S_K) n^K = a_K(l) + O(1/n)
          let err = abs(scaled.doubleValue - aK(Double(l)))
          // |a_{K+1}(l)| ≤ 2^{K+1} l^{K+1}: the O(1/n) remainder is far below a_K(l) ~ (2l)^K/K!.
          #expect(err <= pow(2, Double(order + 2)) * pow(Double(l), Double(order + 1)) / Double(n))
        }
      }
    }
  }

  @Test func fourthCumulantSeriesHasTheBinomialCoefficients() throws {
    // (1 + 2/n)^{l−1} − 1 = Σ_k 2^k binom(l−1, k) n^{−k}.
    let s = try DeepLinearTheory.normalizedFourthCumulantSeries(weights: .gaussian, order: 5)
    #expect(try s.coefficient(0).isZero)
    for k in 1..<5 {
      let expected = Rational(1 << k) * (try DepthPolynomial.binomial(.l - .one, k))
      #expect(try s.coefficient(k) == expected)
    }
    #expect(
      s.latex.hasPrefix(
        "\\frac{2 l - 2}{n} + \\frac{2 l^{2} - 6 l + 4}{n^{2}} + \\frac{4 l^{3} - 24 l^{2} + 44 l - 24}{3 n^{3}}"
      ))
    #expect(s.latex.hasSuffix("O\\!\\left(n^{-5}\\right)"))
    // Evaluated at (n, l) the truncated series is close to the exact value.
    let exact: Double = pow(1.0 + 2.0 / 500.0, 7.0) - 1
    #expect(abs(s(n: 500.0, l: 8.0) - exact) < 1e-10)
  }

  @Test func sixthCumulantSeriesLeadingTerms() throws {
    let g = try DeepLinearTheory.normalizedSixthCumulantSeries(weights: .gaussian, order: 3)
    #expect(try g.coefficient(0).isZero && g.coefficient(1).isZero)
    // 4(l−1)(3l−4) = 12 l² − 28 l + 16, derived by hand from (1+2x)^m (1+4x)^m − 3(1+2x)^m + 2.
    #expect(try g.coefficient(2) == DepthPolynomial(coefficients: [16, -28, 12]))
    #expect(g.latex == "\\frac{12 l^{2} - 28 l + 16}{n^{2}} + O\\!\\left(n^{-3}\\right)")
    // Orthogonal, square: 16/((n+2)(n+4)) = 16/n² − 96/n³ + …
    let o = try DeepLinearTheory.normalizedSixthCumulantSeries(weights: .orthogonal, order: 4)
    #expect(try o.coefficient(2) == DepthPolynomial(16))
    #expect(try o.coefficient(3) == DepthPolynomial(-96))
    let f = try DeepLinearTheory.normalizedFourthCumulantSeries(weights: .orthogonal, order: 4)
    #expect(f.description == "-2/n + 4/n^2 - 8/n^3 + O(1/n^4)")
  }

  @Test func seriesArithmeticTruncatesAtTheSmallerOrder() throws {
    let x = try InverseWidthSeries.inverseWidth(order: 3)
    let y = try InverseWidthSeries([1, .l], order: 5)
    #expect((x * y).order == 3)
    #expect((x + y).order == 3)
    // (1/n)(1 + l/n) = 1/n + l/n² + O(n^−3)
    #expect(try (x * y).coefficient(2) == .l)
    #expect(throws: CriticalityError.self) { try (x * y).coefficient(3) }
    #expect(throws: CriticalityError.self) { try InverseWidthSeries([], order: 0) }
    #expect(throws: CriticalityError.self) { try InverseWidthSeries.power(y + y, exponent: .l) }
  }
}

@Suite struct SeriesLatexTests {
  @Test func factoredLatexPullsOutRationalRoots() throws {
    // 12 l² − 28 l + 16 = 4 (l − 1)(3 l − 4).
    let p = DepthPolynomial(coefficients: [16, -28, 12])
    #expect(p.factoredLatex() == "4 (l - 1) (3 l - 4)")
    // (1/3) l³ + (2/3) l² = (1/3) l² (l + 2).
    let q = DepthPolynomial(coefficients: [0, 0, try Rational(2, 3), try Rational(1, 3)])
    #expect(q.factoredLatex() == "\\frac{1}{3} l^{2} (l + 2)")
    // l² + 1 has no rational root: kept whole.
    #expect(DepthPolynomial(coefficients: [1, 0, 1]).factoredLatex() == "(l^{2} + 1)")
    #expect(DepthPolynomial(coefficients: [-2, -2]).factoredLatex() == "-2 (l + 1)")
    // The factorization multiplies back to the polynomial.
    let (c, k, factors, rest) = p.rationalFactorization
    var product = DepthPolynomial(c) * rest
    for _ in 0..<k { product = product * .l }
    for (qi, pi) in factors {
      product = product * DepthPolynomial(coefficients: [Rational(-pi), Rational(qi)])
    }
    #expect(product == p)
  }

  @Test func factoredSeriesLatex() throws {
    let four = try DeepLinearTheory.normalizedFourthCumulantSeries(weights: .gaussian, order: 4)
    #expect(
      four.factoredLatex
        == "\\frac{2 (l - 1)}{n} + \\frac{2 (l - 1) (l - 2)}{n^{2}} + \\frac{4 (l - 1) (l - 2) (l - 3)}{3 n^{3}} + O\\!\\left(n^{-4}\\right)"
    )
    let six = try DeepLinearTheory.normalizedSixthCumulantSeries(weights: .gaussian, order: 3)
    #expect(six.factoredLatex == "\\frac{4 (l - 1) (3 l - 4)}{n^{2}} + O\\!\\left(n^{-3}\\right)")
    let orthogonal = try DeepLinearTheory.normalizedFourthCumulantSeries(weights: .orthogonal, order: 3)
    #expect(orthogonal.factoredLatex == "-\\frac{2}{n} + \\frac{4}{n^{2}} + O\\!\\left(n^{-3}\\right)")
  }
}

@Suite struct CumulantSeriesTests {
  @Test func connectedMomentsScaleAsLOverNToTheMMinusOne() throws {
    // κ_{2m} starts at n^{−(m−1)} with a degree-(m−1) polynomial in l (Gaussian weights).
    for m in 2...4 {
      let s = try DeepLinearTheory.normalizedCumulantSeries(2 * m, weights: .gaussian, order: m + 1)
      for k in 0..<(m - 1) { #expect(try s.coefficient(k).isZero, "m = \(m), k = \(k)") }
      #expect(try s.coefficient(m - 1).degree == m - 1)
    }
    // The general recursion reproduces the dedicated 4th and 6th series.
    #expect(
      try DeepLinearTheory.normalizedCumulantSeries(4, weights: .gaussian, order: 4)
        == DeepLinearTheory.normalizedFourthCumulantSeries(weights: .gaussian, order: 4))
    #expect(
      try DeepLinearTheory.normalizedCumulantSeries(6, weights: .orthogonal, order: 4)
        == DeepLinearTheory.normalizedSixthCumulantSeries(weights: .orthogonal, order: 4))
    // Against the exact eighth cumulant at large width: (exact − S_4) n^4 → a_4(l).
    let s = try DeepLinearTheory.normalizedCumulantSeries(8, weights: .gaussian, order: 4)
    let next = try DeepLinearTheory.normalizedCumulantSeries(8, weights: .gaussian, order: 5)
    let n = 3000.0
    let t = try DeepLinearTheory(widths: Array(repeating: 3000, count: 7))
    let exact = try t.normalizedCumulant(8, layer: 6)
    let scaled = (exact - s(n: n, l: 6)) * pow(n, 4)
    #expect(abs(scaled / (try next.coefficient(4))(6.0) - 1) < 0.05)
  }
}
