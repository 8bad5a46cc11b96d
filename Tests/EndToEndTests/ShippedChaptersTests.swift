import Foundation
import Testing

/// Builds the repository's own `chapters/`, `notes.toml` and `references.bib` through the real CLI, in the
/// reduced-sample mode (`NOTES_QUICK=1`), and checks that every page rendered without an error
/// box, a missing value or an unresolved reference, and that the figures and computed values
/// the notes promise are there.
@Suite("The shipped lecture notes")
struct ShippedChaptersTests {
  static let package = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
    .deletingLastPathComponent().deletingLastPathComponent()

  @Test func shippedChaptersBuildCleanlyInQuickMode() async throws {
    try await ChapterLibraries.ready()
    let book = try Workspace()
    try FileManager.default.copyItem(
      at: Self.package.appendingPathComponent("chapters"), to: book.url("chapters"))
    for file in ["notes.toml", "references.bib"] {
      try FileManager.default.copyItem(at: Self.package.appendingPathComponent(file), to: book.url(file))
    }
    let chapters = try FileManager.default.contentsOfDirectory(atPath: book.url("chapters").path)
      .filter { $0.hasSuffix(".md") }.sorted()
    #expect(chapters.count >= 7)

    let result = try book.notes("build", environment: ["NOTES_QUICK": "1", "CI": "1"])
    try #require(result.status == 0, "\(result)")
    #expect(!result.stderr.contains("error:"), "\(result.stderr)")

    let index = try book.read("build/index.html")
    var figures = 0
    var values = 0
    for name in chapters {
      let slug = String(name.dropLast(3))
      let page = try book.read("build/\(slug).html")
      #expect(index.contains("href=\"\(slug).html\""), "index links \(slug)")
      for marker in ["notes-error", "notes-missing", "notes-unresolved", "notes-warning"] {
        #expect(!page.contains("class=\"\(marker)") && !page.contains("\(marker)\""), "\(slug): \(marker)")
      }
      let source = try book.read("chapters/\(name)")
      if source.contains("```{swift}") {
        // Every chapter with code shows at least one figure with its data file, and values.
        let pageFigures = page.components(separatedBy: "<figure class=\"notes-figure\"").count - 1
        #expect(pageFigures >= 1, "\(slug) has no figure")
        figures += pageFigures
        values += page.components(separatedBy: "class=\"notes-value\"").count - 1
        #expect(book.exists("build/data/\(slug)-fig-1.csv"), "\(slug) figure data")
        // Its listings link the library names they use to the API reference (issue 16).
        #expect(page.contains("<a class=\"api-link\" href=\"reference-"), "\(slug) has no linked name")
      }
      #expect(page.contains("class=\"math"), "\(slug) has math")
    }
    #expect(figures >= 12, "figures across the notes: \(figures)")
    #expect(values >= 30, "computed values across the notes: \(values)")
    #expect(result.stdout.contains("0 without a doc comment"), "every public symbol is documented: \(result)")
  }
}
