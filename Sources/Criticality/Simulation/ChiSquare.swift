import Foundation

extension Xoshiro256 {
  /// A Gamma(`shape`, 1) variate, density `x^{a−1} e^{−x} / Γ(a)`, by Marsaglia & Tsang (2000)
  /// for `a ≥ 1` (exact rejection sampler, acceptance > 95%), and `Gamma(a+1) · U^{1/a}` for
  /// `0 < a < 1`. Returns 0 for `a ≤ 0`.
  @inlinable
  public mutating func nextGamma(shape a: Double) -> Double {
    guard a > 0 else { return 0 }
    if a < 1 {
      let u = 1 - nextUniform()  // (0, 1]
      return nextGamma(shape: a + 1) * pow(u, 1 / a)
    }
    let d = a - 1.0 / 3
    let c = 1 / (9 * d).squareRoot()
    while true {
      var x: Double
      var v: Double
      repeat {
        x = nextNormal()
        v = 1 + c * x
      } while v <= 0
      v = v * v * v
      let u = nextUniform()
      let x2 = x * x
      if u < 1 - 0.0331 * x2 * x2 { return d * v }
      if log(u) < 0.5 * x2 + d * (1 - v + log(v)) { return d * v }
    }
  }

  /// A chi-square variate with `dof` degrees of freedom, `Σ_{i<dof} g_i²` in distribution:
  /// `g²` for one degree, `2 Gamma(dof/2)` otherwise; 0 for `dof ≤ 0`.
  @inlinable
  public mutating func nextChiSquare(_ dof: Int) -> Double {
    if dof <= 0 { return 0 }
    if dof == 1 {
      let g = nextNormal()
      return g * g
    }
    return 2 * nextGamma(shape: 0.5 * Double(dof))
  }
}
