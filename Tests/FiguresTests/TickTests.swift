import Figures
import Foundation
import Testing

/// The tick rule, checked against properties any correct rule must have rather than against
/// its own output: ticks in range, evenly spaced by 1, 2 or 5 × 10^e, labels that read back as
/// exactly the tick value (no floating-point noise), a sensible count.
@Suite struct TickTests {
  /// The number a label denotes: `−0.3` → -0.3, `2×10^{−6}` → 2e-6, `10^{3}` → 1000.
  func number(_ label: String) -> Double? {
    let s = label.replacingOccurrences(of: "−", with: "-")
    if let times = s.range(of: "×10^{") {
      guard let a = Double(s[..<times.lowerBound]), let q = Int(s[times.upperBound...].dropLast()) else {
        return nil
      }
      return Double("\(a)e\(q)")
    }
    if s.hasPrefix("10^{") { return Int(s.dropFirst(4).dropLast()).flatMap { Double("1e\($0)") } }
    return Double(s)
  }

  func checkLinear(
    _ lo: Double, _ hi: Double, target: Int = 6, sourceLocation: SourceLocation = #_sourceLocation
  ) {
    let ticks = AxisTicks.linear(from: lo, to: hi, targetCount: target)
    let values = ticks.major.map(\.value)
    #expect(values.count >= 2, "too few ticks for \(lo)…\(hi): \(values)", sourceLocation: sourceLocation)
    #expect(values.count <= 2 * target + 1, "too many ticks for \(lo)…\(hi)", sourceLocation: sourceLocation)
    let slack = (hi - lo) * 1e-9
    #expect(
      values.allSatisfy { $0 >= lo - slack && $0 <= hi + slack }, "tick outside \(lo)…\(hi)",
      sourceLocation: sourceLocation)
    guard values.count >= 2 else { return }
    let step = values[1] - values[0]
    // The step is 1, 2 or 5 times a power of ten.
    let e = floor(log10(step))
    let m = (step / pow(10, e)).rounded()
    #expect(
      [1, 2, 5, 10].contains(m) && abs(step / pow(10, e) - m) < 1e-6, "step \(step)",
      sourceLocation: sourceLocation)
    for (a, b) in zip(values, values.dropFirst()) {
      #expect(
        abs((b - a) - step) <= 1e-9 * max(abs(step), abs(b)), "uneven ticks \(values)",
        sourceLocation: sourceLocation)
    }
    let labels = ticks.major.map(\.label)
    #expect(Set(labels).count == labels.count, "repeated labels \(labels)", sourceLocation: sourceLocation)
    for t in ticks.major {
      guard let v = number(t.label) else {
        Issue.record("unreadable label \(t.label)", sourceLocation: sourceLocation)
        continue
      }
      // The label is the decimal the tick value is the nearest double to.
      #expect(
        v == t.value || abs(v - t.value) <= 1e-15 * abs(t.value), "label \(t.label) for \(t.value)",
        sourceLocation: sourceLocation)
      #expect(t.label.count <= 24, "label too long: \(t.label)", sourceLocation: sourceLocation)
    }
    // Minor ticks lie strictly between labelled ones or beyond them, never on them.
    #expect(ticks.minor.allSatisfy { m in !values.contains(m) }, sourceLocation: sourceLocation)
  }

  @Test func unitIntervalHasTenthsWithoutNoise() {
    let ticks = AxisTicks.linear(from: 0, to: 1, targetCount: 5)
    #expect(ticks.major.map(\.label) == ["0.0", "0.2", "0.4", "0.6", "0.8", "1.0"])
    let tenths = AxisTicks.linear(from: 0, to: 0.95, targetCount: 10)
    #expect(tenths.major.map(\.label).contains("0.3"))
    #expect(tenths.major.first { $0.label == "0.3" }?.value == 0.3)
    #expect(!tenths.major.contains { $0.label.contains("0000") })
  }

  @Test func integersNegativeAndMinusSign() {
    let ticks = AxisTicks.linear(from: -3, to: -1, targetCount: 4)
    #expect(ticks.major.map(\.label) == ["−3.0", "−2.5", "−2.0", "−1.5", "−1.0"])
    let symmetric = AxisTicks.linear(from: -20, to: 20, targetCount: 4)
    #expect(symmetric.major.map(\.label) == ["−20", "−10", "0", "10", "20"])
  }

  @Test(arguments: -12...12)
  func rangesAcrossMagnitudes(_ k: Int) {
    let scale = pow(10, Double(k))
    checkLinear(0, scale)
    checkLinear(1.3 * scale, 7.9 * scale)
    checkLinear(-4.4 * scale, 0.7 * scale, target: 4)
    checkLinear(-9 * scale, -8.6 * scale, target: 8)
  }

  @Test func hugeAndTinyValuesUseScientificLabels() {
    let big = AxisTicks.linear(from: 0, to: 4e7, targetCount: 4)
    #expect(big.major.map(\.label) == ["0", "1×10^{7}", "2×10^{7}", "3×10^{7}", "4×10^{7}"])
    let small = AxisTicks.linear(from: 2e-6, to: 9e-6, targetCount: 4)
    #expect(small.major.map(\.label) == ["2×10^{−6}", "4×10^{−6}", "6×10^{−6}", "8×10^{−6}"])
  }

  @Test func tinySpansAroundLargeOffsets() {
    checkLinear(1, 1 + 1e-9)
    checkLinear(1e6, 1e6 + 0.5)
    checkLinear(-1e-3, -1e-3 + 1e-12)
    checkLinear(123_456.7, 123_457.1)
  }

  @Test func degenerateRangesGiveNoTicks() {
    #expect(AxisTicks.linear(from: 1, to: 1).major.isEmpty)
    #expect(AxisTicks.linear(from: 2, to: 1).major.isEmpty)
    #expect(AxisTicks.linear(from: .nan, to: 1).major.isEmpty)
    #expect(AxisTicks.logarithmic(from: -1, to: 10).major.isEmpty)
    #expect(AxisTicks.logarithmic(from: 0, to: 10).major.isEmpty)
  }

  @Test func logarithmicDecadesWithMinorTicks() {
    let ticks = AxisTicks.logarithmic(from: 1e-3, to: 1e2, targetCount: 6)
    #expect(ticks.major.map(\.label) == ["10^{−3}", "10^{−2}", "10^{−1}", "10^{0}", "10^{1}", "10^{2}"])
    #expect(ticks.major.map(\.value) == [1e-3, 1e-2, 1e-1, 1, 10, 100])
    // 2…9 × 10^d in each of the five full decades.
    #expect(ticks.minor.count == 5 * 8)
    #expect(ticks.minor.contains(0.002) && ticks.minor.contains(90) && !ticks.minor.contains(1))
  }

  @Test func twoDecadesAreLabelledAtOneTwoFive() {
    let ticks = AxisTicks.logarithmic(from: 0.01, to: 1, targetCount: 6)
    #expect(ticks.major.map(\.label) == ["0.01", "0.02", "0.05", "0.1", "0.2", "0.5", "1"])
    #expect(ticks.major.allSatisfy { number($0.label) == $0.value })
    #expect(ticks.minor.contains(0.03) && ticks.minor.contains(0.9) && !ticks.minor.contains(0.05))
    let small = AxisTicks.logarithmic(from: 1e-6, to: 1e-4, targetCount: 6)
    #expect(
      small.major.map(\.label) == [
        "10^{−6}", "2×10^{−6}", "5×10^{−6}", "10^{−5}", "2×10^{−5}", "5×10^{−5}", "10^{−4}",
      ])
    let big = AxisTicks.logarithmic(from: 3, to: 300, targetCount: 6)
    #expect(big.major.map(\.label) == ["5", "10", "20", "50", "100", "200"])
  }

  @Test func manyDecadesAreStrided() {
    let ticks = AxisTicks.logarithmic(from: 1e-12, to: 1e12, targetCount: 6)
    let exponents = ticks.major.map { Int(log10($0.value).rounded()) }
    #expect(ticks.major.count >= 3 && ticks.major.count <= 7)
    let stride = exponents[1] - exponents[0]
    #expect(stride > 1)
    #expect(exponents.allSatisfy { $0 % stride == 0 && $0 >= -12 && $0 <= 12 })
    for t in ticks.major { #expect(number(t.label) == t.value) }
  }

  @Test func narrowLogRangeGetsLinearLabels() {
    let ticks = AxisTicks.logarithmic(from: 2, to: 8, targetCount: 6)
    #expect(ticks.major.count >= 2)
    #expect(ticks.major.allSatisfy { $0.value >= 2 && $0.value <= 8 && number($0.label) == $0.value })
    #expect(ticks.minor.allSatisfy { $0 >= 2 && $0 <= 8 })
  }
}
