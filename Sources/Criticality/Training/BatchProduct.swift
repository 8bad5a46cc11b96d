/// `c[q·columns + col] = Σ_{k<inner} a[q·rowStride + k·innerStride] · b[k·columns + col]` for
/// `q < rows`, each sum in the order of `dot`: four partial sums by `k mod 4`, the last
/// `inner mod 4` terms into the first, combined as `(s₀ + s₁) + (s₂ + s₃)`. So every element is
/// bit for bit what `dot` over the same two vectors gives (products commute exactly), while four
/// neighbouring columns run in one SIMD vector: no transposes, and no horizontal sum per element.
@inline(__always)
func batchProduct(
  _ a: UnsafePointer<Double>, rowStride: Int, innerStride: Int, rows: Int, inner: Int,
  _ b: UnsafePointer<Double>, columns: Int, into c: UnsafeMutablePointer<Double>
) {
  typealias Vector = SIMD4<Double>
  let width = Vector.scalarCount
  @inline(__always) func load(_ p: UnsafePointer<Double>) -> Vector {
    UnsafeRawPointer(p).loadUnaligned(as: Vector.self)
  }
  for q in 0..<rows {
    let aq = a + q * rowStride
    let cq = c + q * columns
    var col = 0
    while col + width <= columns {
      var (s0, s1, s2, s3) = (Vector(), Vector(), Vector(), Vector())
      var k = 0
      while k + 4 <= inner {
        s0 += aq[k * innerStride] * load(b + k * columns + col)
        s1 += aq[(k + 1) * innerStride] * load(b + (k + 1) * columns + col)
        s2 += aq[(k + 2) * innerStride] * load(b + (k + 2) * columns + col)
        s3 += aq[(k + 3) * innerStride] * load(b + (k + 3) * columns + col)
        k += 4
      }
      while k < inner {
        s0 += aq[k * innerStride] * load(b + k * columns + col)
        k += 1
      }
      UnsafeMutableRawPointer(cq + col).storeBytes(of: (s0 + s1) + (s2 + s3), as: Vector.self)
      col += width
    }
    while col < columns {
      var (s0, s1, s2, s3) = (0.0, 0.0, 0.0, 0.0)
      var k = 0
      while k + 4 <= inner {
        s0 += aq[k * innerStride] * b[k * columns + col]
        s1 += aq[(k + 1) * innerStride] * b[(k + 1) * columns + col]
        s2 += aq[(k + 2) * innerStride] * b[(k + 2) * columns + col]
        s3 += aq[(k + 3) * innerStride] * b[(k + 3) * columns + col]
        k += 4
      }
      while k < inner {
        s0 += aq[k * innerStride] * b[k * columns + col]
        k += 1
      }
      cq[col] = (s0 + s1) + (s2 + s3)
      col += 1
    }
  }
}
