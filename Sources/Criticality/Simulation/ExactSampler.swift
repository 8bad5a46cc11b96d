import Foundation

/// Draws the Gram-matrix chain `G^(l)_{αβ} = Σ_i z^(l)_{i;α} z^(l)_{i;β}` of a linear network
/// directly, without weights, in `O(L k³)` per network for `k` inputs (independent of widths).
///
/// Rotational invariance (PDLT §3.3): given layer `l − 1`, the law of `Z^(l)` (`n_l × k`) is
/// invariant under `Z → O Z`, so `Z^(l) = U C^ᵀ` with `C Cᵀ = G^(l)` and `U` a uniform
/// (Haar) orthonormal frame independent of the Gram chain, and the chain is Markov:
///
/// - Gaussian weights: the rows of `Z^(l)` are i.i.d. `N(0, Σ)`, `Σ = C_b 11ᵀ + C_w G^(l−1)/n_{l−1}`,
///   so `G^(l) ~ Wishart_k(n_l, Σ) = F W Fᵀ` with `F Fᵀ = Σ`, `W ~ W_r(n_l, I)` (for one input a
///   scaled chi-square, `G^(l) = Σ χ²_{n_l}`).
/// - Orthogonal weights, `n_l ≥ n_{l−1}`: `H = C_w (n_l/n_{l−1}) G^(l−1)` (norms preserved).
///   `n_l < n_{l−1}`: the rows of `Q` span a uniform `n_l`-plane, and `H = C_w C B Cᵀ` with the
///   matrix-Beta `B = L⁻¹ A L⁻ᵀ`, `A ~ W_r(n_l, I)`, `L Lᵀ = A + W_r(n_{l−1} − n_l, I)` (for one
///   input `H = C_w G χ²_{n_l}/(χ²_{n_l} + χ²_{n_{l−1}−n_l})`). Biases then add
///   `G = H + w1ᵀ + 1wᵀ + β 11ᵀ`, `w = sqrt(C_b) D g`, `D Dᵀ = H`, `g ~ N(0, I_r)`,
///   `β = C_b (|g|² + χ²_{n_l − r})`.
///
/// Recorded units are drawn from the conditional law given `G^(l)`: `z_u = C L⁻¹ x_u` for
/// `u < m` with `x_u ~ N(0, I_r)` and `L Lᵀ = Σ_u x_u x_uᵀ + W_r(n_l − m, I)` (the first `m`
/// rows of a Haar frame). All draws are exact; nothing is approximated.
final class ExactSampler {
  let net: MLP
  let layout: EnsembleLayout
  let k: Int
  let g0: [Double]
  // k × k scratch matrices.
  let g: UnsafeMutablePointer<Double>
  let m1: UnsafeMutablePointer<Double>
  let m2: UnsafeMutablePointer<Double>
  let m3: UnsafeMutablePointer<Double>
  let m4: UnsafeMutablePointer<Double>
  let m5: UnsafeMutablePointer<Double>
  let vec: UnsafeMutablePointer<Double>
  /// The Gaussian vectors `x_u` of the recorded units (`units × k`).
  let xs: UnsafeMutablePointer<Double>

  init(net: MLP, inputs: [[Double]], layout: EnsembleLayout) {
    self.net = net
    self.layout = layout
    k = inputs.count
    var gram = [Double](repeating: 0, count: k * k)
    for a in 0..<k {
      for b in 0..<k {
        var s = 0.0
        for i in 0..<inputs[a].count { s += inputs[a][i] * inputs[b][i] }
        gram[a * k + b] = s
      }
    }
    g0 = gram
    let size = k * k
    let buffer = { () -> UnsafeMutablePointer<Double> in
      let p = UnsafeMutablePointer<Double>.allocate(capacity: size)
      p.initialize(repeating: 0, count: size)
      return p
    }
    g = buffer()
    m1 = buffer()
    m2 = buffer()
    m3 = buffer()
    m4 = buffer()
    m5 = buffer()
    vec = buffer()
    let maxUnits = layout.units.max() ?? 0
    xs = .allocate(capacity: max(1, maxUnits * k))
    xs.initialize(repeating: 0, count: max(1, maxUnits * k))
  }

  deinit {
    for p in [g, m1, m2, m3, m4, m5, vec, xs] { p.deallocate() }
  }

  /// Draws network `s` of the ensemble with master seed `seed` and writes its statistics to
  /// `record`.
  func sample(network s: Int, seed: UInt64, into record: UnsafeMutablePointer<Double>) {
    // A local generator, passed down `inout`: no dynamic exclusivity checks per draw.
    var rng = Xoshiro256(seed: seed, stream: UInt64(s))
    for i in 0..<(k * k) { g[i] = g0[i] }
    for l in 1..<net.widths.count {
      let nIn = net.widths[l - 1]
      let nOut = net.widths[l]
      let base = record + layout.layerStart[l - 1]
      let units = layout.units[l - 1]
      switch net.weights {
      case .gaussian:
        if k == 1 {
          gaussianStep1(rng: &rng, nIn: nIn, nOut: nOut, units: units, base)
        } else {
          gaussianStep(rng: &rng, nIn: nIn, nOut: nOut, units: units, base)
        }
      case .orthogonal:
        if k == 1 {
          g[0] = orthogonalNorm2(rng: &rng, g[0], nIn: nIn, nOut: nOut)
        } else {
          orthogonalStep(rng: &rng, nIn: nIn, nOut: nOut)
        }
        recordLayer(rng: &rng, l, width: nOut, base)
      }
    }
  }

  /// Gaussian weights, one input: the `m` recorded units are i.i.d. `N(0, v)` with
  /// `v = C_b + C_w r²/n_in`, and `r'² = Σ_u z_u² + v χ²_{n_out − m}`.
  func gaussianStep1(
    rng: inout Xoshiro256, nIn: Int, nOut: Int, units: Int, _ base: UnsafeMutablePointer<Double>
  ) {
    let v = net.cb + net.cw * g[0] / Double(nIn)
    let sd = v.squareRoot()
    var r2 = v * rng.nextChiSquare(nOut - units)
    for u in 0..<units {
      let z = sd * rng.nextNormal()
      base[layout.unit(u, input: 0)] = z
      r2 += z * z
    }
    g[0] = r2
    base[layout.gram(0, 0)] = r2
  }

  /// Gaussian weights, `k` inputs: rows of `Z` i.i.d. `N(0, Σ)`, `Σ = C_b 11ᵀ + C_w G/n_in = F Fᵀ`;
  /// the recorded rows are `z_u = F x_u`, and `G' = Σ_u z_u z_uᵀ + F W Fᵀ`, `W ~ W_r(n_out − m, I)`.
  func gaussianStep(
    rng: inout Xoshiro256, nIn: Int, nOut: Int, units: Int, _ base: UnsafeMutablePointer<Double>
  ) {
    let scale = net.cw / Double(nIn)
    for i in 0..<(k * k) { m1[i] = net.cb + scale * g[i] }
    let r = SmallMatrix.choleskyPSD(m1, k, stride: k, into: m2)  // F in m2 (k × r)
    g.update(repeating: 0, count: k * k)
    if r > 0 {
      SmallMatrix.wishart(r, dof: nOut - units, stride: k, rng: &rng, scratch: m3, into: m4)  // W
      SmallMatrix.multiply(m2, m4, rows: k, inner: r, cols: r, stride: k, into: m3)  // F W
      for i in 0..<k {
        for j in 0..<k {
          var s = 0.0
          for p in 0..<r { s += m3[i * k + p] * m2[j * k + p] }
          g[i * k + j] = s
        }
      }
    }
    for u in 0..<units {
      for p in 0..<r { vec[p] = rng.nextNormal() }
      for a in 0..<k {
        var s = 0.0
        for p in 0..<r { s += m2[a * k + p] * vec[p] }
        m5[a] = s
        base[layout.unit(u, input: a)] = s
      }
      for i in 0..<k { for j in 0..<k { g[i * k + j] += m5[i] * m5[j] } }
    }
    symmetrize()
    for a in 0..<k { for b in a..<k { base[layout.gram(a, b)] = g[a * k + b] } }
  }

  /// Orthogonal weights, one input: the scalar case of `orthogonalStep`.
  func orthogonalNorm2(rng: inout Xoshiro256, _ r2: Double, nIn: Int, nOut: Int) -> Double {
    let cw = net.cw
    let cb = net.cb
    var h: Double
    if nOut >= nIn {
      h = cw * Double(nOut) / Double(nIn) * r2
    } else {
      let x = rng.nextChiSquare(nOut)
      let y = rng.nextChiSquare(nIn - nOut)
      h = cw * r2 * x / (x + y)
    }
    if cb > 0 {
      if h > 0 {
        // |y + b|² = (|y| + b∥)² + |b⊥|², b∥ ~ N(0, C_b), |b⊥|² ~ C_b χ²_{n−1}.
        let r = h.squareRoot() + cb.squareRoot() * rng.nextNormal()
        h = r * r + cb * rng.nextChiSquare(nOut - 1)
      } else {
        h = cb * rng.nextChiSquare(nOut)
      }
    }
    return h
  }

  /// Orthogonal weights: the Gram matrix after `s Q`, then the bias.
  func orthogonalStep(rng: inout Xoshiro256, nIn: Int, nOut: Int) {
    let cw = net.cw
    if nOut >= nIn {
      let s = cw * Double(nOut) / Double(nIn)
      for i in 0..<(k * k) { g[i] *= s }
    } else {
      let r = SmallMatrix.choleskyPSD(g, k, stride: k, into: m1)  // C in m1
      if r == 0 {
        g.update(repeating: 0, count: k * k)
      } else {
        SmallMatrix.wishart(r, dof: nOut, stride: k, rng: &rng, scratch: m3, into: m2)  // A
        SmallMatrix.wishart(r, dof: nIn - nOut, stride: k, rng: &rng, scratch: m3, into: m4)  // A'
        for i in 0..<r { for j in 0..<r { m4[i * k + j] += m2[i * k + j] } }
        let rr = SmallMatrix.choleskyPSD(m4, r, stride: k, into: m3)  // L
        require(rr == r, "ExactSampler: singular matrix-Beta normalization")
        // B = L⁻¹ A L⁻ᵀ: solve L X = A (columns), then L Y = Xᵀ.
        for j in 0..<r {
          for i in 0..<r { vec[i] = m2[i * k + j] }
          SmallMatrix.solveLower(m3, r, stride: k, vec)
          for i in 0..<r { m4[j * k + i] = vec[i] }  // row j of Xᵀ
        }
        for j in 0..<r {
          for i in 0..<r { vec[i] = m4[i * k + j] }  // column j of Xᵀ
          SmallMatrix.solveLower(m3, r, stride: k, vec)
          for i in 0..<r { m5[i * k + j] = vec[i] }
        }
        // G = C_w C B Cᵀ.
        SmallMatrix.multiply(m1, m5, rows: k, inner: r, cols: r, stride: k, into: m2)
        for i in 0..<k {
          for j in 0..<k {
            var s = 0.0
            for p in 0..<r { s += m2[i * k + p] * m1[j * k + p] }
            g[i * k + j] = cw * s
          }
        }
        symmetrize()
      }
    }
    let cb = net.cb
    guard cb > 0 else { return }
    let r = SmallMatrix.choleskyPSD(g, k, stride: k, into: m1)  // D
    var g2 = 0.0
    for p in 0..<r {
      vec[p] = rng.nextNormal()
      g2 += vec[p] * vec[p]
    }
    let beta = cb * (g2 + rng.nextChiSquare(nOut - r))
    let sb = cb.squareRoot()
    for i in 0..<k {
      var s = 0.0
      for p in 0..<r { s += m1[i * k + p] * vec[p] }
      m2[i] = sb * s  // w
    }
    for i in 0..<k { for j in 0..<k { g[i * k + j] += m2[i] + m2[j] + beta } }
  }

  func symmetrize() {
    for i in 0..<k {
      for j in (i + 1)..<max(i + 1, k) {
        let s = 0.5 * (g[i * k + j] + g[j * k + i])
        g[i * k + j] = s
        g[j * k + i] = s
      }
    }
  }

  /// Writes `G` and the recorded units of layer `l` (drawn given `G`) to `base`.
  func recordLayer(rng: inout Xoshiro256, _ l: Int, width n: Int, _ base: UnsafeMutablePointer<Double>) {
    for a in 0..<k { for b in a..<k { base[layout.gram(a, b)] = g[a * k + b] } }
    let units = layout.units[l - 1]
    guard units > 0 else { return }
    if k == 1 {
      // z_u = r x_u / sqrt(Σ_u x_u² + χ²_{n−m}).
      var s = rng.nextChiSquare(n - units)
      for u in 0..<units {
        let x = rng.nextNormal()
        xs[u] = x
        s += x * x
      }
      let c = s > 0 ? (max(g[0], 0) / s).squareRoot() : 0
      for u in 0..<units { base[layout.unit(u, input: 0)] = c * xs[u] }
      return
    }
    let r = SmallMatrix.choleskyPSD(g, k, stride: k, into: m1)  // C
    guard r > 0 else {
      for u in 0..<units { for a in 0..<k { base[layout.unit(u, input: a)] = 0 } }
      return
    }
    // x_u for u < units in xs (units × r), W_r(n − units) + Σ x_u x_uᵀ in m4.
    SmallMatrix.wishart(r, dof: n - units, stride: k, rng: &rng, scratch: m3, into: m4)
    for u in 0..<units {
      for i in 0..<r { xs[u * r + i] = rng.nextNormal() }
      for i in 0..<r { for j in 0..<r { m4[i * k + j] += xs[u * r + i] * xs[u * r + j] } }
    }
    let rr = SmallMatrix.choleskyPSD(m4, r, stride: k, into: m3)  // L
    require(rr == r, "ExactSampler: singular frame normalization")
    for u in 0..<units {
      for i in 0..<r { vec[i] = xs[u * r + i] }
      SmallMatrix.solveLower(m3, r, stride: k, vec)
      for a in 0..<k {
        var s = 0.0
        for p in 0..<r { s += m1[a * k + p] * vec[p] }
        base[layout.unit(u, input: a)] = s
      }
    }
  }
}
