import Foundation

/// SplitMix64 (Steele, Lea & Flood 2014): a 64-bit mixer used to turn a `(seed, stream)` pair
/// into well-separated generator states.
@inlinable
public func splitMix64(_ state: inout UInt64) -> UInt64 {
  state &+= 0x9E37_79B9_7F4A_7C15
  var z = state
  z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
  z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
  return z ^ (z >> 31)
}

/// xoshiro256** (Blackman & Vigna 2018), seeded from `(seed, stream)` through SplitMix64.
///
/// Network `s` of an ensemble seeded with `seed` draws from `Xoshiro256(seed: seed, stream: s)`,
/// so results do not depend on how networks are split across threads.
public struct Xoshiro256: RandomNumberGenerator, Sendable {
  @usableFromInline var s0: UInt64, s1: UInt64, s2: UInt64, s3: UInt64

  /// A generator for stream `stream` of the master seed `seed`.
  public init(seed: UInt64, stream: UInt64 = 0) {
    var sm = seed ^ (stream &* 0xD1B5_4A32_D192_ED03)
    // Mix the stream index in twice so that consecutive streams start far apart.
    _ = splitMix64(&sm)
    sm ^= stream
    s0 = splitMix64(&sm)
    s1 = splitMix64(&sm)
    s2 = splitMix64(&sm)
    s3 = splitMix64(&sm)
    if s0 | s1 | s2 | s3 == 0 { s0 = 1 }
  }

  @inlinable
  public mutating func next() -> UInt64 {
    let result = ((s1 &* 5) << 7 | (s1 &* 5) >> 57) &* 9
    let t = s1 << 17
    s2 ^= s0
    s3 ^= s1
    s1 ^= s2
    s0 ^= s3
    s2 ^= t
    s3 = (s3 << 45) | (s3 >> 19)
    return result
  }

  /// A uniform double in [0, 1) with 53 random bits.
  @inlinable
  public mutating func nextUniform() -> Double {
    Double(next() >> 11) * 0x1.0p-53
  }

  /// A standard normal variate (Marsaglia's polar method). Simple and exact; the ensemble
  /// samplers use a faster vectorized generator.
  @inlinable
  public mutating func nextGaussian() -> Double {
    while true {
      let u = 2 * nextUniform() - 1
      let v = 2 * nextUniform() - 1
      let s = u * u + v * v
      if s > 0 && s < 1 {
        return u * (-2 * log(s) / s).squareRoot()
      }
    }
  }
}
