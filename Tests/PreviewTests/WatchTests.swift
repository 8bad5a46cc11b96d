import Foundation
import Testing

@testable import Preview

/// What a changed path means, and inotify bursts coalesced into one report.
@Suite struct WatchTests {
  static let plan = WatchPlan(
    chapters: URL(fileURLWithPath: "/book/chapters"), project: URL(fileURLWithPath: "/book"),
    package: URL(fileURLWithPath: "/pkg"), librarySources: [URL(fileURLWithPath: "/pkg/Sources/Science")])

  @Test(arguments: [
    ("/book/chapters/01-a.md", WatchPlan.Meaning.chapter("chapters/01-a.md")),
    ("/book/notes.toml", .book), ("/book/references.bib", .book), ("/book/theme/style.css", .book),
    ("/book/theme", .book), ("/pkg/Sources/Science/Core/X.swift", .library), ("/pkg/Package.swift", .library),
    ("/pkg/Package.resolved", .library),
  ])
  func meaningful(_ path: String, _ meaning: WatchPlan.Meaning) {
    #expect(Self.plan.meaning(of: path) == meaning)
  }

  @Test(arguments: [
    "/book/chapters/.01-a.md.swp", "/book/chapters/01-a.md~", "/book/chapters/#01-a.md#",
    "/book/chapters/4913",
    "/book/chapters/notes.txt", "/book/build/index.html", "/book/build", "/pkg/Sources/Other/Y.swift",
    "/pkg/README.md", "/book/Package.swift",
  ])
  func ignored(_ path: String) {
    #expect(Self.plan.meaning(of: path) == nil)
  }

  @Test func aBurstOfSavesIsOneReport() throws {
    let folder = FileManager.default.temporaryDirectory.appendingPathComponent("watch-\(UUID().uuidString)")
    try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
    defer { try? FileManager.default.removeItem(at: folder) }
    let reports = Reports()
    let watcher = try #require(
      FileWatcher(trees: [folder], folders: [], quiet: 0.1) { reports.append($0) })
    // An editor's save: a temporary file written, then renamed over the chapter; twice.
    let target = folder.appendingPathComponent("01-a.md")
    for text in ["one", "two"] {
      let temporary = folder.appendingPathComponent(".01-a.md.tmp")
      try Data(text.utf8).write(to: temporary)
      _ = rename(temporary.path, target.path)
    }
    // A folder created afterwards is watched too.
    Thread.sleep(forTimeInterval: 0.5)
    try FileManager.default.createDirectory(
      at: folder.appendingPathComponent("sub"), withIntermediateDirectories: true)
    Thread.sleep(forTimeInterval: 0.3)
    try Data("x".utf8).write(to: folder.appendingPathComponent("sub/b.md"))
    Thread.sleep(forTimeInterval: 0.5)
    withExtendedLifetime(watcher) {}
    let all = reports.all
    #expect(all.count == 3, "\(all)")
    #expect(all.first?.contains(target.path) == true)
    #expect(all.last?.contains(folder.appendingPathComponent("sub/b.md").path) == true)
  }

  final class Reports: @unchecked Sendable {
    private let lock = NSLock()
    private var stored: [[String]] = []
    func append(_ paths: [String]) { lock.withLock { stored.append(paths) } }
    var all: [[String]] { lock.withLock { stored } }
  }
}
