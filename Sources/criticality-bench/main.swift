import Criticality
import Foundation

func now() -> Double { Date().timeIntervalSince1970 }
let g = VectorGaussian(seed: 1, stream: 0)
var buf = [Double](repeating: 0, count: 4096)
var acc = 0.0
let t0 = now()
let reps = 40000
buf.withUnsafeMutableBufferPointer { b in
  for _ in 0..<reps {
    g.fill(b)
    acc += b[17]
  }
}
let dt = now() - t0
print("gen: \(Double(reps * 4096) / dt / 1e6) M/s  \(acc)")
var s1 = 0.0, s2 = 0.0, s4 = 0.0
for x in buf { s1 += x; s2 += x*x; s4 += x*x*x*x }
print(s1/4096, s2/4096, s4/4096)
