import Foundation

/// Gamma-function pieces for the exact deep-linear-network theory: ψ, ψ′ and differences of
/// log-gamma along real and complex shifts, computed as differences (never as differences of
/// two large `lgamma` values) so that `lgamma(5000 + θ + it) − lgamma(5000)` keeps ~1e-14
/// absolute accuracy. Namespaced to keep the module's internal names free.
enum LinearGamma {
  /// Stirling coefficients `B_{2k} / (2k (2k − 1))`, k = 1…8 (DLMF 5.11.1).
  static let stirling: [Double] = [
    1.0 / 12, -1.0 / 360, 1.0 / 1260, -1.0 / 1680, 1.0 / 1188, -691.0 / 360_360, 1.0 / 156,
    -3617.0 / 122_400,
  ]

  /// Arguments at or above this use the asymptotic series directly (error < 1e-17).
  static let asymptoticThreshold = 12.0

  /// The digamma function ψ(x) = Γ′(x)/Γ(x) for x > 0: upward recurrence
  /// ψ(x) = ψ(x + 1) − 1/x to x ≥ 12, then DLMF 5.11.2. Relative accuracy ~1e-15.
  static func digamma(_ x: Double) -> Double {
    var x = x
    var shift = 0.0
    while x < asymptoticThreshold {
      shift -= 1 / x
      x += 1
    }
    let r = 1 / (x * x)
    // Σ B_{2k} / (2k x^{2k}), k = 1…7.
    let tail =
      r
      * (1.0 / 12
        - r * (1.0 / 120 - r * (1.0 / 252 - r * (1.0 / 240 - r * (1.0 / 132 - r * (691.0 / 32760 - r / 12))))))
    return shift + log(x) - 0.5 / x - tail
  }

  /// The trigamma function ψ′(x) for x > 0: ψ′(x) = ψ′(x + 1) + 1/x² to x ≥ 12, then
  /// DLMF 5.15.8. Relative accuracy ~1e-15.
  static func trigamma(_ x: Double) -> Double {
    var x = x
    var shift = 0.0
    while x < asymptoticThreshold {
      shift += 1 / (x * x)
      x += 1
    }
    let r = 1 / (x * x)
    // 1/x + 1/(2x²) + Σ B_{2k} / x^{2k+1}, k = 1…7.
    let tail =
      (1.0 / 6
        - r * (1.0 / 30 - r * (1.0 / 42 - r * (1.0 / 30 - r * (5.0 / 66 - r * (691.0 / 2730 - r * 7.0 / 6))))))
      * r / x
    return shift + 1 / x + 0.5 * r + tail
  }

  /// `lgamma(x + θ) − lgamma(x)` for x > 0, x + θ > 0, without cancellation at large x
  /// (Stirling difference for both arguments ≥ 12, DLMF 5.11.1).
  static func logGammaRatio(_ x: Double, _ theta: Double) -> Double {
    let y = x + theta
    if x >= asymptoticThreshold && y >= asymptoticThreshold {
      var series = 0.0
      var px = 1 / x
      var py = 1 / y
      let rx = px * px
      let ry = py * py
      for c in stirling {
        series += c * (py - px)
        px *= rx
        py *= ry
      }
      return (x - 0.5) * log1p(theta / x) + theta * log(y) - theta + series
    }
    return lgamma(y) - lgamma(x)
  }

  /// `lgamma(x + i t) − lgamma(x)` for x > 0 (real and imaginary parts; the imaginary part is
  /// continuous in t, though only `exp` of it is used). Downward-shifted to x ≥ 12 by
  /// `lgamma(s) = lgamma(s + N) − Σ_{j<N} log(s + j)`, each log difference taken as
  /// `½ log1p((t/(x+j))²) + i atan2(t, x + j)`; then the Stirling difference. Absolute accuracy
  /// ~1e-14 for |t| up to thousands.
  static func logGammaShift(_ x: Double, _ t: Double) -> (re: Double, im: Double) {
    var x = x
    var re = 0.0
    var im = 0.0
    while x < asymptoticThreshold {
      let tau = t / x
      re -= 0.5 * log1p(tau * tau)
      im -= atan2(t, x)
      x += 1
    }
    let tau = t / x
    let logModulusRatio = 0.5 * log1p(tau * tau)  // log|x + it| − log x
    let argument = atan2(t, x)
    let logModulus = log(x) + logModulusRatio
    re += (x - 0.5) * logModulusRatio - t * argument
    im += (x - 0.5) * argument + t * logModulus - t
    // Σ c_k [(x + it)^{1−2k} − x^{1−2k}]
    let d = x * x + t * t
    let inverseRe = x / d
    let inverseIm = -t / d
    let inverseSquareRe = inverseRe * inverseRe - inverseIm * inverseIm
    let inverseSquareIm = 2 * inverseRe * inverseIm
    var pRe = inverseRe
    var pIm = inverseIm
    var px = 1 / x
    let rx = px * px
    for c in stirling {
      re += c * (pRe - px)
      im += c * pIm
      (pRe, pIm) = (
        pRe * inverseSquareRe - pIm * inverseSquareIm, pRe * inverseSquareIm + pIm * inverseSquareRe
      )
      px *= rx
    }
    return (re, im)
  }
}
