import Foundation
import Testing

@testable import RuntimeSources

/// The runtime and `Figures` that `notes` gives a book without its own copy are embedded in
/// the binary by the `EmbedRuntime` build plugin; this fails if the embedded copy differs from the
/// sources (the plugin must regenerate it whenever `Sources/NotebookRuntime` or `Sources/Figures`
/// change).
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
    #expect(embedded.keys.sorted() == onDisk.keys.sorted(), "the EmbedRuntime plugin missed a file")
    for (path, text) in onDisk {
      #expect(embedded[path] == text, "Sources/\(module)/\(path) is not embedded as it is")
    }
  }
}
