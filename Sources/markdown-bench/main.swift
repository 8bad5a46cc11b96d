// markdown-bench: shows that parsing + math protection + rendering stay linear in the input
// size on pathological inputs. For each input it times size N and 2N in the same run and prints
// the ratio t(2N)/t(N) (≈ 2 when linear, ≈ 4 when quadratic) and the throughput.
//
//   swift run -c release markdown-bench
import Foundation
import Markdown

func seconds(_ body: () -> Void) -> Double {
  var best = Double.infinity
  for _ in 0..<3 {
    let start = DispatchTime.now().uptimeNanoseconds
    body()
    best = min(best, Double(DispatchTime.now().uptimeNanoseconds - start) / 1e9)
  }
  return best
}

let paragraph = """
  In a deep linear network the two-point function obeys $G^{(l+1)} = C_W G^{(l)}$, so that
  $G^{(l)} = C_W^l G^{(0)}$; with *Gaussian* weights the connected four-point function grows as
  $\\frac{2(l-1)}{n} (G^{(l)})^2$ [see PDLT](https://arxiv.org/abs/2106.10165) and `code $x$`.

  $$
  E\\left[z^4\\right] = 3 G_4^{(l)}, \\qquad G_4^{(l+1)} = C_W^2\\left(1 + \\frac{2}{n}\\right) G_4^{(l)}
  $$

  | n | L | value |
  |---|---|-------|
  | 32 | 20 | $|x|$ |


  """

let cases: [(String, (Int) -> String)] = [
  ("nested [", { String(repeating: "[", count: $0) }),
  ("nested *", { String(repeating: "*", count: $0) }),
  ("runs of $", { String(repeating: "$", count: $0) }),
  ("$a $b … (no closers)", { String(repeating: "$a ", count: $0 / 3) }),
  ("\\( without closers", { String(repeating: "\\(a ", count: $0 / 4) }),
  ("backtick runs", { String(repeating: "`` a ` ", count: $0 / 7) }),
  ("nested > quotes", { String(repeating: ">", count: $0) + " $x$" }),
  ("realistic chapter", { String(repeating: paragraph, count: max(1, $0 / paragraph.utf8.count)) }),
]

print("input                       size N      t(N)      t(2N)   ratio   MB/s")
let only = CommandLine.arguments.dropFirst().first
for (name, make) in cases where only == nil || name.hasPrefix(only!) {
  let n =
    Int(ProcessInfo.processInfo.environment["MARKDOWN_BENCH_N"] ?? "")
    ?? (name == "realistic chapter" ? 5_000_000 : 50_000)
  let small = make(n)
  let large = make(2 * n)
  let t1 = seconds { _ = Document(parsing: small).render() }
  let t2 = seconds { _ = Document(parsing: large).render() }
  print(
    name.padding(toLength: 26, withPad: " ", startingAt: 0),
    String(
      format: "%9d  %7.4fs  %7.4fs  %5.2f  %6.1f", small.utf8.count, t1, t2, t2 / t1,
      Double(large.utf8.count) / t2 / 1e6))
}
