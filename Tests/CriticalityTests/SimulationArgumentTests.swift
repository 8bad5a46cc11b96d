import Criticality
import Testing

/// Misuse is a thrown `CriticalityError` whose message names the problem.
@Suite struct SimulationArgumentTests {
  static let x = [Double](repeating: 1, count: 4)

  static func message(_ body: () throws -> Void) -> String? {
    do {
      try body()
      return nil
    } catch let error as CriticalityError {
      return error.message
    } catch {
      return "unexpected \(error)"
    }
  }

  @Test func zeroWidth() {
    let m = Self.message { _ = try MLP(widths: [4, 0, 3]).ensemble(inputs: [Self.x], samples: 10, seed: 1) }
    #expect(m?.contains("widths[1] = 0") == true, "\(m ?? "no error")")
  }

  @Test func noLayers() {
    let m = Self.message { _ = try MLP(widths: [4]).ensemble(inputs: [Self.x], samples: 10, seed: 1) }
    #expect(m?.contains("at least one layer") == true, "\(m ?? "no error")")
  }

  @Test func negativeWeightVariance() {
    let m = Self.message {
      _ = try MLP.deepLinear(inputWidth: 4, width: 4, depth: 2, cw: -1).ensemble(
        inputs: [Self.x], samples: 10, seed: 1)
    }
    #expect(m?.contains("C_w") == true && m?.contains("-1") == true, "\(m ?? "no error")")
  }

  @Test func negativeBiasVariance() {
    let m = Self.message {
      _ = try MLP(widths: [4, 4], cb: -0.5).ensemble(inputs: [Self.x], samples: 10, seed: 1)
    }
    #expect(m?.contains("C_b") == true, "\(m ?? "no error")")
  }

  @Test func mismatchedInputWidth() {
    let m = Self.message {
      _ = try MLP(widths: [4, 4]).ensemble(inputs: [Self.x, [1, 2, 3]], samples: 10, seed: 1)
    }
    #expect(
      m?.contains("Input 1 has 3 components") == true && m?.contains("n₀ = 4") == true, "\(m ?? "no error")")
  }

  @Test func exactNeedsLinear() {
    let m = Self.message {
      _ = try MLP(widths: [4, 4], activation: .tanh).ensemble(
        inputs: [Self.x], samples: 10, seed: 1, method: .exact)
    }
    #expect(m?.contains("tanh") == true && m?.contains(".bruteForce") == true, "\(m ?? "no error")")
  }

  @Test func tooFewSamplesOrThreads() {
    let net = MLP(widths: [4, 4])
    #expect(
      Self.message { _ = try net.ensemble(inputs: [Self.x], samples: 1, seed: 1) }?.contains("samples = 1")
        == true)
    #expect(
      Self.message { _ = try net.ensemble(inputs: [], samples: 5, seed: 1) }?.contains("at least one input")
        == true)
    #expect(
      Self.message { _ = try net.ensemble(inputs: [Self.x], samples: 5, seed: 1, threads: 0) }?.contains(
        "threads") == true)
  }

  @Test func validNetworkDoesNotThrow() throws {
    _ = try MLP(
      widths: [4, 2],
      activation: .custom(name: "cube", function: { $0 * $0 * $0 }, derivative: { 3 * $0 * $0 })
    )
    .ensemble(inputs: [Self.x], samples: 3, seed: 1)
  }
}
