/// A fast standard-normal generator: `lanes` independent xoshiro256+ streams (Blackman & Vigna
/// 2018) advanced together in SIMD registers fill a block of 64-bit words, and a 256-layer
/// ziggurat (Marsaglia & Tsang 2000, with the signed double-precision abscissa of Doornik 2005)
/// turns each word into one N(0, 1) variate.
///
/// - Bits of a word: bits 3...10 pick the layer, bits 11...63 are the signed 53-bit abscissa
///   (xoshiro256+'s three weak low bits are discarded).
/// - About 1% of words fall outside the layer's inner rectangle and go to the exact wedge or
///   tail test (Marsaglia 1964), which draws extra uniforms from a scalar `Xoshiro256` of the
///   same stream. The result is an exact sampler of N(0, 1) up to the 2⁻⁵² grid of the abscissa
///   and the double-precision tables (computed once, `Ziggurat`).
///
/// Seeding: `reseed(seed:stream:)` seeds every lane through SplitMix64 from `(seed, stream)`, so
/// network `s` of an ensemble draws from stream `s` and its weights are bit-identical however
/// the networks are spread over threads. The output is one deterministic sequence per stream:
/// `fill` calls of any sizes concatenate to the same numbers.
///
/// Not thread-safe: use one generator per thread.
public final class VectorGaussian {
  /// Independent xoshiro256+ lanes.
  public static let lanes = 16
  /// xoshiro steps per lane per block.
  static let steps = 16
  /// Gaussians produced per block: one per 64-bit word, one word per lane step.
  public static let blockSize = lanes * steps

  // State words s0...s3 of each lane, structure-of-arrays.
  let state: UnsafeMutablePointer<UInt64>
  // Raw words of one block, step-major (`t · lanes + lane`).
  let words: UnsafeMutablePointer<UInt64>
  // Gaussians of the current block and how many of them were handed out.
  let block: UnsafeMutablePointer<Double>
  var used: Int
  // Extra uniforms for the ziggurat's rare rejection branch (about 1% of draws).
  var fallback: Xoshiro256
  let ziggurat = Ziggurat.shared
  /// xoshiro256's rotation `rotl(s3, 45) = (s3 << 45) | (s3 >> 19)`.
  var rotation: (left: UInt64, right: UInt64) = (45, 19)

  /// A generator for stream `stream` of the master seed `seed`.
  public init(seed: UInt64, stream: UInt64) {
    state = .allocate(capacity: 4 * Self.lanes)
    words = .allocate(capacity: Self.blockSize)
    block = .allocate(capacity: Self.blockSize)
    used = Self.blockSize
    fallback = Xoshiro256(seed: seed, stream: stream)
    reseed(seed: seed, stream: stream)
  }

  deinit {
    state.deallocate()
    words.deallocate()
    block.deallocate()
  }

  /// Restarts the generator at the beginning of stream `stream` of seed `seed`.
  public func reseed(seed: UInt64, stream: UInt64) {
    var sm = seed ^ (stream &* 0xD1B5_4A32_D192_ED03)
    _ = splitMix64(&sm)
    sm ^= stream
    _ = splitMix64(&sm)
    let n = Self.lanes
    for lane in 0..<n {
      var allZero = true
      for w in 0..<4 {
        let x = splitMix64(&sm)
        state[w * n + lane] = x
        if x != 0 { allZero = false }
      }
      if allZero { state[lane] = 1 }
    }
    used = Self.blockSize
    fallback = Xoshiro256(seed: sm, stream: stream)
  }

  /// Draws the raw words of one block: step `t` of lane `j` gives word `t·lanes + j`. Lanes are
  /// advanced four at a time in SIMD registers (state loaded once per block).
  @inline(__always)
  func drawWords() {
    typealias Word = SIMD4<UInt64>
    let n = Self.lanes
    let raw = UnsafeMutableRawPointer(state)
    let out = UnsafeMutableRawPointer(words)
    let stride = MemoryLayout<UInt64>.stride
    // The rotation amounts come from memory so that the compiler keeps `rotl(s3, 45)` as two
    // vector shifts instead of extracting the lanes for scalar `rol` (SSE2 has no vector rotate).
    let left = rotation.left
    let right = rotation.right
    for group in Swift.stride(from: 0, to: n, by: 4) {
      var s0 = raw.loadUnaligned(fromByteOffset: group * stride, as: Word.self)
      var s1 = raw.loadUnaligned(fromByteOffset: (n + group) * stride, as: Word.self)
      var s2 = raw.loadUnaligned(fromByteOffset: (2 * n + group) * stride, as: Word.self)
      var s3 = raw.loadUnaligned(fromByteOffset: (3 * n + group) * stride, as: Word.self)
      for t in 0..<Self.steps {
        out.storeBytes(of: s0 &+ s3, toByteOffset: (t * n + group) * stride, as: Word.self)
        let x = s1 &<< 17
        s2 ^= s0
        s3 ^= s1
        s1 ^= s2
        s0 ^= s3
        s2 ^= x
        s3 = (s3 &<< left) | (s3 &>> right)
      }
      raw.storeBytes(of: s0, toByteOffset: group * stride, as: Word.self)
      raw.storeBytes(of: s1, toByteOffset: (n + group) * stride, as: Word.self)
      raw.storeBytes(of: s2, toByteOffset: (2 * n + group) * stride, as: Word.self)
      raw.storeBytes(of: s3, toByteOffset: (3 * n + group) * stride, as: Word.self)
    }
  }

  /// Turns the raw words of one block into `blockSize` Gaussians written to `out` (ziggurat).
  @inline(__always)
  func transform(into out: UnsafeMutablePointer<Double>) {
    let z = ziggurat
    let wi = z.w
    let low = z.low
    let span = z.span
    var rng = fallback
    defer { fallback = rng }
    for i in 0..<Self.blockSize {
      let word = words[i]
      let layer = Int(truncatingIfNeeded: (word &>> 3) & 0xFF)
      let j = Int64(bitPattern: word) &>> 11
      let x = Double(j) * wi[layer]
      if UInt64(bitPattern: j) &+ low[layer] < span[layer] {
        out[i] = x
      } else {
        out[i] = z.slowPath(layer: layer, x: x, rng: &rng)
      }
    }
  }

  /// Fills `buffer` with the next `buffer.count` N(0, 1) variates of the stream.
  public func fill(_ buffer: UnsafeMutableBufferPointer<Double>) {
    guard var dst = buffer.baseAddress else { return }
    var remaining = buffer.count
    let size = Self.blockSize
    // Left-overs of the current block first.
    if used < size {
      let take = min(remaining, size - used)
      dst.update(from: block + used, count: take)
      used += take
      dst += take
      remaining -= take
    }
    while remaining >= size {
      drawWords()
      transform(into: dst)
      dst += size
      remaining -= size
    }
    if remaining > 0 {
      drawWords()
      transform(into: block)
      dst.update(from: block, count: remaining)
      used = remaining
    }
  }

  /// Fills `array` with the next `array.count` N(0, 1) variates of the stream.
  public func fill(_ array: inout [Double]) {
    array.withUnsafeMutableBufferPointer { fill($0) }
  }

  /// The next N(0, 1) variate of the stream.
  public func next() -> Double {
    if used == Self.blockSize {
      drawWords()
      transform(into: block)
      used = 0
    }
    used += 1
    return block[used - 1]
  }
}
