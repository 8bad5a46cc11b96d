import Foundation
import Site

/// Shared test fixtures: a small course, temporary folders and a byte-exact folder snapshot.
enum Fixtures {
  static let configuration = SiteConfiguration(
    title: "Deep Nets & Criticality", author: "A. Lecturer",
    description: "Notes on <PDLT> at initialization.", language: "en")

  /// Three chapters: math + code + table + footnote + figure in the second one.
  static func chapters() -> [ChapterPage] {
    [
      ChapterPage(
        slug: "01-intro", sourcePath: "chapters/01-intro.md",
        titleHTML: "Introduction", titleText: "Introduction",
        abstractHTML: "Why <em>initialization</em> matters.",
        sections: [
          SectionHeading(level: 2, titleHTML: "Setup", anchor: "setup"),
          SectionHeading(level: 3, titleHTML: "Notation", anchor: "notation"),
          SectionHeading(level: 2, titleHTML: "Plan", anchor: "plan"),
        ],
        bodyHTML: """
          <p>Plain text.</p>
          <h2 id="setup">Setup</h2>
          <p>Networks.</p>
          <h3 id="notation">Notation</h3>
          <p>Width n.</p>
          <h2 id="plan">Plan</h2>
          <p>Read on.</p>
          """),
      ChapterPage(
        slug: "02-two-point", sourcePath: "chapters/02-two-point.md",
        titleHTML: "The kernel <span class=\"math inline\">K^{(\\ell)}</span>",
        titleText: "The kernel K <script>alert(\"x\")</script> & co",
        abstractHTML: nil,
        sections: [
          SectionHeading(level: 2, titleHTML: "Recursion", anchor: "recursion"),
          SectionHeading(level: 2, titleHTML: "Fixed points", anchor: "fixed-points"),
        ],
        bodyHTML: sampleBody, hasMath: true, hasCode: true, titleHasMath: true),
      ChapterPage(
        slug: "03-four-point", sourcePath: "chapters/03-four-point.md",
        titleHTML: "Four-point <code>V</code>", titleText: "Four-point V",
        abstractHTML: "The quartic correction.", sections: [],
        bodyHTML: "<p>Last chapter.</p>"),
    ]
  }

  /// A chapter body with every element class the engine emits.
  static let sampleBody = """
    <p>The preactivation kernel <span class="math inline">K^{(\\ell+1)} = C_b + C_W \\langle \\sigma(z)\\sigma(z)\\rangle_{K^{(\\ell)}}</span> obeys a recursion; its value here is <code class="notes-value">1.0000</code>.</p>
    <h2 id="recursion">Recursion</h2>
    <div class="math display">K^{(\\ell+1)}_{\\alpha_1\\alpha_2} = C_b + C_W \\frac{1}{n_\\ell}\\sum_{j=1}^{n_\\ell} \\mathbb{E}\\left[\\sigma\\big(z^{(\\ell)}_{j;\\alpha_1}\\big)\\,\\sigma\\big(z^{(\\ell)}_{j;\\alpha_2}\\big)\\right] + O\\!\\left(\\frac{1}{n}\\right) + \\sum_{k=1}^{L} \\frac{(-1)^k}{k!}\\,\\chi_{\\parallel}^{k}\\,\\chi_{\\perp}^{L-k}</div>
    <pre><code class="language-swift">import Criticality

    let k = kernelRecursion(cb: 0, cw: 2, depth: 10)
    print(k.last!) // fixed point
    </code></pre>
    <div class="notes-output"><pre>K = 1.0000
    chi_perp = 1.0000</pre></div>
    <div class="notes-warning"><pre>warning: variable 'x' was never used</pre></div>
    <div class="notes-error"><p>Block at chapters/02-two-point.md:40 failed (exit 1):</p><pre>Fatal error: index out of range</pre></div>
    <h2 id="fixed-points">Fixed points</h2>
    <div class="table-wrap"><table>
    <thead><tr><th>activation</th><th><span class="math inline">C_b</span></th><th><span class="math inline">C_W</span></th></tr></thead>
    <tbody><tr><td>tanh</td><td>0</td><td>1</td></tr><tr><td>ReLU</td><td>0</td><td>2</td></tr><tr><td>GELU</td><td>0</td><td>1.98</td></tr></tbody>
    </table></div>
    <figure class="notes-figure" id="fig-1"><svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 200 100" width="400" height="200"><path d="M10 90 L60 40 L110 60 L190 10" fill="none" stroke="currentColor" stroke-width="2"/><text x="10" y="20" fill="currentColor" font-size="10">K(l)</text></svg><figcaption>Figure 1: the kernel across depth. <a class="data-link" href="data/02-two-point-fig-1.csv">data</a></figcaption></figure>
    <p>A claim with a footnote.<sup class="footnote-ref"><a href="#fn-1" id="fnref-1" data-footnote-ref>1</a></sup></p>
    <section class="footnotes" data-footnotes>
    <ol>
    <li id="fn-1"><p>See PDLT, eq. (4.1). <a href="#fnref-1" class="footnote-backref" data-footnote-backref aria-label="Back to content">↩</a></p></li>
    </ol>
    </section>
    """

  static func builder(theme: URL? = nil, assets: AssetSources = .debian, environment: [String: String] = [:])
    -> SiteBuilder
  {
    SiteBuilder(
      configuration: configuration, themeDirectory: theme, assetSources: assets, environment: environment)
  }
}

/// A fresh temporary folder, removed when `body` returns.
func withTemporaryDirectory<T>(_ body: (URL) throws -> T) throws -> T {
  let url = FileManager.default.temporaryDirectory
    .appendingPathComponent("notes-site-tests-\(UUID().uuidString)", isDirectory: true)
  try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
  defer { try? FileManager.default.removeItem(at: url) }
  return try body(url)
}

/// Every entry below `root`, by relative path: file contents, `"<dir>"` for folders,
/// `"<symlink → target>"` for symlinks (never followed).
func snapshot(_ root: URL) -> [String: Data] {
  var result: [String: Data] = [:]
  func walk(_ relative: String) {
    let path = relative.isEmpty ? root.path : root.path + "/" + relative
    let names = (try? FileManager.default.contentsOfDirectory(atPath: path)) ?? []
    for name in names {
      let rel = relative.isEmpty ? name : relative + "/" + name
      let full = root.path + "/" + rel
      let attributes = try? FileManager.default.attributesOfItem(atPath: full)
      let type = attributes?[.type] as? FileAttributeType
      if type == .typeSymbolicLink {
        let target = (try? FileManager.default.destinationOfSymbolicLink(atPath: full)) ?? "?"
        result[rel] = Data("<symlink → \(target)>".utf8)
      } else if type == .typeDirectory {
        result[rel] = Data("<dir>".utf8)
        walk(rel)
      } else {
        result[rel] = FileManager.default.contents(atPath: full) ?? Data("<unreadable>".utf8)
      }
    }
  }
  walk("")
  return result
}

func readText(_ url: URL, _ relative: String) -> String {
  String(decoding: FileManager.default.contents(atPath: url.path + "/" + relative) ?? Data(), as: UTF8.self)
}

/// The substring of `html` between the first `start` and the next `end` after it.
func slice(_ html: String, from start: String, to end: String) -> String? {
  guard let a = html.range(of: start), let b = html[a.upperBound...].range(of: end) else { return nil }
  return String(html[a.upperBound..<b.lowerBound])
}
