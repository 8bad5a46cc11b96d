import Criticality
import Foundation
import Testing

/// `E[(χ²_k)^m]` by direct numerical integration of the chi-square density (trapezoid in
/// `v = log x`, exponentially convergent for this smooth, doubly decaying integrand): an
/// independent route to the moments, not the product formula.
private func chiSquareMomentByQuadrature(_ k: Int, _ m: Int) -> Double {
  let a = Double(k) / 2
  let logNorm = -a * log(2.0) - lgamma(a)
  let h = 0.005
  var s = 0.0
  var v = -80.0
  while v < 8 {
    let x = exp(v)
    s += exp(logNorm + (Double(m) + a) * v - x / 2)
    v += h
  }
  return s * h
}

/// `(2m − 1)!!`.
private func doubleFactorial(_ m: Int) -> Double { (0..<m).reduce(1.0) { $0 * Double(2 * $1 + 1) } }

@Suite struct LinearTheoryMomentTests {
  @Test func gaussianMomentsMatchChiSquareQuadrature() throws {
    let widths = [3, 5, 2, 7, 4]
    for cw in [0.5, 1.0, 2.0] {
      let theory = try DeepLinearTheory(widths: widths, cw: cw, weights: .gaussian)
      let x2 = 1.7
      for l in 1...4 {
        for m in 0...4 {
          // E|z^(l−1)|^{2m} = x2^m ∏_{k<l} (cw/n_{k−1})^m E[(χ²_{n_k})^m]
          var norm = pow(x2, Double(m))
          for k in 1..<l {
            norm *= pow(cw / Double(widths[k - 1]), Double(m)) * chiSquareMomentByQuadrature(widths[k], m)
          }
          let expected = doubleFactorial(m) * pow(cw / Double(widths[l - 1]), Double(m)) * norm
          let got = try theory.moment(2 * m, layer: l, inputNormSquared: x2)
          #expect(abs(got / expected - 1) < 1e-11, "cw \(cw) l \(l) m \(m): \(got) vs \(expected)")
          #expect(try theory.moment(2 * m + 1, layer: l, inputNormSquared: x2) == 0)
        }
      }
    }
  }

  @Test func exactRationalMomentsAgreeWithDoubleMoments() throws {
    for weights in [WeightDistribution.gaussian, .orthogonal] {
      let theory = try DeepLinearTheory(widths: [6, 3, 9, 9, 2], cw: 1.3, weights: weights)
      for l in 1...4 {
        let g = try theory.twoPoint(layer: l, inputNormSquared: 2)
        for m in 1...5 {
          let exact = try theory.momentRatio(2 * m, layer: l).doubleValue * pow(g, Double(m))
          let got = try theory.moment(2 * m, layer: l, inputNormSquared: 2)
          #expect(abs(got / exact - 1) < 1e-13)
        }
      }
    }
    // Gaussian at l = 1: exactly (2m − 1)!!.
    let t = try DeepLinearTheory(widths: [4, 4])
    #expect(try t.momentRatio(8, layer: 1) == Rational(105))
    // l = 3, n = 2, 2: E[z⁴]/G² = 3 (1 + 2/2)² = 12.
    let u = try DeepLinearTheory(widths: [2, 2, 2, 2])
    #expect(try u.momentRatio(4, layer: 3) == Rational(12))
  }

  @Test func orthogonalMomentsMatchTheBackwardSphereView() throws {
    // Backward view (independent of the forward formula in the library): z_i = (∏ s_k) ⟨v, x⟩
    // with v = A_1ᵀ⋯A_lᵀ e_i: uniform direction in R^{n_0}, squared length the product of
    // B_k ~ Beta(n_{k−1}/2, (n_k − n_{k−1})/2) over widening layers; so
    // E[z^{2m}] = |x|^{2m} ∏ s_k^{2m} ∏_widening E[B_k^m] E[u_1^{2m}],  u_1 on S^{n_0 − 1}.
    for widths in [[4, 3, 5, 2], [3, 8, 8, 6], [5, 5, 5], [6, 2, 7]] {
      let cw = 1.4
      let theory = try DeepLinearTheory(widths: widths, cw: cw, weights: .orthogonal)
      for l in 1..<widths.count {
        for m in 1...4 {
          var e = pow(2.5, Double(m))
          for k in 1...l {
            let (n, p) = (Double(widths[k]), Double(widths[k - 1]))
            if n > p {
              e *= pow(cw * n / p, Double(m))
              for j in 0..<m { e *= (p / 2 + Double(j)) / (n / 2 + Double(j)) }
            } else {
              e *= pow(cw, Double(m))
            }
          }
          let n0 = Double(widths[0])
          for j in 0..<m { e *= (0.5 + Double(j)) / (n0 / 2 + Double(j)) }
          let got = try theory.moment(2 * m, layer: l, inputNormSquared: 2.5)
          #expect(abs(got / e - 1) < 1e-13, "\(widths) l \(l) m \(m)")
        }
      }
    }
  }

  @Test func twoPointIsExactAtEveryWidth() throws {
    for weights in [WeightDistribution.gaussian, .orthogonal] {
      let theory = try DeepLinearTheory(widths: [3, 1, 6, 2], cw: 1.7, weights: weights)
      for l in 1...3 {
        let g = pow(1.7, Double(l)) * 0.9 / 3
        #expect(abs(try theory.twoPoint(layer: l, inputNormSquared: 0.9) / g - 1) < 1e-15)
        #expect(abs(try theory.moment(2, layer: l, inputNormSquared: 0.9) / g - 1) < 1e-14)
      }
    }
  }

  @Test func lectureRecursionAndConventions() throws {
    let widths = [10, 32, 8, 16, 32]
    let cw = 1.1
    let theory = try DeepLinearTheory(widths: widths, cw: cw)
    let recursion = try theory.lectureFourPointRecursion(layer: 4, inputNormSquared: 3)
    #expect(recursion.count == 4)
    for l in 1...4 {
      let g4 = try theory.fourPoint(layer: l, inputNormSquared: 3)
      #expect(abs(recursion[l - 1] / g4 - 1) < 1e-13)
      // E[z⁴] = 3 G4 and κ4 = 3 (G4 − G²) = 3 × connected four-point (per pairing).
      let g = try theory.twoPoint(layer: l, inputNormSquared: 3)
      let m4 = try theory.moment(4, layer: l, inputNormSquared: 3)
      #expect(abs(m4 / (3 * g4) - 1) < 1e-14)
      let connected = try theory.connectedFourPoint(layer: l, inputNormSquared: 3)
      if l > 1 { #expect(abs(connected / (g4 - g * g) - 1) < 1e-10) }
      #expect(abs(try theory.fourthCumulant(layer: l, inputNormSquared: 3) - 3 * connected) < 1e-14 * m4)
      #expect(abs(try theory.normalizedFourthCumulant(layer: l) - connected / (g * g)) < 1e-14)
    }
    #expect(throws: CriticalityError.self) {
      try DeepLinearTheory(widths: widths, weights: .orthogonal).lectureFourPointRecursion(
        layer: 2, inputNormSquared: 1)
    }
  }

  @Test func normalizedFourthCumulantAndItsLeadingOrder() throws {
    // n = 32, l = 20: exact (34/32)^19 − 1 ≈ 2.16, about twice 2(l − 1)/n = 1.19.
    let t = try DeepLinearTheory(widths: Array(repeating: 32, count: 21))
    let exact = try t.normalizedFourthCumulant(layer: 20)
    #expect(abs(exact - (pow(34.0 / 32.0, 19.0) - 1)) < 1e-14)
    let leading = try t.normalizedFourthCumulantLeadingOrder(layer: 20)
    #expect(abs(leading - 2.0 * 19 / 32) < 1e-15)
    #expect(exact / leading > 1.8 && exact / leading < 1.9)
    // At l ≪ n the leading order is accurate: relative gap ≈ (l − 2)/n.
    let wide = try DeepLinearTheory(widths: Array(repeating: 100_000, count: 6))
    let ratio =
      try wide.normalizedFourthCumulant(layer: 5) / wide.normalizedFourthCumulantLeadingOrder(layer: 5)
    #expect(abs(ratio - 1 - 3.0 / 100_000) < 1e-7)
    // Sixth: 4(l−1)(3l−4)/n² at leading order; the exact value approaches it at large n.
    let s6 = try wide.normalizedSixthCumulant(layer: 5)
    #expect(abs(s6 / (4.0 * 4 * 11 / 1e10) - 1) < 1e-3)
    #expect(abs(try wide.normalizedSixthCumulantLeadingOrder(layer: 5) - 4.0 * 4 * 11 / 1e10) < 1e-22)
    // The general cumulant routine agrees with the dedicated ones.
    let mid = try DeepLinearTheory(widths: [5, 7, 6, 9])
    #expect(abs(try mid.normalizedCumulant(4, layer: 3) - mid.normalizedFourthCumulant(layer: 3)) < 1e-13)
    #expect(abs(try mid.normalizedCumulant(6, layer: 3) - mid.normalizedSixthCumulant(layer: 3)) < 1e-12)
    // l = 1 is Gaussian: all cumulants beyond the second vanish.
    #expect(abs(try mid.normalizedCumulant(8, layer: 1)) < 1e-12)
  }

  @Test func orthogonalSquareFourthCumulantIsMinusTwoOverNPlusTwo() throws {
    for n in [2, 5, 32, 1000] {
      let t = try DeepLinearTheory(widths: Array(repeating: n, count: 8), cw: 2.0, weights: .orthogonal)
      for l in [1, 3, 7] {
        let expected = -2.0 / Double(n + 2)
        #expect(abs(try t.normalizedFourthCumulant(layer: l) / expected - 1) < 1e-13)
        #expect(abs(try t.normalizedFourthCumulantLeadingOrder(layer: l) + 2.0 / Double(n)) < 1e-15)
        let nn = Double(n)
        #expect(abs(try t.normalizedSixthCumulant(layer: l) - 16 / ((nn + 2) * (nn + 4))) < 1e-14)
      }
    }
  }

  @Test func invalidArgumentsThrow() throws {
    #expect(throws: CriticalityError.self) { try DeepLinearTheory(widths: [4]) }
    #expect(throws: CriticalityError.self) { try DeepLinearTheory(widths: [4, 0, 3]) }
    #expect(throws: CriticalityError.self) { try DeepLinearTheory(widths: [4, 3], cw: 0) }
    #expect(throws: CriticalityError.self) { try DeepLinearTheory(widths: [4, 3], cw: .nan) }
    let t = try DeepLinearTheory(widths: [4, 3, 3])
    #expect(throws: CriticalityError.self) { try t.moment(4, layer: 0, inputNormSquared: 1) }
    #expect(throws: CriticalityError.self) { try t.moment(4, layer: 3, inputNormSquared: 1) }
    #expect(throws: CriticalityError.self) { try t.moment(-2, layer: 1, inputNormSquared: 1) }
    #expect(throws: CriticalityError.self) { try t.twoPoint(layer: 1, inputNormSquared: -1) }
    #expect(throws: CriticalityError.self) { try t.normalizedFourthCumulant(layer: 5) }
    #expect(throws: CriticalityError.self) { try t.outputDensity(0.1, layer: 1, inputNormSquared: 0) }
    #expect(throws: CriticalityError.self) { try t.outputDensity(.infinity, layer: 1, inputNormSquared: 1) }
    let mixed = try DeepLinearTheory(widths: [10, 5, 20], weights: .orthogonal)
    #expect(throws: CriticalityError.self) { try mixed.outputDensity(0.1, layer: 2, inputNormSquared: 1) }
  }
}
