import Criticality
import Foundation
import Testing

/// Error bars are honest: over many seeds about 68% of estimates fall within one error bar of
/// the exact value (and about 95% within two).
@Suite struct SimulationCalibrationTests {
  /// Exact moments of a deep linear Gaussian network without biases, one input, from the
  /// chi-square chain `G_l = (C_w/n_{l−1}) G_{l−1} χ²_{n_l}`:
  /// `E[z²] = C_w^L |x|²/n₀`, `E[G_l²] = (C_w/n_{l−1})² n_l (n_l+2) E[G_{l−1}²]`,
  /// `E[z⁴] = 3 E[G_L²]/(n_L (n_L+2))`; and PDLT's `E[z⁴]/(3E[z²]²) − 1 = Π_{l<L} (1 + 2/n_l) − 1`.
  static func exactDeepLinear(widths n: [Int], cw: Double, x2: Double) -> (m2: Double, m4: Double, r: Double)
  {
    let depth = n.count - 1
    var g2 = x2 * x2
    for l in 1...depth { g2 *= (cw / Double(n[l - 1])) * (cw / Double(n[l - 1])) * Double(n[l] * (n[l] + 2)) }
    let m2 = pow(cw, Double(depth)) * x2 / Double(n[0])
    let m4 = 3 * g2 / Double(n[depth] * (n[depth] + 2))
    var r = 1.0
    for l in 1..<depth { r *= 1 + 2 / Double(n[l]) }
    return (m2, m4, r - 1)
  }

  static func coverage(_ estimates: [Estimate], _ exact: Double, sigmas: Double) -> Double {
    Double(estimates.filter { abs($0.value - exact) <= sigmas * $0.error }.count) / Double(estimates.count)
  }

  /// With `runs` seeds the one-sigma coverage has sd sqrt(0.68·0.32/runs): accept ±3.5 sd. The
  /// two-sigma coverage only has to exceed 88%: moments of moderately sized ensembles are
  /// skewed (heavy right tails of z⁴), which costs a few percent of 2σ coverage at finite N
  /// even with exact error bars.
  static func expectCalibrated(_ estimates: [Estimate], _ exact: Double, _ label: String) {
    let runs = Double(estimates.count)
    let one = coverage(estimates, exact, sigmas: 1)
    let two = coverage(estimates, exact, sigmas: 2)
    #expect(abs(one - 0.6827) < 3.5 * (0.6827 * 0.3173 / runs).squareRoot(), "\(label): 1σ coverage \(one)")
    #expect(two > 0.88, "\(label): 2σ coverage \(two)")
  }

  @Test func exactSamplerErrorBars() throws {
    let widths = [3, 30, 25, 30]
    let x: [Double] = [1, 2, -1]
    let net = MLP(widths: widths, activation: .linear, cw: 1.2, cb: 0)
    let exact = Self.exactDeepLinear(widths: widths, cw: 1.2, x2: 6)
    var m2: [Estimate] = []
    var m4: [Estimate] = []
    var r: [Estimate] = []
    var c: [Estimate] = []
    for seed in 0..<240 {
      let ens = try net.ensemble(inputs: [x], samples: 800, seed: UInt64(seed), method: .exact, threads: 1)
      m2.append(ens.moment(2, layer: 3))
      m4.append(ens.moment(4, layer: 3))
      r.append(ens.normalizedFourthCumulant(layer: 3))
      c.append(ens.fourthCumulant(layer: 3))
    }
    Self.expectCalibrated(m2, exact.m2, "E[z²]")
    Self.expectCalibrated(m4, exact.m4, "E[z⁴]")
    Self.expectCalibrated(r, exact.r, "normalized fourth cumulant")
    Self.expectCalibrated(c, exact.m4 - 3 * exact.m2 * exact.m2, "fourth cumulant")
  }

  @Test func bruteForceErrorBars() throws {
    let widths = [3, 10, 10]
    let x: [Double] = [1, 2, -1]
    let net = MLP(widths: widths, activation: .linear, cw: 1, cb: 0)
    let exact = Self.exactDeepLinear(widths: widths, cw: 1, x2: 6)
    var m4: [Estimate] = []
    var r: [Estimate] = []
    for seed in 0..<150 {
      let ens = try net.ensemble(inputs: [x], samples: 300, seed: UInt64(1000 + seed), threads: 1)
      m4.append(ens.moment(4, layer: 2))
      r.append(ens.normalizedFourthCumulant(layer: 2))
    }
    Self.expectCalibrated(m4, exact.m4, "brute E[z⁴]")
    Self.expectCalibrated(r, exact.r, "brute normalized fourth cumulant")
  }

  @Test func jackknifeOfAMeanIsTheStandardError() {
    // For f = identity the delete-one jackknife reproduces s/√N exactly.
    let x: [Double] = [0.3, -1.2, 2.5, 0.7, 0.1, -0.4, 1.9]
    let jack = Estimate.jackknife([x]) { $0[0] }
    let plain = Estimate.mean(of: x)
    #expect(abs(jack.value - plain.value) < 1e-14)
    #expect(abs(jack.error - plain.error) < 1e-14)
    let mean = x.reduce(0, +) / 7
    let sd = (x.map { ($0 - mean) * ($0 - mean) }.reduce(0, +) / 6).squareRoot()
    #expect(abs(plain.error - sd / 7.0.squareRoot()) < 1e-14)
  }
}
