import Foundation

/// Globally adaptive Gauss–Kronrod quadrature (the 10-point Gauss / 21-point Kronrod pair of
/// QUADPACK's `qk21`, Piessens et al. 1983, with its error estimate and the `qag` strategy of
/// always bisecting the subinterval with the largest error).
///
/// `∫_a^b f(x) dx` is computed to `max(absoluteTolerance, relativeTolerance |I|)`, but never
/// below the rounding floor `50 ε ∫|f|` (ε the machine epsilon), so a tolerance of 1e-13 is met
/// for smooth integrands and for integrands with finitely many kinks or narrow peaks, provided the
/// initial breakpoints or the first bisections resolve them.
public enum GaussKronrod {
  /// Kronrod abscissae on [-1, 1] (positive half, descending; the last is the midpoint). The odd
  /// entries (1, 3, …, 9) are the 10-point Gauss–Legendre nodes.
  static let nodes: [Double] = [
    0.995657163025808080735527280689003, 0.973906528517171720077964012084452,
    0.930157491355708226001207180059508, 0.865063366688984510732096688423493,
    0.780817726586416897063717578345042, 0.679409568299024406234327365114874,
    0.562757134668604683339000099272694, 0.433395394129247190799265943165784,
    0.294392862701460198131126603103866, 0.148874338981631210884826001129720, 0,
  ]
  /// Kronrod weights matching `nodes`.
  static let kronrodWeights: [Double] = [
    0.011694638867371874278064396062192, 0.032558162307964727478818972459390,
    0.054755896574351996031381300244580, 0.075039674810919952767043140916190,
    0.093125454583697605535065465083366, 0.109387158802297641899210590325805,
    0.123491976262065851077282364312900, 0.134709217311473325928054001771707,
    0.142775938577060080797094273138717, 0.147739104901338491374841515972068,
    0.149445554002916905664936468389821,
  ]
  /// Gauss weights for the nodes `nodes[1], nodes[3], …, nodes[9]`.
  static let gaussWeights: [Double] = [
    0.066671344308688137593568809893332, 0.149451349150580593145776339657697,
    0.219086362515982043995534934228163, 0.269266719309996355091226921569469,
    0.295524224714752870173892994651146,
  ]

  /// One 21-point Kronrod panel on [a, b]: the estimate, QUADPACK's error estimate, and ∫|f|.
  static func panel(_ f: (Double) -> Double, _ a: Double, _ b: Double) -> (
    value: Double, error: Double, absolute: Double
  ) {
    let center = 0.5 * (a + b)
    let half = 0.5 * (b - a)
    return withUnsafeTemporaryAllocation(of: Double.self, capacity: 21) { y in
      // y[2j], y[2j+1] = f(center ∓ half·nodes[j]); y[20] = f(center).
      for j in 0..<10 {
        let dx = half * nodes[j]
        y[2 * j] = f(center - dx)
        y[2 * j + 1] = f(center + dx)
      }
      y[20] = f(center)
      var kronrod = kronrodWeights[10] * y[20]
      var gauss = 0.0
      var absolute = kronrodWeights[10] * abs(y[20])
      for j in 0..<10 {
        let pair = y[2 * j] + y[2 * j + 1]
        kronrod += kronrodWeights[j] * pair
        absolute += kronrodWeights[j] * (abs(y[2 * j]) + abs(y[2 * j + 1]))
        if j % 2 == 1 { gauss += gaussWeights[j / 2] * pair }
      }
      let mean = 0.5 * kronrod
      var asc = kronrodWeights[10] * abs(y[20] - mean)
      for j in 0..<10 {
        asc += kronrodWeights[j] * (abs(y[2 * j] - mean) + abs(y[2 * j + 1] - mean))
      }
      return finish(kronrod: kronrod, gauss: gauss, absolute: absolute, asc: asc, half: half)
    }
  }

  static func finish(kronrod: Double, gauss: Double, absolute: Double, asc: Double, half: Double)
    -> (value: Double, error: Double, absolute: Double)
  {
    var absolute = absolute
    var asc = asc
    let h = abs(half)
    let value = kronrod * half
    absolute *= h
    asc *= h
    var error = abs((kronrod - gauss) * half)
    if asc != 0 && error != 0 { error = asc * min(1, pow(200 * error / asc, 1.5)) }
    if absolute > Double.leastNormalMagnitude / (50 * Double.ulpOfOne) {
      error = max(50 * Double.ulpOfOne * absolute, error)
    }
    return (value, error, absolute)
  }

  /// `∫ f(x) dx` over the union of the intervals `[breakpoints[i], breakpoints[i+1]]`
  /// (breakpoints ascending), refined adaptively until the summed error estimate is below
  /// `max(absoluteTolerance, relativeTolerance |I|, 50 ε ∫|f|)` or `maximumPanels` panels were used.
  ///
  /// - Returns: the integral and the summed QUADPACK error estimate.
  public static func integrate(
    _ f: (Double) -> Double, breakpoints: [Double], relativeTolerance: Double = 1e-13,
    absoluteTolerance: Double = 0, maximumPanels: Int = 2000
  ) -> (value: Double, error: Double) {
    require(breakpoints.count >= 2, "need at least one interval")
    var lower: [Double] = []
    var upper: [Double] = []
    var values: [Double] = []
    var errors: [Double] = []
    var absolutes: [Double] = []
    for i in 0..<(breakpoints.count - 1) where breakpoints[i + 1] > breakpoints[i] {
      let p = panel(f, breakpoints[i], breakpoints[i + 1])
      lower.append(breakpoints[i])
      upper.append(breakpoints[i + 1])
      values.append(p.value)
      errors.append(p.error)
      absolutes.append(p.absolute)
    }
    if values.isEmpty { return (0, 0) }
    while true {
      let total = values.reduce(0, +)
      let totalError = errors.reduce(0, +)
      let totalAbsolute = absolutes.reduce(0, +)
      let tolerance = max(
        absoluteTolerance, relativeTolerance * abs(total), 100 * Double.ulpOfOne * totalAbsolute)
      if totalError <= tolerance || values.count >= maximumPanels { return (total, totalError) }
      var worst = 0
      for i in 1..<errors.count where errors[i] > errors[worst] { worst = i }
      let a = lower[worst]
      let b = upper[worst]
      let m = 0.5 * (a + b)
      if m <= a || m >= b { return (total, totalError) }  // interval at machine resolution
      let left = panel(f, a, m)
      let right = panel(f, m, b)
      upper[worst] = m
      values[worst] = left.value
      errors[worst] = left.error
      absolutes[worst] = left.absolute
      lower.append(m)
      upper.append(b)
      values.append(right.value)
      errors.append(right.error)
      absolutes.append(right.absolute)
    }
  }
}
