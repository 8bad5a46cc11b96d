import Foundation

/// Draws one network at a time by brute force and records its statistics
/// (`EnsembleLayout`). One sampler per thread: it owns its generator and scratch buffers, and
/// the weights exist only block by block while they are used.
final class BruteForceSampler {
  let net: MLP
  let inputs: [[Double]]
  let layout: EnsembleLayout
  let k: Int
  let maxWidth: Int
  let gaussian: VectorGaussian
  /// Activations feeding the current layer, `k` rows of `maxWidth` (input-major).
  let a: UnsafeMutablePointer<Double>
  /// Pre-activations of the current layer, same shape.
  let z: UnsafeMutablePointer<Double>
  /// Gaussian variates of one block of weights.
  let noise: UnsafeMutablePointer<Double>
  let noiseCapacity: Int
  /// Where the current network's statistics go (`layout.count` of them).
  var record: UnsafeMutablePointer<Double>

  init(net: MLP, inputs: [[Double]], layout: EnsembleLayout, seed: UInt64) {
    self.net = net
    self.inputs = inputs
    self.layout = layout
    k = inputs.count
    maxWidth = net.widths.max() ?? 1
    gaussian = VectorGaussian(seed: seed, stream: 0)
    a = .allocate(capacity: k * maxWidth)
    z = .allocate(capacity: k * maxWidth)
    noiseCapacity = max(4096, 2 * maxWidth)
    noise = .allocate(capacity: noiseCapacity)
    record = noise
    a.initialize(repeating: 0, count: k * maxWidth)
    z.initialize(repeating: 0, count: k * maxWidth)
    noise.initialize(repeating: 0, count: noiseCapacity)
  }

  deinit {
    a.deallocate()
    z.deallocate()
    noise.deallocate()
  }

  /// The number of Gaussian variates one network consumes.
  static func variates(_ net: MLP) -> Int {
    var total = 0
    for l in 1..<net.widths.count {
      let nIn = net.widths[l - 1]
      let nOut = net.widths[l]
      switch net.weights {
      case .gaussian: total += nIn * nOut
      case .orthogonal:
        let m = max(nIn, nOut)
        total += m * (m + 1) / 2 - 1 + m
      }
      if net.cb > 0 { total += nOut }
    }
    return total
  }

  /// Draws network `s` of the ensemble with master seed `seed` and writes its statistics to
  /// `record`.
  func sample(network s: Int, seed: UInt64, into record: UnsafeMutablePointer<Double>) {
    self.record = record
    gaussian.reseed(seed: seed, stream: UInt64(s))
    let n0 = net.widths[0]
    for alpha in 0..<k {
      let row = a + alpha * maxWidth
      for j in 0..<n0 { row[j] = inputs[alpha][j] }
    }
    for l in 1..<net.widths.count {
      let nIn = net.widths[l - 1]
      let nOut = net.widths[l]
      if l > 1 { activate(nIn) }
      switch net.weights {
      case .gaussian: gaussianLayer(nIn: nIn, nOut: nOut)
      case .orthogonal: orthogonalLayer(nIn: nIn, nOut: nOut)
      }
      if net.cb > 0 { addBias(nOut) }
      recordLayer(l, width: nOut)
    }
  }

  /// `a = σ(z)` on the first `n` components of every input.
  func activate(_ n: Int) {
    let sigma = net.activation
    for alpha in 0..<k {
      let src = z + alpha * maxWidth
      let dst = a + alpha * maxWidth
      switch sigma {
      case .linear: dst.update(from: src, count: n)
      case .relu: for i in 0..<n { dst[i] = src[i] > 0 ? src[i] : 0 }
      default: for i in 0..<n { dst[i] = sigma(src[i]) }
      }
    }
  }

  /// `z_α = sqrt(C_w/n_in) W a_α` with `W_ij ~ N(0, 1)` drawn column by column (blocks of
  /// columns that fit `noise`), accumulated as `z += a_j W_{·j}` (vectorizable, no reduction).
  func gaussianLayer(nIn: Int, nOut: Int) {
    for alpha in 0..<k { (z + alpha * maxWidth).update(repeating: 0, count: nOut) }
    let columnsPerBlock = max(1, noiseCapacity / nOut)
    var j0 = 0
    while j0 < nIn {
      let cols = min(columnsPerBlock, nIn - j0)
      gaussian.fill(UnsafeMutableBufferPointer(start: noise, count: cols * nOut))
      for alpha in 0..<k {
        let zr = z + alpha * maxWidth
        let ar = a + alpha * maxWidth + j0
        var c = 0
        while c + 4 <= cols {
          let g0 = noise + c * nOut
          let g1 = g0 + nOut
          let g2 = g1 + nOut
          let g3 = g2 + nOut
          let a0 = ar[c]
          let a1 = ar[c + 1]
          let a2 = ar[c + 2]
          let a3 = ar[c + 3]
          for i in 0..<nOut { zr[i] = zr[i] + a0 * g0[i] + a1 * g1[i] + a2 * g2[i] + a3 * g3[i] }
          c += 4
        }
        while c < cols {
          let g0 = noise + c * nOut
          let a0 = ar[c]
          for i in 0..<nOut { zr[i] = zr[i] + a0 * g0[i] }
          c += 1
        }
      }
      j0 += cols
    }
    let scale = (net.cw / Double(nIn)).squareRoot()
    for alpha in 0..<k {
      let zr = z + alpha * maxWidth
      for i in 0..<nOut { zr[i] *= scale }
    }
  }

  /// `z_α = s Q a_α` with `Q` Haar orthogonal of size `m = max(n_in, n_out)` restricted to the
  /// first `n_out` rows and `n_in` columns, `s = sqrt(C_w max(1, n_out/n_in))` so that
  /// `E[z_i²] = C_w |a|²/n_in` as for Gaussian weights.
  ///
  /// `Q = H₁ H₂ ⋯ H_{m−1} D`: `H_t` is the Householder reflection that the QR factorization of a
  /// Gaussian matrix would apply at step `t`, built from a fresh `N(0, I_{m−t+1})` vector
  /// (rotational invariance makes the partially reduced columns fresh Gaussians), and `D` a
  /// diagonal of independent random signs, which makes the product exactly Haar (Stewart 1980;
  /// Mezzadri 2007). Applied to a vector in `O(m²)`; the matrix is never formed.
  func orthogonalLayer(nIn: Int, nOut: Int) {
    let m = max(nIn, nOut)
    // y = pad(a) into z, then D.
    gaussian.fill(UnsafeMutableBufferPointer(start: noise, count: m))
    for alpha in 0..<k {
      let y = z + alpha * maxWidth
      let ar = a + alpha * maxWidth
      for i in 0..<m { y[i] = i < nIn ? ar[i] : 0 }
      for i in 0..<m where noise[i] < 0 { y[i] = -y[i] }
    }
    // H_{m−1}, …, H₁: H_t acts on coordinates t−1 ..< m with a vector of size m − t + 1.
    var t = m - 1
    while t >= 1 {
      let size = m - t + 1
      let start = t - 1
      let v = noise
      gaussian.fill(UnsafeMutableBufferPointer(start: v, count: size))
      var norm2 = 0.0
      for i in 0..<size { norm2 += v[i] * v[i] }
      let norm = norm2.squareRoot()
      if norm > 0 {
        // w = v + sign(v₀)|v| e₀, |w|² = 2|v|(|v| + |v₀|).
        let v0 = v[0]
        v[0] = v0 + (v0 >= 0 ? norm : -norm)
        let factor = 2 / (2 * norm * (norm + abs(v0)))
        for alpha in 0..<k {
          let y = z + alpha * maxWidth + start
          var dot = 0.0
          for i in 0..<size { dot += v[i] * y[i] }
          let c = factor * dot
          for i in 0..<size { y[i] -= c * v[i] }
        }
      }
      t -= 1
    }
    let scale = (net.cw * max(1, Double(nOut) / Double(nIn))).squareRoot()
    for alpha in 0..<k {
      let y = z + alpha * maxWidth
      for i in 0..<nOut { y[i] *= scale }
    }
  }

  /// `z_i += sqrt(C_b) g_i`, one bias vector shared by all inputs.
  func addBias(_ nOut: Int) {
    gaussian.fill(UnsafeMutableBufferPointer(start: noise, count: nOut))
    let sb = net.cb.squareRoot()
    for alpha in 0..<k {
      let zr = z + alpha * maxWidth
      for i in 0..<nOut { zr[i] += sb * noise[i] }
    }
  }

  /// Writes the Gram matrix, power sums and recorded units of layer `l` into `record`.
  func recordLayer(_ l: Int, width n: Int) {
    let base = record + layout.layerStart[l - 1]
    for alpha in 0..<k {
      let x = z + alpha * maxWidth
      for beta in alpha..<k {
        let y = z + beta * maxWidth
        var s0 = 0.0
        var s1 = 0.0
        var i = 0
        while i + 2 <= n {
          s0 += x[i] * y[i]
          s1 += x[i + 1] * y[i + 1]
          i += 2
        }
        if i < n { s0 += x[i] * y[i] }
        base[layout.gram(alpha, beta)] = s0 + s1
      }
      var p1 = 0.0
      var p3 = 0.0
      var p4 = 0.0
      var p5 = 0.0
      var p6 = 0.0
      var p7 = 0.0
      var p8 = 0.0
      for i in 0..<n {
        let v = x[i]
        let v2 = v * v
        let v3 = v2 * v
        let v4 = v2 * v2
        p1 += v
        p3 += v3
        p4 += v4
        p5 += v4 * v
        p6 += v4 * v2
        p7 += v4 * v3
        p8 += v4 * v4
      }
      base[layout.power(1, input: alpha)] = p1
      base[layout.power(3, input: alpha)] = p3
      base[layout.power(4, input: alpha)] = p4
      base[layout.power(5, input: alpha)] = p5
      base[layout.power(6, input: alpha)] = p6
      base[layout.power(7, input: alpha)] = p7
      base[layout.power(8, input: alpha)] = p8
      for u in 0..<layout.units[l - 1] { base[layout.unit(u, input: alpha)] = x[u] }
    }
  }
}
