import Foundation
import Testing

@testable import RuntimeSources

/// The runtime and `Figures` that `notes` gives a book without its own copy are embedded in
/// the binary by `scripts/embed-runtime`; this fails while the embedded copy differs from the
/// sources (run the script after editing `Sources/NotebookRuntime` or `Sources/Figures`).
@Suite struct RuntimeSourcesTests {
  static let checkout = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
    .deletingLastPathComponent().deletingLastPathComponent()

  @Test(arguments: ["Figures", "NotebookRuntime"])
  func embeddedCopyMatchesTheSources(module: String) throws {
    let folder = Self.checkout.appendingPathComponent("Sources/\(module)")
    let enumerator = try #require(FileManager.default.enumerator(at: folder, includingPropertiesForKeys: nil))
    var onDisk: [String: String] = [:]
    for case let url as URL in enumerator where url.pathExtension == "swift" {
      let relative = String(url.standardizedFileURL.path.dropFirst(folder.standardizedFileURL.path.count + 1))
      onDisk[relative] = try String(contentsOf: url, encoding: .utf8)
    }
    var embedded: [String: String] = [:]
    for file in RuntimeSources.files where file.module == module { embedded[file.path] = file.text }
    #expect(embedded.keys.sorted() == onDisk.keys.sorted(), "run scripts/embed-runtime")
    for (path, text) in onDisk {
      #expect(embedded[path] == text, "Sources/\(module)/\(path) changed: run scripts/embed-runtime")
    }
  }
}
