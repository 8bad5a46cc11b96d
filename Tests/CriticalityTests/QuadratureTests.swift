import Criticality
import Foundation
import Testing

/// Relative difference `|a − b| / |b|`.
func relativeError(_ a: Double, _ b: Double) -> Double { abs(a - b) / abs(b) }

@Suite struct QuadratureTests {
  @Test func gaussKronrodIntegratesKnownIntegrals() {
    // Smooth, endpoint-singular (√x) and kinked (|x − 1/3|) integrands.
    let sine = GaussKronrod.integrate({ sin($0) }, breakpoints: [0, Double.pi])
    #expect(relativeError(sine.value, 2) < 1e-14)
    let root = GaussKronrod.integrate({ $0.squareRoot() }, breakpoints: [0, 1])
    #expect(relativeError(root.value, 2.0 / 3) < 1e-12)
    let kink = GaussKronrod.integrate({ abs($0 - 1.0 / 3) }, breakpoints: [0, 1])
    #expect(relativeError(kink.value, (1.0 / 9 + 4.0 / 9) / 2) < 1e-12)
  }

  @Test(arguments: [1e-3, 0.1, 1.0, 10.0, 100.0])
  func gaussianMomentsMatchClosedForms(K: Double) {
    let m2 = GaussianIntegral.expectation(variance: K) { $0 * $0 }
    let m4 = GaussianIntegral.expectation(variance: K) { $0 * $0 * $0 * $0 }
    let absolute = GaussianIntegral.expectation(variance: K) { abs($0) }
    #expect(relativeError(m2, K) < 1e-12)
    #expect(relativeError(m4, 3 * K * K) < 1e-12)
    #expect(relativeError(absolute, (2 * K / Double.pi).squareRoot()) < 1e-12)
  }

  @Test(arguments: [1e-3, 0.1, 1.0, 10.0, 100.0])
  func reluQuadratureMatchesArcCosine(K: Double) {
    // ReLU through the generic quadrature path (a custom activation) against the arc-cosine
    // kernel of Cho & Saul (2009), written out here independently of the library.
    let relu = Activation.custom(name: "relu", function: { max(0, $0) }, derivative: { $0 > 0 ? 1 : 0 })
    let moments = ActivationMoments(relu)
    #expect(relativeError(moments.sigmaSquared(K), K / 2) < 1e-12)
    #expect(relativeError(moments.derivativeSquared(K), 0.5) < 1e-12)
    for (rho, ratio) in [(0.3, 2.0), (-0.7, 0.5), (0.95, 1.0)] {
      let k11 = K
      let k22 = ratio * K
      let k12 = rho * (k11 * k22).squareRoot()
      let theta = acos(rho)
      let exact = (k11 * k22).squareRoot() / (2 * Double.pi) * (sin(theta) + (Double.pi - theta) * rho)
      let quadrature = moments.sigmaSigma(k11: k11, k12: k12, k22: k22)
      #expect(relativeError(quadrature, exact) < 1e-10, "ρ = \(rho), K = \(K)")
      let closed = ActivationMoments(.relu).sigmaSigma(k11: k11, k12: k12, k22: k22)
      #expect(relativeError(closed, exact) < 1e-13)
    }
  }

  @Test(arguments: [1e-3, 0.1, 1.0, 10.0, 100.0])
  func geluClosedFormsMatchQuadrature(K: Double) {
    // Stein's lemma: E[z Φ(z)] = K E[φ(z)] = K / √(2π(1+K)).
    let gelu = Activation.gelu
    let mean = GaussianIntegral.expectation(variance: K) { gelu($0) }
    #expect(relativeError(mean, K / (2 * Double.pi * (1 + K)).squareRoot()) < 1e-12)
    // The library's closed forms for GELU against quadrature of the same σ as a custom
    // activation.
    let custom = Activation.custom(
      name: "gelu-q", function: { Activation.gelu($0) }, derivative: { Activation.gelu.derivative($0) })
    let closed = ActivationMoments(.gelu)
    let numeric = ActivationMoments(custom)
    #expect(relativeError(closed.sigmaSquared(K), numeric.sigmaSquared(K)) < 1e-11)
    #expect(relativeError(closed.derivativeSquared(K), numeric.derivativeSquared(K)) < 1e-11)
    #expect(relativeError(closed.zSigmaDerivative(K), numeric.zSigmaDerivative(K)) < 1e-11)
  }

  /// 40-digit references computed with mpmath's tanh-sinh quadrature (`mp.dps = 40`):
  /// `(K, ⟨tanh²⟩, ⟨sech⁴⟩, ⟨z tanh sech²⟩)`.
  static let tanhReferences: [(Double, Double, Double, Double)] = [
    (1e-3, 0.00099800564609165084195, 0.99800696883297488694, 0.0009960169177911079625),
    (0.1, 0.084213928421107241632, 0.84920706840647201112, 0.071604906206163051661),
    (1, 0.39429449039784117442, 0.46440290244826824197, 0.18179768814048707475),
    (10, 0.75726627692131836826, 0.16557242076970865957, 0.11249816151762715225),
    (100, 0.92053686343051667121, 0.053106787748115834101, 0.039409010538084473129),
  ]

  @Test func tanhExpectationsMatchHighPrecisionReferences() {
    let m = ActivationMoments(.tanh)
    for (K, s2, d2, zsd) in Self.tanhReferences {
      #expect(relativeError(m.sigmaSquared(K), s2) < 1e-10, "K = \(K)")
      #expect(relativeError(m.derivativeSquared(K), d2) < 1e-10, "K = \(K)")
      #expect(relativeError(m.zSigmaDerivative(K), zsd) < 1e-10, "K = \(K)")
    }
  }

  @Test func sigmoidExpectationsMatchHighPrecisionReferences() {
    let m = ActivationMoments(.sigmoid)
    let references: [(Double, Double, Double, Double)] = [
      (1e-3, 0.25006246877211525684, 0.062468777313191831636, 0.000062437566325633123329),
      (1, 0.29337903585809296274, 0.044836241350194371793, 0.031198241979629596747),
      (100, 0.46074043989063592308, 0.0066066455035341532991, 0.019015645592042143808),
    ]
    for (K, s2, d2, zsd) in references {
      #expect(relativeError(m.sigmaSquared(K), s2) < 1e-10, "K = \(K)")
      #expect(relativeError(m.derivativeSquared(K), d2) < 1e-10, "K = \(K)")
      #expect(relativeError(m.zSigmaDerivative(K), zsd) < 1e-10, "K = \(K)")
    }
  }

  @Test func twoDimensionalTanhMatchesHighPrecisionReferences() {
    // mpmath nested quadrature, 25 digits: ⟨tanh tanh⟩ and ⟨sech² sech²⟩.
    let m = ActivationMoments(.tanh)
    let references: [(Double, Double, Double, Double, Double)] = [
      (1, 0.8, 2, 0.238507095008758785, 0.314044239073211883),
      (10, -3, 50, -0.0817289505813318422, 0.0273938921687342708),
    ]
    for (k11, k12, k22, ss, dd) in references {
      #expect(relativeError(m.sigmaSigma(k11: k11, k12: k12, k22: k22), ss) < 1e-10)
      #expect(relativeError(m.derivativeDerivative(k11: k11, k12: k12, k22: k22), dd) < 1e-10)
    }
  }
}
