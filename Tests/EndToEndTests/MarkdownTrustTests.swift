import Browser
import Foundation
import Testing

/// Issue 10, cases 10–14 (the Markdown side) through the real `notes` binary: run-time text is
/// text, one math rule, unique ids, inline values in headings, private-use markers, and the
/// smaller messages.
@Suite struct MarkdownTrustTests {
  /// Builds a one-chapter book; returns the book and the result.
  func build(_ chapter: String, name: String = "01-test.md", _ arguments: String...) async throws -> (
    Workspace, NotesCLI.Result
  ) {
    try await ChapterLibraries.ready()
    let book = try Workspace()
    try book.write("chapters/\(name)", chapter)
    return (book, try NotesCLI.run(["build"] + arguments, in: book.root))
  }

  /// A headless Chromium (`scripts/install-deps --pdf` installs it; the DOM check fails without it).
  static let chromium: String? = Chromium.locate()

  /// The DOM of `page` after Chromium loaded it and ran its scripts (through the `Browser`
  /// module's DevTools client, the one `notes pdf` uses).
  static func dumpDOM(_ page: URL) throws -> String {
    let tab = try BrowserPage(executable: chromium!)
    defer { tab.browser.close() }
    try tab.load(page)
    return try tab.evaluate("document.documentElement.outerHTML") as? String ?? ""
  }

  // MARK: case 10

  @Test func runTimeTextIsEscapedTextWithMath() async throws {
    let (book, result) = try await build(
      """
      # Run-time text

      ```{swift}
      var fig = Figure(title: "<img src=x onerror=\\"document.title='pwned'\\"> a_1*b_2*c")
      fig.line(x: [1, 2], y: [1, 2], label: "l")
      show(fig)
      var g = Figure(title: "G")
      g.line(x: [1, 2], y: [2, 1], label: "m")
      show(g, caption: "<img src=y onerror=\\"document.title='pwned'\\"> for $C_W$")
      show(Table(columns: ["costs $5 and $10", "n"], rows: [["$x$", 1]], caption: "<b>b</b> a_1*b_2*c"))
      ```
      """)
    try #require(result.status == 0, "\(result)")
    let page = try book.read("build/01-test.html")
    #expect(!page.contains("<img src="), "raw HTML from run-time text reached the page")
    #expect(
      page.contains(
        "Figure 1.1.</span> &lt;img src=x onerror=&quot;document.title=&#39;pwned&#39;&quot;&gt; a_1*b_2*c"))
    #expect(page.contains("Figure 1.2.</span> &lt;img src=y"))
    #expect(page.contains("for <span class=\"math inline\">C_W</span>"))
    #expect(page.contains("Table 1.1.</span> &lt;b&gt;b&lt;/b&gt; a_1*b_2*c"))
    #expect(page.contains("<th>costs $5 and $10</th>"))
    #expect(page.contains("<td><span class=\"math inline\">x</span></td>"))
    #expect(!page.contains("<em>"))
    try #require(Self.chromium != nil, "no chromium on PATH: run scripts/install-deps --pdf")
    let dom = try Self.dumpDOM(book.url("build/01-test.html"))
    #expect(dom.contains("<title>"), "Chromium gave no DOM")
    #expect(!dom.contains("pwned</title>"), "an onerror handler ran")
  }

  // MARK: case 11

  @Test func dollarAmountsAreTextAndCodeStaysCode() async throws {
    let (book, result) = try await build(
      "# Dollars\n\nIt costs $5 and $10 here, and `$code$` stays code; $a*b$ is math.\n")
    try #require(result.status == 0, "\(result)")
    let page = try book.read("build/01-test.html")
    #expect(
      page.contains(
        "<p>It costs $5 and $10 here, and <code>$code$</code> stays code; <span class=\"math inline\">a*b</span> is math.</p>"
      ))
  }

  // MARK: case 12

  @Test func duplicateLabelsAreAnErrorAtTheSecond() async throws {
    let chapter = """
      # Tables

      ```{swift}
      //| label: tbl-a
      show(Table(columns: ["x"], rows: [[1]]))
      ```

      ```{swift}
      //| label: tbl-a
      show(Table(columns: ["y"], rows: [[2]]))
      ```

      See [@tbl-a].
      """
    let (book, result) = try await build(chapter)
    #expect(result.status == 1, "\(result)")
    #expect(
      result.stderr.contains("chapters/01-test.md:9:12: error: duplicate label 'tbl-a' (first at 4)"),
      "\(result)")
    #expect(!book.exists("build/01-test.html"))
  }

  @Test func generatedIDsNeverCollide() async throws {
    let chapter = """
      # Ids

      ## Cell 1

      ```{swift}
      //| label: fig-a
      var f = Figure(title: "F")
      f.line(x: [1, 2], y: [1, 2], label: "l")
      show(f)
      var g = Figure(title: "G")
      g.line(x: [1, 2], y: [2, 1], label: "m")
      show(g)
      ```

      ## fig-a

      ## fig-2

      See [@fig-a].
      """
    let (book, result) = try await build(chapter)
    try #require(result.status == 0, "\(result)")
    let page = try book.read("build/01-test.html")
    let ids = HTML.matches(" id=\"([^\"]*)\"", in: page).map { $0[0] }
    #expect(Set(ids).count == ids.count, "duplicate ids: \(ids)")
    #expect(page.contains("<h2 id=\"cell-1-1\">Cell 1"))
    #expect(page.contains("<div class=\"notes-cell\" id=\"cell-1\">"))
    #expect(page.contains("<h2 id=\"fig-a-1\">fig-a"))
    #expect(page.contains("<figure class=\"notes-figure\" id=\"fig-a\">"))
    #expect(page.contains("<h2 id=\"fig-2-1\">fig-2"))
    #expect(page.contains("<a href=\"#fig-a\">Figure 1.1</a>"))
  }

  // MARK: case 13

  @Test func inlineValueInAHeadingIsItsTextEverywhere() async throws {
    try await ChapterLibraries.ready()
    let book = try Workspace()
    try book.write(
      "chapters/01-results.md",
      """
      # Results for n = `{swift} 2 + 2`

      The abstract.

      ## Width `{swift} 3 * 3`

      ![n = `{swift} 2 + 2`](plot.png)
      """)
    try book.write("chapters/02-next.md", "# Next\n\nMore.\n")
    let result = try book.notes("build")
    try #require(result.status == 0, "\(result)")
    let page = try book.read("build/01-results.html")
    let next = try book.read("build/02-next.html")
    let index = try book.read("build/index.html")
    for html in [page, next, index] { #expect(!html.contains("{swift}"), "\(html)") }
    #expect(page.contains("<title>Results for n = 4"))
    #expect(page.contains("Results for n = <span class=\"notes-value\">4</span>"))
    #expect(page.contains("href=\"#width-9\""))
    #expect(page.contains("id=\"width-9\""))
    #expect(page.contains("alt=\"n = 4\""))
    #expect(next.contains("Results for n = <span class=\"notes-value\">4</span>"))
    #expect(index.contains("Results for n = <span class=\"notes-value\">4</span>"))
  }

  // MARK: case 14

  @Test func unterminatedFenceHint() async throws {
    let (_, result) = try await build("# T\n\n```{swift}\nlet x = 1\n\nMore prose here.\n")
    #expect(result.status == 1, "\(result)")
    #expect(
      result.stderr.contains(
        "chapters/01-test.md:3: warning: this block runs to the end of the file: its ``` fence is never closed"
      ),
      "\(result)")
  }

  @Test func compileErrorColumnsInsideContainers() async throws {
    let chapter = """
      # T

      > ```{swift}
      > let x: Int = "a"
      > ```

      1. An item:

         ```{swift}
         let y: Int = "b"
         ```
      """
    let (_, result) = try await build(chapter)
    #expect(result.status == 1, "\(result)")
    let first = try #require(SourceText.column(of: "\"a\"", onLineWith: "\"a\"", in: chapter))
    let second = try #require(SourceText.column(of: "\"b\"", onLineWith: "\"b\"", in: chapter))
    #expect(result.stderr.contains("chapters/01-test.md:4:\(first): error:"), "\(result)")
    #expect(result.stderr.contains("chapters/01-test.md:10:\(second): error:"), "\(result)")
  }

  @Test func privateUseCharactersAreNotMarkers() async throws {
    let forged = "\u{E000}0\u{E001}"
    let chapter = """
      # Private use

      Prose with \(forged) and $a$.

      ```{swift}
      print("\\u{E000}0\\u{E001} and \\u{E003}0\\u{E004}")
      ```
      """
    let (book, result) = try await build(chapter)
    try #require(result.status == 0, "\(result)")
    let page = try book.read("build/01-test.html")
    #expect(!page.unicodeScalars.contains { (0xE000...0xE00F).contains($0.value) })
    #expect(page.contains("Prose with &#xE000;0&#xE001; and <span class=\"math inline\">a</span>."))
    #expect(page.contains("<pre>&#xE000;0&#xE001; and &#xE003;0&#xE004;\n</pre>"))
  }

  @Test func labelOnABlockWithoutOutput() async throws {
    let (_, result) = try await build(
      "# T\n\n```{swift}\n//| output: false\n//| label: fig-a\nprint(1)\n```\n\nSee [@fig-a].\n")
    #expect(result.status == 1, "\(result)")
    #expect(
      result.stderr.contains(
        "chapters/01-test.md:5:12: error: a label needs the block's output; this block has output: false"),
      "\(result)")
  }
}
