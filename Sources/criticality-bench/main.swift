// criticality-bench: throughput of the Monte Carlo ensembles of `Criticality`, against numpy.
//
//   swift run -c release criticality-bench [--quick] [--no-numpy] [--threads T] [--repeats R]
//     [--generator-only] [--width n] [--orthogonal]
//
// For (n, L) = (16, 20), (64, 20), (256, 10), deep linear Gaussian networks (C_w = 1, one input
// x = (1, …, 1)): networks/s and Gaussian variates/s of the brute force, networks/s of the exact
// sampler, and the same brute-force ensemble in numpy (bench/numpy_ensemble.py, float64 and
// float32, 2 threads with one Generator each), run in the same process tree, with the ratios.
// Every figure is the best of `--repeats` runs (default 3; 1 with --quick), since the machine
// may be shared; "variates per CPU-second" divides by the user CPU time of all threads.
import Criticality
import Foundation

let arguments = CommandLine.arguments
let quick = arguments.contains("--quick")
let runNumpy = !arguments.contains("--no-numpy")
let threads: Int = {
  if let i = arguments.firstIndex(of: "--threads"), i + 1 < arguments.count, let t = Int(arguments[i + 1]) {
    return t
  }
  return ProcessInfo.processInfo.activeProcessorCount
}()

func seconds(_ body: () throws -> Void) rethrows -> Double {
  let start = DispatchTime.now().uptimeNanoseconds
  try body()
  return Double(DispatchTime.now().uptimeNanoseconds - start) / 1e9
}

/// CPU time of the whole process (all threads).
func processCPUSeconds() -> Double {
  var usage = rusage()
  getrusage(__rusage_who_t(RUSAGE_SELF.rawValue), &usage)
  return Double(usage.ru_utime.tv_sec) + Double(usage.ru_utime.tv_usec) / 1e6
}

let repeats: Int = {
  if let i = arguments.firstIndex(of: "--repeats"), i + 1 < arguments.count, let r = Int(arguments[i + 1]) {
    return max(1, r)
  }
  return quick ? 1 : 3
}()

/// CPU time of the calling thread, insensitive to other processes on a shared machine.
func threadCPUSeconds() -> Double {
  var t = timespec()
  clock_gettime(CLOCK_THREAD_CPUTIME_ID, &t)
  return Double(t.tv_sec) + Double(t.tv_nsec) / 1e9
}

func format(_ x: Double) -> String {
  if x >= 1e9 { return String(format: "%.2f G", x / 1e9) }
  if x >= 1e6 { return String(format: "%.2f M", x / 1e6) }
  if x >= 1e3 { return String(format: "%.2f k", x / 1e3) }
  return String(format: "%.1f ", x)
}

/// Runs bench/numpy_ensemble.py and returns (networks/s, variates/s), or nil.
func numpy(n: Int, L: Int, networks: Int, dtype: String) -> (Double, Double)? {
  let script = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
    .deletingLastPathComponent().appendingPathComponent("bench/numpy_ensemble.py")
  let process = Process()
  process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
  process.arguments = ["python3", script.path, "\(n)", "\(L)", "\(networks)", dtype, "2"]
  var environment = ProcessInfo.processInfo.environment
  // Old-CPU workarounds that slow a current numpy down (see the env notes): not for this run.
  environment["OPENBLAS_CORETYPE"] = nil
  environment["OPENBLAS_L2_SIZE"] = nil
  process.environment = environment
  let pipe = Pipe()
  process.standardOutput = pipe
  do { try process.run() } catch { return nil }
  let data = pipe.fileHandleForReading.readDataToEndOfFile()
  process.waitUntilExit()
  guard process.terminationStatus == 0,
    let object = try? JSONSerialization.jsonObject(with: data) as? [String: Any],
    let nps = object["networks_per_s"] as? Double, let vps = object["variates_per_s"] as? Double
  else { return nil }
  return (nps, vps)
}

// MARK: Generator alone (one thread)
do {
  let g = VectorGaussian(seed: 1, stream: 0)
  var buffer = [Double](repeating: 0, count: 1 << 14)
  let reps = quick ? 500 : 5000
  var sink = 0.0
  let cpu = threadCPUSeconds()
  let t = seconds {
    for _ in 0..<reps {
      g.fill(&buffer)
      sink += buffer[7]
    }
  }
  let cpuTime = threadCPUSeconds() - cpu
  let count = Double(reps * buffer.count)
  print(
    "generator (1 thread): \(format(count / t))variates/s wall, \(format(count / cpuTime))variates per CPU-second"
      + (sink.isNaN ? " NaN" : ""))
}

if arguments.contains("--generator-only") { exit(0) }

print("threads: \(threads)   (n, L)  brute force networks/s, variates/s | exact networks/s | numpy")
var summary: [String] = []
let weights: WeightDistribution = arguments.contains("--orthogonal") ? .orthogonal : .gaussian
let onlyWidth: Int? = {
  if let i = arguments.firstIndex(of: "--width"), i + 1 < arguments.count { return Int(arguments[i + 1]) }
  return nil
}()
for (n, L) in [(16, 20), (64, 20), (256, 10)] where onlyWidth == nil || onlyWidth == n {
  let net = MLP.deepLinear(inputWidth: n, width: n, depth: L, cw: 1, weights: weights)
  let x = [Double](repeating: 1, count: n)
  // Haar layers draw m(m+1)/2 − 1 + m variates (Householder vectors and signs), m = n.
  let variatesPerNetwork = Double(weights == .gaussian ? n * n * L : (n * (n + 1) / 2 - 1 + n) * L)
  let budget = quick ? 3e7 : 4e8
  let networks = max(16, Int(budget / variatesPerNetwork))
  // Best of `repeats` runs for every contender: the machine may be shared.
  var brute: Ensemble?
  var tBrute = Double.infinity
  var cpuBrute = Double.infinity
  for _ in 0..<repeats {
    let cpu = processCPUSeconds()
    let t = try seconds {
      brute = try net.ensemble(inputs: [x], samples: networks, seed: 1, threads: threads)
    }
    tBrute = min(tBrute, t)
    cpuBrute = min(cpuBrute, processCPUSeconds() - cpu)
  }
  let bruteNps = Double(networks) / tBrute
  let bruteVps = bruteNps * variatesPerNetwork
  let exactNetworks = quick ? 20_000 : 1_000_000
  var exact: Ensemble?
  var tExact = Double.infinity
  for _ in 0..<repeats {
    let t = try seconds {
      exact = try net.ensemble(inputs: [x], samples: exactNetworks, seed: 1, method: .exact, threads: threads)
    }
    tExact = min(tExact, t)
  }
  let exactNps = Double(exactNetworks) / tExact
  print(
    "(\(n), \(L)): brute \(format(bruteNps))networks/s, \(format(bruteVps))variates/s"
      + " (\(format(Double(networks) * variatesPerNetwork / cpuBrute))variates per CPU-second)"
      + " | exact \(format(exactNps))networks/s" + String(format: " = %.0f× brute", exactNps / bruteNps))
  // Sanity: E[z²] = C_w^L |x|²/n₀ = 1 at every layer of this network.
  print("    E[z²] at layer L: brute \(brute!.moment(2, layer: L)), exact \(exact!.moment(2, layer: L))")
  var line = String(format: "(%d, %d): brute/numpy", n, L)
  if runNumpy && weights == .gaussian {
    let numpyNetworks = max(8, networks / 4)
    var best = 0.0
    for dtype in ["float64", "float32"] {
      var result: (Double, Double)?
      for _ in 0..<repeats {
        if let r = numpy(n: n, L: L, networks: numpyNetworks, dtype: dtype), r.1 > (result?.1 ?? 0) {
          result = r
        }
      }
      if let (nps, vps) = result {
        print("    numpy \(dtype) (2 threads): \(format(nps))networks/s, \(format(vps))variates/s")
        best = max(best, vps)
        line += String(format: " %@ %.2f×", dtype, bruteVps / vps)
      } else {
        print("    numpy \(dtype): not available")
      }
    }
    if best > 0 { line += String(format: " (vs numpy's best %.2f×)", bruteVps / best) }
  }
  line += String(format: ", exact/brute %.0f×", exactNps / bruteNps)
  summary.append(line)
}
print("ratios:")
for line in summary { print("  " + line) }
