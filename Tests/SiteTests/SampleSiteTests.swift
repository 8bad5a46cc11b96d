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
