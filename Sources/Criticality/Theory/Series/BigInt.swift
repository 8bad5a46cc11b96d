import Foundation

/// A signed integer of unbounded size: the exact arithmetic under `Rational`.
///
/// Sign and magnitude, the magnitude in base 2^32 limbs (least significant first, no leading
/// zero limbs; zero has no limbs and is never negative). Schoolbook multiplication and binary
/// long division: ample for the few-hundred-bit numbers of the `1/n` series algebra.
public struct BigInt: Sendable, Hashable, Comparable, CustomStringConvertible,
  ExpressibleByIntegerLiteral
{
  /// Magnitude limbs, least significant first.
  var limbs: [UInt32]
  /// True for negative numbers (never for zero).
  var negative: Bool

  init(limbs: [UInt32], negative: Bool) {
    var l = limbs
    while let last = l.last, last == 0 { l.removeLast() }
    self.limbs = l
    self.negative = l.isEmpty ? false : negative
  }

  /// The integer `value`.
  public init(_ value: Int) {
    var m = value.magnitude
    var l: [UInt32] = []
    while m != 0 {
      l.append(UInt32(truncatingIfNeeded: m))
      m >>= 32
    }
    self.init(limbs: l, negative: value < 0)
  }

  public init(integerLiteral value: Int) { self.init(value) }

  /// $0$.
  public static let zero = BigInt(0)
  /// $1$.
  public static let one = BigInt(1)

  /// Whether it is $0$.
  public var isZero: Bool { limbs.isEmpty }
  /// Whether it is less than $0$.
  public var isNegative: Bool { negative }
  /// −1, 0 or +1.
  public var signum: Int { isZero ? 0 : (negative ? -1 : 1) }
  /// The absolute value $|a|$.
  public var magnitude: BigInt { BigInt(limbs: limbs, negative: false) }

  // MARK: Magnitude arithmetic

  static func compareMagnitudes(_ a: [UInt32], _ b: [UInt32]) -> Int {
    if a.count != b.count { return a.count < b.count ? -1 : 1 }
    var i = a.count - 1
    while i >= 0 {
      if a[i] != b[i] { return a[i] < b[i] ? -1 : 1 }
      i -= 1
    }
    return 0
  }

  static func addMagnitudes(_ a: [UInt32], _ b: [UInt32]) -> [UInt32] {
    var r: [UInt32] = []
    r.reserveCapacity(max(a.count, b.count) + 1)
    var carry: UInt64 = 0
    for i in 0..<max(a.count, b.count) {
      let s = UInt64(i < a.count ? a[i] : 0) + UInt64(i < b.count ? b[i] : 0) + carry
      r.append(UInt32(truncatingIfNeeded: s))
      carry = s >> 32
    }
    if carry != 0 { r.append(UInt32(carry)) }
    return r
  }

  /// a − b for |a| ≥ |b|.
  static func subtractMagnitudes(_ a: [UInt32], _ b: [UInt32]) -> [UInt32] {
    var r: [UInt32] = []
    r.reserveCapacity(a.count)
    var borrow: Int64 = 0
    for i in 0..<a.count {
      var d = Int64(a[i]) - Int64(i < b.count ? b[i] : 0) - borrow
      if d < 0 {
        d += 1 << 32
        borrow = 1
      } else {
        borrow = 0
      }
      r.append(UInt32(d))
    }
    return r
  }

  static func multiplyMagnitudes(_ a: [UInt32], _ b: [UInt32]) -> [UInt32] {
    if a.isEmpty || b.isEmpty { return [] }
    var r = [UInt32](repeating: 0, count: a.count + b.count)
    for i in 0..<a.count {
      var carry: UInt64 = 0
      let ai = UInt64(a[i])
      for j in 0..<b.count {
        let t = ai * UInt64(b[j]) + UInt64(r[i + j]) + carry
        r[i + j] = UInt32(truncatingIfNeeded: t)
        carry = t >> 32
      }
      r[i + b.count] = UInt32(carry)
    }
    return r
  }

  var bitWidth: Int {
    guard let last = limbs.last else { return 0 }
    return 32 * (limbs.count - 1) + (32 - last.leadingZeroBitCount)
  }

  func bit(_ i: Int) -> Bool {
    (limbs[i / 32] >> UInt32(i % 32)) & 1 == 1
  }

  /// Quotient and remainder of magnitudes by binary long division.
  static func divideMagnitudes(_ a: BigInt, _ b: BigInt) -> (BigInt, BigInt) {
    require(!b.isZero, "BigInt division by zero")
    if compareMagnitudes(a.limbs, b.limbs) < 0 { return (.zero, a.magnitude) }
    if b.limbs.count == 1 {
      let d = UInt64(b.limbs[0])
      var q = [UInt32](repeating: 0, count: a.limbs.count)
      var rem: UInt64 = 0
      for i in stride(from: a.limbs.count - 1, through: 0, by: -1) {
        let cur = (rem << 32) | UInt64(a.limbs[i])
        q[i] = UInt32(cur / d)
        rem = cur % d
      }
      return (BigInt(limbs: q, negative: false), BigInt(limbs: [UInt32(rem)], negative: false))
    }
    var q = [UInt32](repeating: 0, count: a.limbs.count)
    var r: [UInt32] = []
    for i in stride(from: a.bitWidth - 1, through: 0, by: -1) {
      // r = 2 r + bit
      var carry: UInt32 = a.bit(i) ? 1 : 0
      for k in 0..<r.count {
        let nc = r[k] >> 31
        r[k] = (r[k] << 1) | carry
        carry = nc
      }
      if carry != 0 { r.append(carry) }
      if compareMagnitudes(r, b.limbs) >= 0 {
        r = subtractMagnitudes(r, b.limbs)
        while let last = r.last, last == 0 { r.removeLast() }
        q[i / 32] |= 1 << UInt32(i % 32)
      }
    }
    return (BigInt(limbs: q, negative: false), BigInt(limbs: r, negative: false))
  }

  // MARK: Signed arithmetic

  /// The negation $-a$.
  public static prefix func - (a: BigInt) -> BigInt { BigInt(limbs: a.limbs, negative: !a.negative) }

  /// The exact sum $a + b$.
  public static func + (a: BigInt, b: BigInt) -> BigInt {
    if a.negative == b.negative {
      return BigInt(limbs: addMagnitudes(a.limbs, b.limbs), negative: a.negative)
    }
    if compareMagnitudes(a.limbs, b.limbs) >= 0 {
      return BigInt(limbs: subtractMagnitudes(a.limbs, b.limbs), negative: a.negative)
    }
    return BigInt(limbs: subtractMagnitudes(b.limbs, a.limbs), negative: b.negative)
  }

  /// The exact difference $a - b$.
  public static func - (a: BigInt, b: BigInt) -> BigInt { a + (-b) }

  /// The exact product $a b$.
  public static func * (a: BigInt, b: BigInt) -> BigInt {
    BigInt(limbs: multiplyMagnitudes(a.limbs, b.limbs), negative: a.negative != b.negative)
  }

  /// Truncating division, as for `Int` (and, like `Int`, trapping on division by zero): the quotient rounds toward zero and the remainder has
  /// the sign of the dividend.
  public func quotientAndRemainder(dividingBy b: BigInt) -> (quotient: BigInt, remainder: BigInt) {
    let (q, r) = BigInt.divideMagnitudes(self, b)
    return (
      BigInt(limbs: q.limbs, negative: negative != b.negative), BigInt(limbs: r.limbs, negative: negative)
    )
  }

  /// The quotient of truncating division (see `quotientAndRemainder(dividingBy:)`).
  public static func / (a: BigInt, b: BigInt) -> BigInt { a.quotientAndRemainder(dividingBy: b).quotient }
  /// The remainder of truncating division, with the sign of `a`.
  public static func % (a: BigInt, b: BigInt) -> BigInt { a.quotientAndRemainder(dividingBy: b).remainder }

  /// The greatest common divisor of |a| and |b| (Euclid); gcd(0, 0) = 0.
  public static func gcd(_ a: BigInt, _ b: BigInt) -> BigInt {
    var x = a.magnitude
    var y = b.magnitude
    while !y.isZero { (x, y) = (y, x % y) }
    return x
  }

  /// `self^k` for `k ≥ 0` (binary powering). Throws for negative `k`.
  public func power(_ k: Int) throws -> BigInt {
    guard k >= 0 else { throw CriticalityError("BigInt.power: the exponent must be ≥ 0, got \(k)") }
    var result = BigInt.one
    var base = self
    var e = k
    while e > 0 {
      if e & 1 == 1 { result = result * base }
      base = base * base
      e >>= 1
    }
    return result
  }

  public static func < (a: BigInt, b: BigInt) -> Bool {
    if a.negative != b.negative { return a.negative }
    let c = compareMagnitudes(a.limbs, b.limbs)
    return a.negative ? c > 0 : c < 0
  }

  // MARK: Conversions

  /// The nearest `Double` (to within one rounding of the top 64 bits), ±∞ beyond its range.
  public var doubleValue: Double {
    let (m, e) = mantissaAndExponent
    return scalbn(m, e)
  }

  /// `(m, e)` with `self ≈ m · 2^e`, `|m| < 2^64`: a `Double` view that never overflows.
  var mantissaAndExponent: (Double, Int) {
    if isZero { return (0, 0) }
    let shift = max(0, bitWidth - 64)
    var top: UInt64 = 0
    for i in stride(from: bitWidth - 1, through: shift, by: -1) {
      top = (top << 1) | (bit(i) ? 1 : 0)
    }
    let m = Double(top)
    return (negative ? -m : m, shift)
  }

  /// The value as an `Int` if it fits.
  public var intValue: Int? {
    if bitWidth > 63 { return nil }
    var m: UInt64 = 0
    for (i, l) in limbs.enumerated() { m |= UInt64(l) << UInt64(32 * i) }
    return negative ? -Int(m) : Int(m)
  }

  /// Decimal digits, with a leading `-` for negative numbers.
  public var description: String {
    if isZero { return "0" }
    var chunks: [UInt32] = []
    var m = magnitude
    let billion = BigInt(1_000_000_000)
    while !m.isZero {
      let (q, r) = BigInt.divideMagnitudes(m, billion)
      chunks.append(r.limbs.first ?? 0)
      m = q
    }
    var s = negative ? "-" : ""
    s += String(chunks.last!)
    for c in chunks.dropLast().reversed() {
      let d = String(c)
      s += String(repeating: "0", count: 9 - d.count) + d
    }
    return s
  }
}
