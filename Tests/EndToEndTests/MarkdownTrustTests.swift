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

  /// A headless Chromium, if one is installed (CI does not install one: then the DOM checks
  /// are skipped and the HTML checks alone hold).
  static let chromium: String? = {
    for name in ["chromium", "chromium-browser", "google-chrome", "google-chrome-stable"] {
      for folder in (ProcessInfo.processInfo.environment["PATH"] ?? "").split(separator: ":") {
        let path = "\(folder)/\(name)"
        if FileManager.default.isExecutableFile(atPath: path) { return path }
      }
    }
    return nil
  }()

  /// The DOM of `page` after Chromium loaded it and ran its scripts.
  static func dumpDOM(_ page: URL) throws -> String {
    let process = Process()
    process.executableURL = URL(fileURLWithPath: chromium!)
    process.arguments = [
      "--headless", "--no-sandbox", "--disable-gpu", "--virtual-time-budget=3000", "--dump-dom",
      page.absoluteString,
    ]
    let out = Pipe()
    process.standardOutput = out
    process.standardError = FileHandle.nullDevice
    try process.run()
    let data = out.fileHandleForReading.readDataToEndOfFile()
    process.waitUntilExit()
    return String(decoding: data, as: UTF8.self)
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
        "Figure 1.</span> &lt;img src=x onerror=&quot;document.title=&#39;pwned&#39;&quot;&gt; a_1*b_2*c"))
    #expect(page.contains("Figure 2.</span> &lt;img src=y"))
    #expect(page.contains("for <span class=\"math inline\">C_W</span>"))
    #expect(page.contains("Table 1.</span> &lt;b&gt;b&lt;/b&gt; a_1*b_2*c"))
    #expect(page.contains("<th>costs $5 and $10</th>"))
    #expect(page.contains("<td><span class=\"math inline\">x</span></td>"))
    #expect(!page.contains("<em>"))
    if Self.chromium != nil {
      let dom = try Self.dumpDOM(book.url("build/01-test.html"))
      #expect(dom.contains("<title>"), "Chromium gave no DOM")
      #expect(!dom.contains("pwned</title>"), "an onerror handler ran")
    }
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
}
