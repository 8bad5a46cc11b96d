import Criticality
import Testing

/// The public surface of issue 4, written exactly as the issue's snippet (small sizes).
@Suite struct SimulationAPITests {
  @Test func issueSnippetCompilesAndRuns() throws {
    let x1 = [Double](repeating: 1, count: 8)
    let x2 = (0..<8).map { Double($0) / 4 - 1 }
    let net = MLP(widths: [8, 32, 32, 32], activation: .linear, cw: 1.0, cb: 0.0, weights: .gaussian)
    let deep = MLP.deepLinear(inputWidth: 8, width: 32, depth: 20, cw: 1.0, weights: .orthogonal)
    let ens = try deep.ensemble(inputs: [x1, x2], samples: 20, seed: 1)  // brute force
    let fast = try deep.ensemble(inputs: [x1], samples: 1_000, seed: 1, method: .exact)
    let l = 20
    let m4: Estimate = ens.moment(4, layer: l)
    let m4b: Estimate = ens.moment(4, layer: l, input: 1)
    let c4: Estimate = ens.fourthCumulant(layer: l)
    let r4: Estimate = ens.normalizedFourthCumulant(layer: l)
    let k01: Estimate = ens.covariance(layer: l, 0, 1)
    let values: [Double] = ens.values(layer: l, unit: 0, input: 0)
    #expect(values.count == 20)
    #expect([m4, m4b, c4, r4, k01].allSatisfy { $0.value.isFinite && $0.error.isFinite })
    #expect(net.depth == 3 && deep.depth == 20 && fast.samples == 1_000)
    #expect(ens.method == .bruteForce && fast.method == .exact)
    // Orthogonal square layers with C_w = 1 keep the covariance exactly: K₀₁ = x1·x2/n₀.
    let exact = zip(x1, x2).map { $0 * $1 }.reduce(0, +) / 8
    #expect(abs(k01.value - exact) < 1e-10)
    // The inline formatter's form `value ± error`.
    #expect(fast.moment(2, layer: l).description.contains(" ± "))
  }
}
