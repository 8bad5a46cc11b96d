import Foundation
import Testing

/// Issue 2: the output is written atomically and reproducibly, and the build touches nothing
/// but its output folder.
@Suite struct OutputSafetyTests {
  @Test func failedBuildKeepsThePreviousSiteByteIdentical() throws {
    let book = try Workspace(fixture: "site")
    try #require(try book.notes("build").status == 0)
    let before = try book.tree("build")
    #expect(before.keys.contains("index.html"))

    // A later build that fails after reading some chapters: a non-UTF-8 file sorts last.
    try book.edit("chapters/01-welcome.md", replacing: "Outlook", with: "Prospects")
    try book.write("chapters/99-broken.md", bytes: Data([0x23, 0x20, 0xC3, 0x28, 0x0A]))
    let failed = try book.notes("build")
    #expect(failed.status == 1, "\(failed)")
    #expect(failed.stderr.contains("chapters/99-broken.md: error: not UTF-8 at byte 2"), "\(failed)")
    let after = try book.tree("build")
    #expect(Tree.differences(before, after) == [])
    #expect(!(try book.read("build/01-welcome.html")).contains("Prospects"))

    // Fixing the book rebuilds (the new text is there), proving the failed build did run.
    try FileManager.default.removeItem(at: book.url("chapters/99-broken.md"))
    try #require(try book.notes("build").status == 0)
    #expect(try book.read("build/01-welcome.html").contains("Prospects"))
  }

  @Test func twoCleanBuildsAreByteIdentical() throws {
    // Two books in different folders, built at different times: the same files, byte for byte.
    let first = try Workspace(fixture: "site")
    let second = try Workspace(fixture: "site")
    try #require(try first.notes("build").status == 0)
    try #require(try second.notes("build").status == 0)
    let a = try first.tree("build", excluding: [".notes"])
    let b = try second.tree("build", excluding: [".notes"])
    #expect(a.count > 5)
    #expect(Tree.differences(a, b) == [])

    // A rebuild over an existing site gives the same files again.
    try #require(try first.notes("build").status == 0)
    #expect(Tree.differences(a, try first.tree("build", excluding: [".notes"])) == [])
  }

  @Test func sourceDateEpochIsTheOnlyDate() throws {
    // 1700000000 s after the epoch is 2023-11-14 (UTC).
    let dated = try Workspace(fixture: "site")
    try #require(try dated.notes("build", environment: ["SOURCE_DATE_EPOCH": "1700000000"]).status == 0)
    #expect(try dated.read("build/index.html").contains("2023-11-14"))
    #expect(try dated.read("build/01-welcome.html").contains("2023-11-14"))
    // Without it, the pages carry no date at all: they are the same whenever they are built.
    let undated = try Workspace(fixture: "site")
    try #require(try undated.notes("build", environment: ["SOURCE_DATE_EPOCH": ""]).status == 0)
    let pages = try undated.tree("build", excluding: [".notes", "assets"])
    #expect(!pages.isEmpty)
    for (path, data) in pages {
      let text = String(decoding: data, as: UTF8.self)
      #expect(HTML.matches("(20[0-9][0-9]-[01][0-9]-[0-3][0-9])", in: text).isEmpty, "\(path)")
    }
    let bad = try dated.notes("build", environment: ["SOURCE_DATE_EPOCH": "yesterday"])
    #expect(bad.status == 1, "\(bad)")
    #expect(bad.stderr.contains("SOURCE_DATE_EPOCH"), "\(bad)")
  }

  @Test func nothingIsWrittenOutsideTheOutputFolder() async throws {
    // The book in a subfolder, the site in another one: only `out/site` may appear. A chapter
    // with code: its generated program, executable and results belong in the output's cache.
    try await ChapterLibraries.ready()
    let workspace = try Workspace()
    try workspace.write("course/chapters/05-alpha.md", try SourceText.fixture("alpha.md"))
    for name in ["chapters/01-welcome.md", "chapters/02-placeholder.md", "chapters/10-last.md", "notes.toml"]
    {
      let text = try String(
        contentsOf: Fixtures.url.appendingPathComponent("site").appendingPathComponent(name), encoding: .utf8)
      try workspace.write("course/\(name)", text)
    }
    try workspace.write("course/theme/README", "no overrides\n")
    let chaptersBefore = try workspace.tree("course/chapters")
    let before = try workspace.tree()

    let result = try workspace.notes("build", "--chapters", "course/chapters", "--output", "out/site")
    try #require(result.status == 0, "\(result)")
    #expect(result.stdout.contains("into out/site/"), "\(result)")

    var after = try workspace.tree()
    #expect(after.keys.contains("out/site/index.html"))
    #expect(after.keys.contains("out/site/.notes/cache/results/05-alpha.json"))
    #expect(try workspace.read("out/site/05-alpha.html").contains("<pre>alpha says 42\n</pre>"))
    after = after.filter { !$0.key.hasPrefix("out/site/") && $0.key != "out/" }
    #expect(Tree.differences(before, after) == [])
    #expect(try workspace.tree("course/chapters") == chaptersBefore)
  }
}
