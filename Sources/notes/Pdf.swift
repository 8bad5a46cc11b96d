import ArgumentParser
import Book
import Browser
import Foundation
import Markdown
import Site

extension Notes {
  struct Pdf: ParsableCommand {
    static let configuration = CommandConfiguration(
      abstract: "Build the site, then print build/print.html (the whole book) to build/notes.pdf.",
      discussion: """
        Needs headless Chromium on PATH (Debian's chromium: scripts/install-deps --pdf, or \
        sudo apt-get install chromium). The PDF has the book's title and page numbers in its \
        footer; KaTeX math and SVG figures are printed as the browser shows them.
        """)

    /// The build's options (`--output`, `--chapters`, `--jobs` …): the PDF is made from a
    /// fresh build (cached chapters are not re-run).
    @OptionGroup var build: Build

    /// The PDF's name inside the output folder.
    static let fileName = "notes.pdf"

    func run() throws {
      guard let chromium = Chromium.locate() else {
        FileHandle.standardError.write(Data("notes: \(Chromium.installHint)\n".utf8))
        throw ExitCode(1)
      }
      try build.run()
      let chaptersURL = url(build.chapters)
      let options = BuildOptions(
        chaptersDirectory: chaptersURL, outputDirectory: url(build.output),
        projectDirectory: chaptersURL.deletingLastPathComponent())
      let shown = Book.displayPath(options.outputDirectory)
      let start = Date()
      do {
        let folder = try Book.claimOutput(options)
        defer { folder.release() }
        let page = options.outputDirectory.appendingPathComponent(PrintEdition.fileName)
        let pdf = try PDFPrinter.print(page, chromium: chromium)
        try SiteBuilder.writeExport(Self.fileName, data: pdf, in: options.outputDirectory)
      } catch let failure as BuildFailure {
        throw fail(failure, projectDirectory: options.projectDirectory)
      } catch let error as SiteError {
        // Writing the export: the error names the file it is about.
        let pdf = options.outputDirectory.appendingPathComponent(Self.fileName)
        throw fail(BuildFailure(Book.diagnostic(error, at: pdf)), projectDirectory: options.projectDirectory)
      } catch {
        FileHandle.standardError.write(Data("notes: \(shown)/\(Self.fileName): \(error)\n".utf8))
        throw ExitCode(1)
      }
      print(
        String(format: "notes: printed \(shown)/\(Self.fileName) in %.2f s", Date().timeIntervalSince(start)))
    }
  }
}

/// Prints a page of the site to PDF with headless Chromium: A4, the page's `<title>` and
/// "page / pages" in the footer, after math is typeset and fonts are loaded.
enum PDFPrinter {
  static let footer = """
    <div style="width:100%;font-family:sans-serif;font-size:8px;color:#444;padding:0 0.7in;\
    display:flex;justify-content:space-between"><span class="title"></span>\
    <span><span class="pageNumber"></span> / <span class="totalPages"></span></span></div>
    """

  static func print(_ page: URL, chromium: String) throws -> Data {
    guard FileManager.default.fileExists(atPath: page.path) else {
      throw BrowserError("\(page.path) is missing; run notes build")
    }
    let tab = try BrowserPage(executable: chromium)
    defer { tab.browser.close() }
    try tab.load(page)
    // notes.js typesets on load; a formula left as TeX means KaTeX did not run.
    let untypeset =
      try tab.evaluate(
        "window.katex ? Array.from(document.querySelectorAll('.math')).filter(e => !e.querySelector('.katex')).length : 0"
      ) as? Int ?? 0
    if untypeset > 0 { throw BrowserError("KaTeX left \(untypeset) formulas untypeset") }
    var options = BrowserPage.PrintOptions()
    options.footerTemplate = footer
    return try tab.printToPDF(options)
  }
}
