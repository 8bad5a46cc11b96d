import Foundation
import Testing

@testable import Notebook

/// `BuildMemory`: what `notes preview` reuses between builds is keyed by the exact bytes it came
/// from, so a changed file is always decoded again.
struct BuildMemoryTests {
  static func entry(_ key: String) -> ResultCache.Entry {
    ResultCache.Entry(key: key, run: ChapterRun(cells: []), codeLines: nil)
  }

  @Test func aResultFileIsDecodedOncePerContents() {
    let memory = BuildMemory()
    var decodes = 0
    func load(_ text: String) -> String? {
      memory.entry(slug: "01-a", data: Data(text.utf8)) { data in
        decodes += 1
        return Self.entry(String(decoding: data, as: UTF8.self))
      }?.key
    }
    #expect(load("k1") == "k1")
    #expect(load("k1") == "k1")
    #expect(decodes == 1)
    #expect(load("k2") == "k2")  // the file changed: decoded again
    #expect(decodes == 2)
    #expect(load("k1") == "k1")
    #expect(decodes == 3)
  }

  @Test func aFileThatDoesNotDecodeIsAMissEveryTime() {
    let memory = BuildMemory()
    var decodes = 0
    for _ in 0..<2 {
      #expect(
        memory.entry(slug: "01-a", data: Data("torn".utf8)) { _ in
          decodes += 1
          return nil
        } == nil)
    }
    #expect(decodes == 2)
  }

  @Test func documentsAreTheParseOfTheirText() {
    let memory = BuildMemory()
    let first = memory.document(parsing: "# A\n\n$x$ text\n")
    memory.buildFinished()
    let again = memory.document(parsing: "# A\n\n$x$ text\n")
    let other = memory.document(parsing: "# B\n")
    #expect(again.source == first.source && again.nodes.count == first.nodes.count)
    #expect(other.source == "# B\n")
  }
}
