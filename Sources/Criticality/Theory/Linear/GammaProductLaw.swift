import Foundation

/// The law of `U = log Y` for `Y = e^{logScale} ∏_j ∏_{r ≤ m_j} Γ_{j,r}`, a product of
/// independent unit-scale gamma variables `Γ_{j,r} ~ Gamma(a_j)`, evaluated exactly to
/// rounding.
///
/// The density of `Y` is a Meijer G-function `G^{M,0}_{0,M}` (Springer & Thompson 1970;
/// Zavatone-Veth & Pehlevan 2021, eq. 9 for deep linear networks); here it is computed from the
/// inverse Fourier (Mellin–Barnes) integral of the moment generating function of `U`,
///
///     f_U(u) = (1/2π) ∫ exp(K(θ + it) − (θ + it) u) dt,
///     K(s) = log E[Y^s] = s logScale + Σ_j m_j [lgamma(a_j + s) − lgamma(a_j)],
///
/// on the vertical line through the saddle point `θ̂`, `K′(θ̂) = u` (exponential tilting). On
/// that line the integrand is the characteristic function of the tilted law, a positive,
/// unimodal density centred at `u`, so there is no cancellation, and the trapezoidal rule with
/// step `h = c / sqrt(K″(θ̂))` is exact up to aliasing, the tilted density at `u ± 2π/h`:
/// its left tail decays like `e^{−(θ̂ + a_min) v}` and `K″ ≥ (θ̂ + a_min)^{−2}`, so with
/// `c = 0.2` the aliasing is below `e^{−2π/c} ≈ 2e-14` relative, uniformly in `u`. The sum
/// stops where `|E[Y^{θ̂+it}]/E[Y^{θ̂}]|` (decreasing in `|t|`) falls below 1e-18.
/// Accuracy: ~1e-12 relative (set by the log-gamma differences), at every `u` that is finite.
struct GammaProductLaw: Sendable {
  /// Distinct gamma shapes `a_j > 0` with their multiplicities `m_j ≥ 1`.
  var shapes: [(a: Double, multiplicity: Int)]
  /// `log` of the constant scale factor of `Y`.
  var logScale: Double

  /// Groups equal shapes (sorted, so that sums run in a fixed order).
  init(shapes: [Double], logScale: Double) {
    var grouped: [(a: Double, multiplicity: Int)] = []
    for a in shapes.sorted() {
      if let last = grouped.last, last.a == a {
        grouped[grouped.count - 1].multiplicity += 1
      } else {
        grouped.append((a, 1))
      }
    }
    self.shapes = grouped
    self.logScale = logScale
  }

  /// The smallest shape: `K(s)` is finite for `s > −aMin`.
  var aMin: Double { shapes.map(\.a).min()! }

  /// `K(θ) = log E[Y^θ]`, θ > −aMin.
  func cumulantGenerating(_ theta: Double) -> Double {
    shapes.reduce(theta * logScale) { $0 + Double($1.multiplicity) * LinearGamma.logGammaRatio($1.a, theta) }
  }

  /// `K′(θ) = E_θ[U] = logScale + Σ m_j ψ(a_j + θ)`.
  func mean(_ theta: Double) -> Double {
    shapes.reduce(logScale) { $0 + Double($1.multiplicity) * LinearGamma.digamma($1.a + theta) }
  }

  /// `K″(θ) = Var_θ[U] = Σ m_j ψ′(a_j + θ)`.
  func variance(_ theta: Double) -> Double {
    shapes.reduce(0.0) { $0 + Double($1.multiplicity) * LinearGamma.trigamma($1.a + theta) }
  }

  /// The saddle point θ̂ with `K′(θ̂) = u`, as `θ̂ = −aMin + e^w`: bracketing in `w`, then
  /// Newton steps kept inside the bracket. Returns nil if `u` is beyond `K′` at θ ≈ e^{700}.
  func saddlePoint(_ u: Double) -> Double? {
    let a0 = aMin
    func f(_ w: Double) -> Double { mean(-a0 + exp(w)) - u }
    var lo = 0.0
    var hi = 0.0
    if f(0) < 0 {
      hi = 1
      while f(hi) < 0 {
        lo = hi
        hi *= 2
        if hi > 700 { return nil }
      }
    } else {
      lo = -1
      while f(lo) > 0 {
        hi = lo
        lo *= 2
        if lo < -700 { return nil }
      }
    }
    var w = 0.5 * (lo + hi)
    for _ in 0..<200 {
      let theta = -a0 + exp(w)
      let value = mean(theta) - u
      if abs(value) <= 1e-13 * (1 + abs(u)) { break }
      if value < 0 { lo = w } else { hi = w }
      let step = value / (variance(theta) * exp(w))
      var next = w - step
      if !(next > lo && next < hi) { next = 0.5 * (lo + hi) }
      if abs(next - w) <= 1e-15 * max(1, abs(w)) {
        w = next
        break
      }
      w = next
    }
    return -a0 + exp(w)
  }

  /// Relative trapezoid step `h sqrt(K″)`.
  static let stepScale = 0.2

  /// `log f_U(u)`, the log density of `U = log Y` at `u`; −∞ where it underflows the saddle
  /// search (u beyond ±700 e-folds of the law's reach).
  func logDensity(_ u: Double, stepScale: Double = GammaProductLaw.stepScale, cutoff: Double = -41.5)
    -> Double
  {
    guard let theta = saddlePoint(u) else { return -.infinity }
    let h = stepScale / variance(theta).squareRoot()
    let drift = logScale - u
    // S = ½ + Σ_{k≥1} Re exp(K(θ+ikh) − K(θ) − ikhu)
    var sum = 0.5
    var k = 1
    while k < 50_000_000 {
      let t = Double(k) * h
      var re = 0.0
      var im = t * drift
      for s in shapes {
        let d = LinearGamma.logGammaShift(s.a + theta, t)
        re += Double(s.multiplicity) * d.re
        im += Double(s.multiplicity) * d.im
      }
      if re < cutoff { break }
      sum += exp(re) * cos(im)
      k += 1
    }
    guard sum > 0 else { return .nan }
    return cumulantGenerating(theta) - theta * u + log(h * sum / Double.pi)
  }
}
