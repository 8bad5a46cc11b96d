import Foundation
import Testing

/// Issue 16: the libraries' API reference in the book, and listings whose names link to it.
@Suite struct APIReferenceTests {
  /// A chapter that uses `MLP`, `ensemble(…)`, `normalizedFourthCumulant(…)` and `Figure`, with
  /// a local variable named like the method `ensemble`.
  static let chapter = """
    # Linked

    ```{swift}
    let net = MLP.deepLinear(inputWidth: 2, width: 8, depth: 3)
    let ens = try net.ensemble(inputs: [[1, 0.5]], samples: 20, seed: 1)
    let ensemble = ens.normalizedFourthCumulant(layer: 2)
    print(ensemble.value.isFinite)
    var fig = Figure(title: "t", xLabel: "l")
    fig.line(x: [1, 2], y: [1, 2], label: "y")
    ```

    """

  static let ensembleAnchor = "MLP.ensemble(inputs:samples:seed:method:threads:recordedUnits:progress:)"
  static let cumulantAnchor = "Ensemble.normalizedFourthCumulant(layer:input:)"

  @Test func listingsLinkResolvedNamesAndTheReferenceListsTheLibraries() async throws {
    try await ChapterLibraries.ready()
    let book = try Workspace()
    try book.write("chapters/01-linked.md", Self.chapter)
    let result = try book.notes("build")
    try #require(result.status == 0, "\(result)")
    #expect(
      result.stdout.contains("notes: API reference of NotebookRuntime, Criticality, Figures"), "\(result)")
    #expect(result.stdout.contains("without a doc comment"), "\(result)")

    // The listing: names resolved by the compiler link to their entries, with the summary as title.
    let page = try book.read("build/01-linked.html")
    let links = HTML.matches(#"<a class="api-link" href="([^"]*)" title="([^"]*)">([^<]*)</a>"#, in: page)
    let byName = Dictionary(links.map { ($0[2], $0[0]) }, uniquingKeysWith: { a, _ in a })
    #expect(byName["ensemble"] == "reference-Criticality.html#\(Self.ensembleAnchor)", "\(links)")
    #expect(
      byName["normalizedFourthCumulant"] == "reference-Criticality.html#\(Self.cumulantAnchor)", "\(links)")
    #expect(byName["MLP"] == "reference-Criticality.html#MLP", "\(links)")
    #expect(
      byName["deepLinear"] == "reference-Criticality.html#MLP.deepLinear(inputWidth:width:depth:cw:weights:)")
    #expect(byName["Figure"] == "reference-Figures.html#Figure", "\(links)")
    #expect(byName["line"]?.hasPrefix("reference-Figures.html#Figure.line(") == true, "\(links)")
    // The local `let ensemble` (declared and used) is not the method: one link named `ensemble`.
    #expect(links.filter { $0[2] == "ensemble" }.count == 1, "\(links)")
    #expect(page.contains("let ensemble = ens."), "the local variable stays text")
    #expect(page.contains("print(ensemble.<a"), "its use stays text, its member links")
    let title = links.first { $0[2] == "normalizedFourthCumulant" }?[1] ?? ""
    #expect(title.hasPrefix("The normalized fourth cumulant"), "\(title)")

    // The reference: one page per module, entries with declarations and doc comments.
    let reference = try book.read("build/reference-Criticality.html")
    for anchor in ["MLP", "DeepLinearTheory", Self.ensembleAnchor, Self.cumulantAnchor] {
      #expect(reference.contains("id=\"\(anchor)\""), "no entry \(anchor)")
    }
    #expect(
      reference.contains(#"<span class="api-keyword">struct</span> <span class="api-identifier">MLP</span>"#))
    #expect(reference.contains(#"class="math display""#), "the MLP's formula is display math")
    #expect(reference.contains("<dt><code>samples</code></dt>"), "ensemble's parameters")
    let figures = try book.read("build/reference-Figures.html")
    #expect(
      figures.contains(#"<span class="api-keyword">struct</span> <span class="api-identifier">Figure</span>"#)
    )
    // Reachable from the sidebar of every page and from the index.
    for file in ["build/01-linked.html", "build/index.html", "build/reference-Figures.html"] {
      #expect(try book.read(file).contains("href=\"reference-Criticality.html\""), "\(file)")
    }

    // Searchable: each entry is a section of its module page in the search index, with its doc
    // comment's words and TeX.
    let index = try book.read("build/assets/search-index.js")
    #expect(index.contains("{\"href\":\"reference-Criticality.html\""), "the reference is in the index")
    #expect(index.contains("{\"anchor\":\"\(Self.cumulantAnchor)\""), "an entry is a section")
    #expect(index.contains("\"heading\":\"MLP.ensemble("))

    // In a browser: the formulas typeset without errors, and the links survive highlighting.
    try #require(MarkdownTrustTests.chromium != nil, "no chromium on PATH: run scripts/install-deps")
    let referenceDOM = try MarkdownTrustTests.dumpDOM(book.url("build/reference-Criticality.html"))
    #expect(referenceDOM.contains("class=\"katex"), "KaTeX did not run")
    #expect(!referenceDOM.contains("katex-error"), "a doc comment's formula does not typeset")
    let chapterDOM = try MarkdownTrustTests.dumpDOM(book.url("build/01-linked.html"))
    #expect(chapterDOM.contains("hljs"), "highlight.js did not run")
    #expect(
      chapterDOM.contains("<a class=\"api-link\" href=\"reference-Criticality.html#\(Self.cumulantAnchor)\""),
      "the link is gone after highlighting")
    #expect(chapterDOM.contains(">normalizedFourthCumulant</a>"))
  }

  /// A book with its own package: a doc-comment edit in the library shows on the next build.
  @Test func aDocCommentEditShowsInTheReferenceOnTheNextBuild() throws {
    let book = try Workspace()
    try book.write(
      "Package.swift",
      """
      // swift-tools-version:6.0
      import PackageDescription

      let package = Package(
        name: "lenses",
        products: [.library(name: "Optics", targets: ["Optics"])],
        targets: [.target(name: "Optics")]
      )

      """)
    func library(_ summary: String) -> String {
      """
      /// \(summary)
      ///
      /// - Parameters:
      ///   - n: the refractive index $n$.
      ///   - r1: the first radius $R_1$.
      ///   - r2: the second radius $R_2$.
      /// - Returns: $f$ from $1/f = (n - 1)(1/R_1 - 1/R_2)$.
      public func focalLength(n: Double, r1: Double, r2: Double) -> Double {
        1 / ((n - 1) * (1 / r1 - 1 / r2))
      }

      public func undocumented() -> Int { 1 }

      """
    }
    try book.write("Sources/Optics/Optics.swift", library("The focal length of a thin lens."))
    try book.write("notes.toml", "title = \"Optics\"\n")
    try book.write(
      "chapters/01-optics.md",
      "# Optics\n\n```{swift}\nlet focalLength = Optics.focalLength(n: 1.5, r1: 0.1, r2: -0.1)\nprint(focalLength)\n```\n"
    )

    let first = try book.notes("build")
    try #require(first.status == 0, "\(first)")
    #expect(first.stdout.contains("1 without a doc comment"), "\(first)")
    let before = try book.read("build/reference-Optics.html")
    #expect(before.contains("The focal length of a thin lens."))
    #expect(before.contains("<a href=\"#undocumented()\"><code>undocumented()</code></a>"), "listed")
    let page = try book.read("build/01-optics.html")
    #expect(page.contains("title=\"The focal length of a thin lens.\">focalLength</a>(n:"), "\(page)")
    #expect(page.contains("let focalLength = "), "the local constant is not linked")

    try book.write("Sources/Optics/Optics.swift", library("The focal length $f$ of a thin lens in air."))
    let second = try book.notes("build")
    try #require(second.status == 0, "\(second)")
    let after = try book.read("build/reference-Optics.html")
    #expect(after.contains("of a thin lens in air."), "the edit is not in the reference")
    #expect(!after.contains("The focal length of a thin lens."))
    #expect(try book.read("build/01-optics.html").contains("of a thin lens in air.\">focalLength</a>"))

    // A warm build reads the stamped graphs: nothing extracted.
    let warm = try book.notes("build")
    try #require(warm.status == 0, "\(warm)")
    #expect(warm.stdout.contains("read in"), "\(warm)")
  }
}
