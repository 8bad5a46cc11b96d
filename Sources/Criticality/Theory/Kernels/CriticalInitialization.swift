import Foundation

/// A critical initialization `(C_b, C_w)`: at the fixed point `K* = C_b + C_w ⟨σ²⟩_{K*}` both
/// susceptibilities equal one, `χ_∥(K*) = χ_⊥(K*) = 1` (PDLT §5.1–5.3).
public struct CriticalPoint: Sendable, Equatable {
  /// The universality classes of PDLT §5.2–5.3, plus isolated nontrivial fixed points.
  public enum Kind: Sendable, Equatable {
    /// Scale-invariant activations (linear, ReLU, leaky ReLU): `C_b = 0`,
    /// `C_w = 1/⟨σ′²⟩`, and every `K` is a fixed point (`fixedPointK` is nil).
    case scaleInvariant
    /// The `K* = 0` class (σ(0) = 0, σ′(0) ≠ 0, the kernel flows to 0 from above, e.g. tanh):
    /// `C_b = 0`, `C_w = 1/σ′(0)²`.
    case vanishingKernel
    /// A fixed point `K* > 0` found numerically where `χ_∥/χ_⊥ = 1` (e.g. GELU).
    case nontrivial
  }

  /// The critical bias variance $C_b$.
  public var cb: Double
  /// The critical weight variance $C_w$.
  public var cw: Double
  /// The fixed-point kernel `K*` (0 for the `K* = 0` class, nil for scale invariance).
  public var fixedPointK: Double?
  /// Which universality class the activation belongs to.
  public var kind: Kind

  /// A critical point with these variances, fixed-point kernel and class.
  public init(cb: Double, cw: Double, fixedPointK: Double?, kind: Kind) {
    self.cb = cb
    self.cw = cw
    self.fixedPointK = fixedPointK
    self.kind = kind
  }
}

extension KernelRecursion {
  /// `(C_b, C_w)` with `χ_∥ = χ_⊥ = 1` at the fixed point, or nil; see
  /// `criticalInitializationResult` for the fixed point and, when there is none, the reason.
  /// Independent of this recursion's own `cb`, `cw`: it depends on the activation only.
  public var criticalInitialization: (cb: Double, cw: Double)? {
    guard case .success(let p) = criticalInitializationResult else { return nil }
    return (p.cb, p.cw)
  }

  /// Why there is no critical initialization (nil when there is one).
  public var noCriticalInitializationReason: String? {
    guard case .failure(let e) = criticalInitializationResult else { return nil }
    return e.message
  }

  /// The search for a critical initialization (PDLT §5.2–5.3):
  ///
  /// 1. Linear and ReLU: the scale-invariant closed forms (0, 1) and (0, 2).
  /// 2. `r(K) = χ_∥/χ_⊥ − 1 = ⟨zσσ′⟩_K / (K ⟨σ′²⟩_K) − 1` on a log grid of 61 points,
  ///    K ∈ [1e-3, 1e3]. If |r| < 1e-9 throughout, σ is scale-invariant: `(0, 1/⟨σ′²⟩_1)`.
  /// 3. If σ(0) = 0 and σ′(0) ≠ 0, `C_w = 1/σ′(0)²`, `C_b = 0` makes `K* = 0` a fixed point with
  ///    `χ_∥ = χ_⊥ = 1`; it is accepted when the kernel flows into it, `C_w⟨σ²⟩_K < K` at
  ///    `K = 1e-3` (tanh: `⟨σ²⟩ = K − 2K² + …`); GELU's grows away (`K + 6K²/π`).
  /// 4. Otherwise each sign change of `r` is bisected (in log K, to relative 1e-13) to a `K*`;
  ///    there `C_w = 1/⟨σ′²⟩_{K*}` and `C_b = K* − C_w⟨σ²⟩_{K*}`, accepted when `C_b ≥ 0`.
  ///
  /// Accuracy: that of the expectations (~1e-12 relative) amplified by the conditioning of the
  /// root, ~1e-10 in `K*`, `C_b`, `C_w` for GELU.
  public var criticalInitializationResult: Result<CriticalPoint, CriticalityError> {
    let m = moments
    switch activation {
    case .linear: return .success(CriticalPoint(cb: 0, cw: 1, fixedPointK: nil, kind: .scaleInvariant))
    case .relu: return .success(CriticalPoint(cb: 0, cw: 2, fixedPointK: nil, kind: .scaleInvariant))
    default: break
    }
    func ratio(_ K: Double) -> Double { m.zSigmaDerivative(K) / (K * m.derivativeSquared(K)) - 1 }
    let logGrid = (0...60).map { -3 + Double($0) / 10 }
    let r = logGrid.map { ratio(pow(10, $0)) }
    if r.allSatisfy({ abs($0) < 1e-9 }) {
      return .success(
        CriticalPoint(cb: 0, cw: 1 / m.derivativeSquared(1), fixedPointK: nil, kind: .scaleInvariant))
    }
    var reasons: [String] = []
    let s0 = activation(0)
    let d0 = activation.derivative(0)
    if abs(s0) <= 1e-14 && d0 != 0 {
      let cw0 = 1 / (d0 * d0)
      let k = 1e-3
      if cw0 * m.sigmaSquared(k) < k {
        return .success(CriticalPoint(cb: 0, cw: cw0, fixedPointK: 0, kind: .vanishingKernel))
      }
      reasons.append(
        "K* = 0 with C_w = 1/σ′(0)² = \(cw0) is unstable: the kernel grows away from 0 "
          + "(C_w⟨σ²⟩_K > K at K = 1e-3)")
    } else if abs(s0) > 1e-14 {
      reasons.append(
        "σ(0) = \(s0) ≠ 0, so K* = 0 would need C_b = −C_w σ(0)² < 0")
    } else {
      reasons.append("σ′(0) = 0, so χ_⊥ vanishes as K → 0")
    }
    var roots = 0
    for i in 0..<(r.count - 1) where r[i].sign != r[i + 1].sign && r[i] != 0 {
      var lo = logGrid[i]
      var hi = logGrid[i + 1]
      let signLo = r[i].sign
      while hi - lo > 1e-14 {
        let mid = 0.5 * (lo + hi)
        if ratio(pow(10, mid)).sign == signLo { lo = mid } else { hi = mid }
      }
      let kStar = pow(10, 0.5 * (lo + hi))
      let cw = 1 / m.derivativeSquared(kStar)
      let cb = kStar - cw * m.sigmaSquared(kStar)
      roots += 1
      if cb >= 0 {
        return .success(CriticalPoint(cb: cb, cw: cw, fixedPointK: kStar, kind: .nontrivial))
      }
      reasons.append("χ_∥ = χ_⊥ at K = \(kStar) needs C_b = \(cb) < 0")
    }
    if roots == 0 {
      let side = r.allSatisfy { $0 < 0 } ? "χ_∥ < χ_⊥" : "χ_∥ ≠ χ_⊥"
      reasons.append("\(side) for every K in [1e-3, 1e3], so there is no fixed point K* > 0")
    }
    return .failure(
      CriticalityError("\(activation) has no critical initialization: " + reasons.joined(separator: "; ")))
  }
}
