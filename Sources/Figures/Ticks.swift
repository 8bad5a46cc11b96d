import Foundation

/// A labelled tick: its value and its label in the label syntax of ``MathText``
/// (`0.3`, `−2.5`, `10^{−3}`, `2×10^{5}`), with the minus sign U+2212.
public struct Tick: Sendable, Hashable {
  /// Where the tick is, in data units.
  public var value: Double
  /// What is written at it.
  public var label: String
}

/// Tick positions and labels of one axis.
public struct AxisTicks: Sendable, Hashable {
  /// The labelled ticks, in increasing order of value.
  public var major: [Tick]
  /// Unlabelled minor tick positions (never at a major tick).
  public var minor: [Double]

  /// "Nice numbers" ticks for a linear axis on `[lo, hi]`: the step is `m·10^e` with
  /// `m ∈ {1, 2, 5}` chosen so that about `targetCount` ticks fall in the range; tick `k` is
  /// the double nearest to the decimal `k·m·10^e` and its label is that decimal written
  /// exactly, with `max(0, −e)` decimals (so `0.3`, never `0.30000000000000004`). Labels of
  /// ticks with magnitude `≥ 10^5` or `< 10^−3` switch to `a×10^{q}`. Minor ticks split each
  /// step in 5 (4 for `m = 2`). An empty or non-finite range gives no ticks.
  public static func linear(from lo: Double, to hi: Double, targetCount: Int = 6) -> AxisTicks {
    guard lo.isFinite, hi.isFinite, hi > lo else { return AxisTicks(major: [], minor: []) }
    let raw = (hi - lo) / Double(max(1, targetCount))
    var e = Int(floor(log10(raw)))
    let f = raw / pow(10, Double(e))
    var m: Int
    switch f {
    case ..<1.5: m = 1
    case ..<3: m = 2
    case ..<7: m = 5
    default:
      m = 1
      e += 1
    }
    let step = NumberFormatting.value(mantissa: m, exponent: e)
    let kLo = (lo / step - 1e-9).rounded(.up)
    let kHi = (hi / step + 1e-9).rounded(.down)
    guard abs(kLo) < 1e15, abs(kHi) < 1e15, kHi >= kLo else {
      return AxisTicks(major: [], minor: [])
    }
    let mantissas = (Int(kLo)...Int(kHi)).map { $0 * m }
    let useScientific = mantissas.contains { mantissa in
      guard mantissa != 0 else { return false }
      let q = String(mantissa.magnitude).count - 1 + e
      return q >= 5 || q < -3
    }
    let major = mantissas.map { mantissa in
      Tick(
        value: NumberFormatting.value(mantissa: mantissa, exponent: e),
        label: useScientific
          ? scientificLabel(mantissa: mantissa, exponent: e)
          : minusSign(NumberFormatting.decimal(mantissa: mantissa, exponent: e)))
    }
    // Minor ticks: 2·10^(e−1) for m = 1, 5·10^(e−1) for m = 2, 1·10^e for m = 5.
    let (minorMantissa, minorExponent, ratio) = m == 1 ? (2, e - 1, 5) : m == 2 ? (5, e - 1, 4) : (1, e, 5)
    let minorStep = NumberFormatting.value(mantissa: minorMantissa, exponent: minorExponent)
    let jLo = Int((lo / minorStep - 1e-9).rounded(.up))
    let jHi = Int((hi / minorStep + 1e-9).rounded(.down))
    var minor: [Double] = []
    if jHi >= jLo {
      for j in jLo...jHi where j % ratio != 0 {
        minor.append(NumberFormatting.value(mantissa: j * minorMantissa, exponent: minorExponent))
      }
    }
    return AxisTicks(major: major, minor: minor)
  }

  /// Ticks for a logarithmic axis on `[lo, hi]` (`0 < lo < hi`). Up to three decades in
  /// range (and few enough for `targetCount`) are labelled at `1, 2, 5 × 10^d` in decimals
  /// (`0.02`, `0.05`, `0.1`; `2×10^{−5}` beyond 10^−3…10^4). Otherwise: labelled decades `10^{d}`
  /// (every `s`-th decade, `s ∈ {1, 2, 3, 5, 10, …}`, when more than about `targetCount`
  /// decades are in range) with minor ticks at `2…9 × 10^d` (or at the skipped decades). A
  /// range holding fewer than two decades gets ``linear(from:to:targetCount:)`` labels at
  /// logarithmic positions, with the `2…9 × 10^d` minor ticks.
  public static func logarithmic(from lo: Double, to hi: Double, targetCount: Int = 6)
    -> AxisTicks
  {
    guard lo.isFinite, hi.isFinite, lo > 0, hi > lo else { return AxisTicks(major: [], minor: []) }
    let a = log10(lo)
    let b = log10(hi)
    let dLo = Int((a - 1e-9).rounded(.up))
    let dHi = Int((b + 1e-9).rounded(.down))
    let decadeCount = dHi - dLo + 1
    func inRange(_ v: Double) -> Bool { v >= lo * (1 - 1e-12) && v <= hi * (1 + 1e-12) }
    var subdecades: [Double] = []
    if b - a <= 12 {
      for d in Int(a.rounded(.down))...max(Int(a.rounded(.down)), dHi) {
        for j in 2...9 {
          let v = NumberFormatting.value(mantissa: j, exponent: d)
          if inRange(v) { subdecades.append(v) }
        }
      }
    }
    guard decadeCount >= 2 else {
      let linearTicks = linear(from: lo, to: hi, targetCount: max(3, targetCount / 2))
      let major = linearTicks.major.filter { $0.value > 0 }
      let majorValues = Set(major.map(\.value))
      return AxisTicks(major: major, minor: subdecades.filter { !majorValues.contains($0) })
    }
    // Two or three decades: label 1, 2 and 5 × 10^d when that stays within the target.
    if decadeCount <= 3 && 3 * (b - a) <= Double(targetCount + 2) {
      var major: [Tick] = []
      var minor: [Double] = []
      let useScientific = dLo < -3 || dHi > 4
      for d in Int(a.rounded(.down))...dHi {
        for j in 1...9 {
          let v = NumberFormatting.value(mantissa: j, exponent: d)
          guard inRange(v) else { continue }
          if j == 1 || j == 2 || j == 5 {
            let label =
              useScientific
              ? (j == 1 ? "10^{" + minusSign(String(d)) + "}" : scientificLabel(mantissa: j, exponent: d))
              : minusSign(
                NumberFormatting.decimal(mantissa: j, exponent: min(0, d))
                  + (d > 0 ? String(repeating: "0", count: d) : ""))
            major.append(Tick(value: v, label: label))
          } else {
            minor.append(v)
          }
        }
      }
      return AxisTicks(major: major, minor: minor)
    }
    let strides = [1, 2, 3, 5, 10, 20, 25, 50, 100]
    let s = strides.first { (decadeCount + $0 - 1) / $0 <= max(2, targetCount + 1) } ?? 100
    var major: [Tick] = []
    var minor: [Double] = []
    for d in dLo...dHi {
      let v = NumberFormatting.value(mantissa: 1, exponent: d)
      if ((d % s) + s) % s == 0 {
        major.append(Tick(value: v, label: "10^{" + minusSign(String(d)) + "}"))
      } else {
        minor.append(v)
      }
    }
    if s == 1 { minor = subdecades }
    return AxisTicks(major: major, minor: minor)
  }

  /// `a×10^{q}` with `1 ≤ |a| < 10` written exactly, trailing zeros of `a` dropped.
  static func scientificLabel(mantissa: Int, exponent: Int) -> String {
    if mantissa == 0 { return "0" }
    let digits = String(mantissa.magnitude).count
    let q = digits - 1 + exponent
    var a = NumberFormatting.decimal(mantissa: mantissa, exponent: -(digits - 1))
    if a.contains(".") {
      while a.hasSuffix("0") { a.removeLast() }
      if a.hasSuffix(".") { a.removeLast() }
    }
    return minusSign(a) + "×10^{" + minusSign(String(q)) + "}"
  }

  static func minusSign(_ s: String) -> String { s.replacingOccurrences(of: "-", with: "−") }
}
