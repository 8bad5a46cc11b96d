import Criticality
import Foundation
import Testing

/// Statistical and reproducibility tests of the Gaussian generators used by the ensembles.
@Suite struct SimulationGeneratorTests {
  /// E[z^j] of N(0, 1): 0 for odd j, (j−1)!! for even j.
  static func gaussianMoment(_ j: Int) -> Double {
    if j % 2 == 1 { return 0 }
    var p = 1.0
    var i = j - 1
    while i > 1 {
      p *= Double(i)
      i -= 2
    }
    return p
  }

  /// Checks the moments 1...8 of `x` against N(0, 1) to 4.5 standard errors, the error of z^j
  /// being sqrt((E z^{2j} − (E z^j)²)/N) with Gaussian moments.
  static func expectGaussianMoments(_ x: [Double], _ label: String) {
    let n = Double(x.count)
    for j in 1...8 {
      var s = 0.0
      for v in x { s += pow(v, Double(j)) }
      let mean = s / n
      let exact = gaussianMoment(j)
      let sd = ((gaussianMoment(2 * j) - exact * exact) / n).squareRoot()
      #expect(abs(mean - exact) < 4.5 * sd, "\(label): E[z^\(j)] = \(mean), expected \(exact) ± \(sd)")
    }
  }

  /// Kolmogorov–Smirnov distance between the sample and Φ; the 0.1% critical value is
  /// 1.95/√N.
  static func ksDistance(_ x: [Double]) -> Double {
    let sorted = x.sorted()
    let n = Double(sorted.count)
    var d = 0.0
    for (i, v) in sorted.enumerated() {
      let cdf = 0.5 * erfc(-v / 2.0.squareRoot())
      d = max(d, abs(cdf - Double(i) / n), abs(Double(i + 1) / n - cdf))
    }
    return d
  }

  @Test func vectorGaussianMomentsAndKS() {
    let g = VectorGaussian(seed: 12345, stream: 7)
    var x = [Double](repeating: 0, count: 200_000)
    g.fill(&x)
    Self.expectGaussianMoments(x, "VectorGaussian")
    let d = Self.ksDistance(x)
    #expect(d < 1.95 / Double(x.count).squareRoot(), "KS distance \(d)")
    // The tail beyond the ziggurat base (|z| > 3.654) has probability 2.58e-4: the slow path works.
    let tail = Double(x.filter { abs($0) > 3.654_152_885_361_009 }.count) / Double(x.count)
    let p = 2 * 0.5 * erfc(3.654_152_885_361_009 / 2.0.squareRoot())
    #expect(abs(tail - p) < 4 * (p / Double(x.count)).squareRoot(), "tail fraction \(tail) vs \(p)")
  }

  @Test func vectorGaussianStreamIsIndependentOfFillSizes() {
    let a = VectorGaussian(seed: 3, stream: 11)
    var whole = [Double](repeating: 0, count: 1000)
    a.fill(&whole)
    let b = VectorGaussian(seed: 9, stream: 1)
    b.reseed(seed: 3, stream: 11)
    var pieces: [Double] = []
    for size in [1, 7, 256, 3, 300, 433] {
      var part = [Double](repeating: 0, count: size)
      b.fill(&part)
      pieces += part
    }
    #expect(pieces == whole)
    let c = VectorGaussian(seed: 3, stream: 12)
    var other = [Double](repeating: 0, count: 1000)
    c.fill(&other)
    #expect(other != whole)
    // Neighbouring streams are uncorrelated: |corr| < 4/sqrt(N).
    var sxy = 0.0
    for i in 0..<1000 { sxy += whole[i] * other[i] }
    #expect(abs(sxy / 1000) < 4 / 1000.0.squareRoot())
  }

  @Test func scalarZigguratMoments() {
    var rng = Xoshiro256(seed: 99, stream: 1)
    let x = (0..<200_000).map { _ in rng.nextNormal() }
    Self.expectGaussianMoments(x, "nextNormal")
    #expect(Self.ksDistance(x) < 1.95 / Double(x.count).squareRoot())
  }

  /// χ²_d has mean d and variance 2d; Gamma(a) with a < 1 has mean a and variance a.
  @Test(arguments: [1, 2, 3, 10, 255])
  func chiSquareMeanAndVariance(dof: Int) {
    var rng = Xoshiro256(seed: 5, stream: UInt64(dof))
    let n = 40_000
    let x = (0..<n).map { _ in rng.nextChiSquare(dof) }
    let mean = x.reduce(0, +) / Double(n)
    let variance = x.map { ($0 - mean) * ($0 - mean) }.reduce(0, +) / Double(n - 1)
    let d = Double(dof)
    #expect(abs(mean - d) < 4.5 * (2 * d / Double(n)).squareRoot(), "χ²_\(dof) mean \(mean)")
    // Var of the sample variance ≈ (μ₄ − σ⁴)/N, with the central moment μ₄ = 12d(d + 4) of χ²_d.
    let mu4 = 12 * d * d + 48 * d
    let sdVar = ((mu4 - 4 * d * d) / Double(n)).squareRoot()
    #expect(abs(variance - 2 * d) < 4.5 * sdVar, "χ²_\(dof) variance \(variance)")
  }

  @Test func gammaBelowShapeOne() {
    var rng = Xoshiro256(seed: 8)
    let n = 40_000
    let x = (0..<n).map { _ in rng.nextGamma(shape: 0.3) }
    let mean = x.reduce(0, +) / Double(n)
    #expect(abs(mean - 0.3) < 4.5 * (0.3 / Double(n)).squareRoot())
    #expect(x.allSatisfy { $0 >= 0 })
  }
}
