import Foundation
import Site
import Testing

/// Writes the fixture course to `$NOTES_SITE_SAMPLE_DIR` for a look in a browser
/// (`chromium --headless --screenshot …`); skipped unless that variable is set.
@Test(.enabled(if: ProcessInfo.processInfo.environment["NOTES_SITE_SAMPLE_DIR"] != nil))
func writeSampleSiteForInspection() throws {
  let path = try #require(ProcessInfo.processInfo.environment["NOTES_SITE_SAMPLE_DIR"])
  let report = try Fixtures.builder(environment: ["SOURCE_DATE_EPOCH": "1700000000"]).build(
    chapters: Fixtures.chapters(), extraFiles: ["data/02-two-point-fig-1.csv": Data("l,K\n1,1.0\n".utf8)],
    outputDirectory: URL(fileURLWithPath: path, isDirectory: true))
  #expect(report.writtenFiles.contains("02-two-point.html"))
}

/// Times a build of 30 chapters of ≈150 KB each (plus KaTeX and highlight.js assets) into a
/// fresh folder and a rebuild over it; prints the seconds. Skipped unless
/// `NOTES_SITE_BENCH=1`; run with `-c release` for meaningful numbers.
@Test(.enabled(if: ProcessInfo.processInfo.environment["NOTES_SITE_BENCH"] != nil))
func benchmarkLargeSiteBuild() throws {
  let paragraph = String(repeating: Fixtures.sampleBody, count: 40)
  let chapters = (1...30).map { i in
    ChapterPage(
      slug: "\(i < 10 ? "0" : "")\(i)-chapter", sourcePath: "chapters/\(i).md", titleHTML: "Chapter \(i)",
      titleText: "Chapter \(i)",
      sections: [SectionHeading(level: 2, titleHTML: "Recursion", anchor: "recursion")],
      bodyHTML: paragraph, hasMath: true, hasCode: true)
  }
  try withTemporaryDirectory { dir in
    let clock = ContinuousClock()
    var report = SiteReport(writtenFiles: [])
    let fresh = try clock.measure {
      report = try Fixtures.builder().build(chapters: chapters, extraFiles: [:], outputDirectory: dir)
    }
    let again = try clock.measure {
      report = try Fixtures.builder().build(chapters: chapters, extraFiles: [:], outputDirectory: dir)
    }
    let bytes = chapters.reduce(0) { $0 + $1.bodyHTML.utf8.count }
    print(
      "site bench: 30 chapters, \(bytes / 1_000_000) MB of body HTML, \(report.writtenFiles.count) files: fresh \(fresh), rebuild \(again)"
    )
    #expect(report.writtenFiles.count == 31 + 2 + 2 + 3 + 20)
  }
}
