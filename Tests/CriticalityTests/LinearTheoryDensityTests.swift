import Criticality
import Foundation
import Testing

/// `K_ν(x)` for half-integer ν from the closed form `K_{1/2}(x) = √(π/2x) e^{−x}` and the
/// recurrence `K_{ν+1} = K_{ν−1} + (2ν/x) K_ν` (DLMF 10.39.2, 10.29.1).
private func besselKHalfInteger(_ twiceNu: Int, _ x: Double) -> Double {
  var previous = (Double.pi / (2 * x)).squareRoot() * exp(-x)  // K_{−1/2} = K_{1/2}
  var current = previous
  var nu = 0.5
  while 2 * nu < Double(twiceNu) {
    (previous, current) = (current, previous + 2 * nu / x * current)
    nu += 1
  }
  return current
}

/// `K_ν(x) = ∫_0^∞ e^{−x cosh t} cosh(νt) dt` (DLMF 10.32.9) by the trapezoidal rule, which
/// converges geometrically for this entire, doubly-exponentially decaying integrand.
private func besselKIntegral(_ nu: Double, _ x: Double) -> Double {
  let h = 0.01
  var s = 0.5 * exp(-x)
  var t = h
  while true {
    let term = exp(-x * cosh(t)) * cosh(nu * t)
    s += term
    if term < 1e-300 || t > 50 { break }
    t += h
  }
  return s * h
}

/// The depth-2 density: `z | s ~ N(0, s)`, `s ~ Gamma(n/2, scale 2G/n)`, so
/// `p(z) = 2 (z²β/2)^{ν/2} K_ν(√(2z²/β)) / (√(2π) Γ(α) β^α)`, `α = n/2`, `β = 2G/n`,
/// `ν = α − 1/2` (the variance-gamma law; Gradshteyn–Ryzhik 3.471.9).
private func depthTwoDensity(_ z: Double, g: Double, n: Int) -> Double {
  let alpha = Double(n) / 2
  let beta = 2 * g / Double(n)
  let nu = alpha - 0.5
  let x = (2 * z * z / beta).squareRoot()
  let k = n % 2 == 0 ? besselKHalfInteger(n - 1, x) : besselKIntegral(nu, x)
  let logPower: Double = 0.5 * nu * log(z * z * beta / 2)
  let logNorm: Double = 0.5 * log(2 * Double.pi) + lgamma(alpha) + alpha * log(beta)
  return exp(log(2.0) + logPower + log(k) - logNorm)
}

/// `∫ z^{2m} p(z) dz = 2 ∫ z^{2m+1} p(z) d(log z)` by the trapezoidal rule in `log z`
/// (geometric convergence; both tails decay at least exponentially in `log z`).
private func evenMomentOfDensity(
  _ p: (Double) throws -> Double, m: Int, scale: Double, from lo: Double, to hi: Double
)
  rethrows -> Double
{
  let h = 0.1
  var s = 0.0
  var w = lo
  while w <= hi {
    let z = scale * exp(w)
    s += pow(z, Double(2 * m + 1)) * (try p(z))
    w += h
  }
  return 2 * s * h
}

@Suite struct LinearTheoryDensityTests {
  @Test func depthOneIsGaussian() throws {
    let t = try DeepLinearTheory(widths: [4, 7], cw: 1.3)
    let g = try t.twoPoint(layer: 1, inputNormSquared: 2)
    for z in [0.0, 1e-200, 1e-8, 0.3, -1.0, 3.0, 8.0, 30.0] {
      let exact = exp(-z * z / (2 * g)) / (2 * Double.pi * g).squareRoot()
      let p = try t.outputDensity(z, layer: 1, inputNormSquared: 2)
      #expect(abs(p / exact - 1) < 1e-11, "z = \(z): \(p) vs \(exact)")
    }
  }

  @Test func depthTwoIsTheBesselKLaw() throws {
    for n1 in [1, 2, 4, 5, 9, 40] {
      let t = try DeepLinearTheory(widths: [3, n1, 2], cw: 1.2)
      let g = try t.twoPoint(layer: 2, inputNormSquared: 1.5)
      for z in [1e-6, 0.01, 0.5, 1.0, -2.0, 5.0, 12.0] {
        let exact = depthTwoDensity(z, g: g, n: n1)
        let p = try t.outputDensity(z, layer: 2, inputNormSquared: 1.5)
        #expect(abs(p / exact - 1) < 1e-10, "n1 = \(n1), z = \(z): \(p) vs \(exact)")
      }
    }
  }

  @Test func depthThreeMatchesAnIntegralOverTheFirstHiddenLayer() throws {
    // p_3(z) = ∫ p_2(z; G x, n_2) f(x) dx with x = χ²_{n_1}/n_1 ~ Gamma(n_1/2, scale 2/n_1):
    // a one-dimensional integral of the closed depth-2 form (trapezoid in log x).
    let (n1, n2) = (6, 4)
    let t = try DeepLinearTheory(widths: [5, n1, n2, 3], cw: 0.9)
    let g = try t.twoPoint(layer: 3, inputNormSquared: 2)
    let a = Double(n1) / 2
    for z in [0.001, 0.2, 1.0, 3.0, 7.0] {
      var s = 0.0
      let h = 0.01
      var v = -40.0
      while v < 5 {
        let x = exp(v)
        let logF = a * log(a) - lgamma(a) + a * v - a * x  // log(f(x) x), scale 1/a
        s += depthTwoDensity(z, g: g * x, n: n2) * exp(logF)
        v += h
      }
      let reference = s * h
      let p = try t.outputDensity(z, layer: 3, inputNormSquared: 2)
      #expect(abs(p / reference - 1) < 1e-10, "z = \(z): \(p) vs \(reference)")
    }
  }

  @Test(arguments: [
    ([3, 5, 3, 4, 6, 2], 1.1, -25.0, 6.0),  // small mixed widths, depth 5
    ([4, 4, 4, 4, 4, 4, 4, 4, 4, 4, 4], 1.0, -25.0, 9.0),  // narrow and deep: heavy tails
  ])
  func densityIntegratesToOneWithExactMoments(widths: [Int], cw: Double, lo: Double, hi: Double) throws {
    let t = try DeepLinearTheory(widths: widths, cw: cw)
    let l = widths.count - 1
    let g = try t.twoPoint(layer: l, inputNormSquared: 1)
    let density = { (z: Double) in try t.outputDensity(z, layer: l, inputNormSquared: 1) }
    for m in 0...2 {
      let integral = try evenMomentOfDensity(density, m: m, scale: g.squareRoot(), from: lo, to: hi)
      let exact = try t.moment(2 * m, layer: l, inputNormSquared: 1)
      #expect(abs(integral / exact - 1) < 1e-9, "\(widths) m = \(m): \(integral) vs \(exact)")
    }
  }

  @Test func depthFiftyAtWidthTenThousand() throws {
    let t = try DeepLinearTheory(widths: Array(repeating: 10_000, count: 51), cw: 1.0)
    let g = try t.twoPoint(layer: 50, inputNormSquared: 10_000)
    let density = { (z: Double) in try t.outputDensity(z, layer: 50, inputNormSquared: 10_000) }
    for m in 0...2 {
      let integral = try evenMomentOfDensity(density, m: m, scale: g.squareRoot(), from: -25, to: 2.6)
      let exact = try t.moment(2 * m, layer: 50, inputNormSquared: 10_000)
      #expect(abs(integral / exact - 1) < 1e-9, "m = \(m): \(integral) vs \(exact)")
    }
    // Close to N(0, G) (corrections O(l/n) = 0.5%), continuous at 0 and symmetric.
    let p0 = try density(0)
    #expect(abs(p0 * (2 * Double.pi * g).squareRoot() - 1) < 0.01)
    #expect(abs(try density(1e-150) / p0 - 1) < 1e-10)
    #expect(try density(-1.7) == density(1.7))
  }

  @Test(arguments: [(10_000, [0.0, 1.0, 3.0, 6.0]), (4, [0.0, 0.5, 20.0])])
  func depthFiftyIsTheDepthFortyNineLawMixedOverTheLastHiddenLayer(n: Int, zOverSqrtG: [Double]) throws {
    // σ_50² = σ_49²(x) · X with X = χ²_n/n ~ Gamma(n/2, scale 2/n) independent, so
    // p_50(z) = ∫ p_49(z; |x|² → |x|² x) f_X(x) dx: the density must be consistent across depths.
    let deep = try DeepLinearTheory(widths: Array(repeating: n, count: 51))
    let shallower = try DeepLinearTheory(widths: Array(repeating: n, count: 50))
    let g = try deep.twoPoint(layer: 50, inputNormSquared: 1)
    let a = Double(n) / 2
    // Trapezoid in v = log x over the bulk of the gamma law (its sd in v is ≈ 1/√a).
    let (lo, hi, h) =
      n > 100 ? (-12 / a.squareRoot(), 12 / a.squareRoot(), 0.1 / a.squareRoot()) : (-30.0, 3.0, 0.02)
    for r in zOverSqrtG {
      let z = r * g.squareRoot()
      var s = 0.0
      var v = lo
      while v <= hi {
        let logF = a * log(a) - lgamma(a) + a * v - a * exp(v)  // log(f_X(x) x)
        s += try shallower.outputDensity(z, layer: 49, inputNormSquared: exp(v)) * exp(logF)
        v += h
      }
      let reference = s * h
      let p = try deep.outputDensity(z, layer: 50, inputNormSquared: 1)
      #expect(abs(p / reference - 1) < 1e-9, "n = \(n), z/√G = \(r): \(p) vs \(reference)")
    }
  }

  @Test func limitAtZero() throws {
    // Finite limit E[(2πσ²)^{−1/2}] = (2πG)^{−1/2} ∏ √(n/2) Γ((n−1)/2)/Γ(n/2), approached
    // continuously; infinite when a hidden width is 1.
    let t = try DeepLinearTheory(widths: [2, 3, 8, 5, 2])
    let g = try t.twoPoint(layer: 4, inputNormSquared: 1)
    var expected = 1 / (2 * Double.pi * g).squareRoot()
    for n in [3, 8, 5] {
      let a = Double(n) / 2
      expected *= a.squareRoot() * exp(lgamma(a - 0.5) - lgamma(a))
    }
    #expect(abs(try t.outputDensity(0, layer: 4, inputNormSquared: 1) / expected - 1) < 1e-13)
    for z in [1e-300, 1e-100, 1e-30] {
      #expect(abs(try t.outputDensity(z, layer: 4, inputNormSquared: 1) / expected - 1) < 1e-10)
    }
    let singular = try DeepLinearTheory(widths: [2, 1, 4])
    #expect(try singular.outputDensity(0, layer: 2, inputNormSquared: 1) == .infinity)
    let small = try singular.outputDensity(1e-6, layer: 2, inputNormSquared: 1)
    let smaller = try singular.outputDensity(1e-12, layer: 2, inputNormSquared: 1)
    // Logarithmic growth: p(1e-12) − p(1e-6) = (6 ln 10) / (π √G) at leading order, G = 1/2.
    #expect(smaller > small && small.isFinite)
    let logSlope = (smaller - small) / (6 * log(10.0))
    #expect(abs(logSlope * Double.pi * 0.5.squareRoot() - 1) < 1e-3)
  }

  @Test func orthogonalDensityIsASphereMarginal() throws {
    for (widths, d) in [([6, 6, 6, 6], 6), ([3, 10, 10], 10), ([100, 3], 100), ([7, 9, 4], 9)] {
      let cw = 1.3
      let t = try DeepLinearTheory(widths: widths, cw: cw, weights: .orthogonal)
      let l = widths.count - 1
      let g = try t.twoPoint(layer: l, inputNormSquared: 2)
      let r2 = g * Double(d)  // E[z²] = R²/d
      for z in [0.0, 0.1, -0.9, 1.5] {
        let y = z * z / r2
        let dd = Double(d)
        let logNorm: Double = lgamma(dd / 2) - lgamma(0.5) - lgamma((dd - 1) / 2)
        let shape: Double = pow(1 - y, (dd - 3) / 2)
        let expected: Double = y < 1 ? exp(logNorm) * shape / r2.squareRoot() : 0
        let p = try t.outputDensity(z, layer: l, inputNormSquared: 2)
        #expect(abs(p - expected) <= 1e-13 * expected, "\(widths) z = \(z)")
      }
    }
  }

  @Test func logNormalRegimeAtLargeDepthAndWidth() throws {
    // Exact mean/variance of log|z|² approach the Hanin–Nica form (mean log E|z|² − β,
    // variance 2β, β = Σ 1/n_k) with corrections O(Σ 1/n_k²).
    let widths = [50] + Array(repeating: 2000, count: 400)
    let t = try DeepLinearTheory(widths: widths, cw: 1.0)
    let exact = try t.logNormSquaredMoments(layer: 400, inputNormSquared: 50)
    let leading = try t.logNormSquaredLeadingOrder(layer: 400, inputNormSquared: 50)
    let beta = 400.0 / 2000
    #expect(abs(leading.variance - 2 * beta) < 1e-14)
    #expect(abs(exact.variance - 2 * beta) < 3 * 400 / (2000.0 * 2000))
    #expect(abs(exact.mean - leading.mean) < 3 * 400 / (2000.0 * 2000))
    // log E|z|² = log(n_L G) = log(2000): mean = log 2000 − β at leading order.
    #expect(abs(leading.mean - (log(2000.0) - beta)) < 1e-12)
    // One component: the χ²_1 of the last layer adds ψ′(1/2) = π²/2 to the variance.
    let one = try t.logComponentSquaredMoments(layer: 400, inputNormSquared: 50)
    #expect(abs(one.variance - (exact.variance - trigammaOf(1000) + Double.pi * Double.pi / 2)) < 1e-10)
  }
}

/// ψ′(x) for large x from its asymptotic series (DLMF 5.15.8), for the test above.
private func trigammaOf(_ x: Double) -> Double { 1 / x + 1 / (2 * x * x) + 1 / (6 * x * x * x) }
