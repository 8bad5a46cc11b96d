import Foundation
import Testing

/// The site is self-contained: every link and asset reference of every page resolves to a
/// file of the site, and every `#fragment` to an element id of its target page.
@Suite struct LinkTests {
  /// The unresolved references of the site in `site` (`page: reference`), sorted.
  static func brokenLinks(in site: URL) throws -> [String] {
    let files = try Tree.snapshot(site, excluding: [".notes"])
    var broken: [String] = []
    for (page, data) in files.sorted(by: { $0.key < $1.key }) where page.hasSuffix(".html") {
      let html = String(decoding: data, as: UTF8.self)
      for match in HTML.matches("(?:href|src)=\"([^\"]*)\"", in: html) {
        let reference = match[0].replacingOccurrences(of: "&amp;", with: "&")
        if reference.contains("://") || reference.hasPrefix("mailto:") { continue }
        let parts = reference.split(separator: "#", maxSplits: 1, omittingEmptySubsequences: false)
        let target = parts[0].isEmpty ? page : String(parts[0])
        guard let targetData = files[target] else {
          broken.append("\(page): \(reference)")
          continue
        }
        if parts.count == 2 {
          let ids = String(decoding: targetData, as: UTF8.self)
          if !ids.contains("id=\"\(parts[1])\"") { broken.append("\(page): \(reference)") }
        }
      }
    }
    return broken
  }

  @Test func everyLinkOfTheSiteResolves() throws {
    let book = try Workspace(fixture: "site")
    // A footnote in a chapter's first paragraph, which the index shows as its abstract.
    try book.edit(
      "chapters/10-last.md", replacing: "Nothing more to say.",
      with: "Nothing more to say.[^end]\n\n[^end]: Except this.")
    let result = try book.notes("build")
    try #require(result.status == 0, "\(result)")
    let broken = try Self.brokenLinks(in: book.url("build"))
    #expect(broken == [], "\(broken)")
  }

  @Test func everyLinkOfANotebookSiteResolves() async throws {
    try await ChapterLibraries.ready()
    let book = try Workspace()
    try book.addChapter("notebook.md", as: "01-notebook.md")
    try book.addChapter("alpha.md", as: "02-alpha.md")
    let result = try book.notes("build")
    try #require(result.status == 0, "\(result)")
    let broken = try Self.brokenLinks(in: book.url("build"))
    #expect(broken == [], "\(broken)")
  }

  @Test func referenceToAnUndefinedLabelIsAnErrorAtItsLine() throws {
    let book = try Workspace()
    try book.write("chapters/01-refs.md", "# Refs\n\nSome prose.\n\nAs [@fig-missing] shows.\n")
    let result = try book.notes("build")
    #expect(result.status == 1, "\(result)")
    #expect(result.stderr.contains("chapters/01-refs.md:5:4: error: "), "\(result)")
    #expect(result.stderr.contains("fig-missing"), "\(result)")
    #expect(!book.exists("build"))
  }
}
