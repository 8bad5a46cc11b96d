import Bibliography
import Foundation
import Markdown
import Testing

@Suite("The shipped references.bib")
struct ShippedReferencesTests {
  static let file = URL(fileURLWithPath: #filePath)
    .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
    .appendingPathComponent("references.bib")

  @Test func parsesWithoutDiagnostics() throws {
    let text = try String(contentsOf: Self.file, encoding: .utf8)
    let bib = Bibliography(parsing: text)
    #expect(bib.diagnostics.isEmpty, "\(bib.diagnostics)")
    #expect(bib.entries.count >= 10)
    for entry in bib.entries {
      #expect(entry["title"] != nil, "\(entry.key) has no title")
      #expect(bib.yearLabel(entry.key) != "n.d.", "\(entry.key) has no year")
      #expect(bib.referenceText(entry.key)?.isEmpty == false)
    }
    #expect(
      bib.text(Citation(form: .parenthetical, items: [.init(key: "roberts2022")]))
        == "(Roberts, Yaida & Hanin 2022)")
    #expect(bib.authorLabel("jacot2018") == "Jacot, Gabriel & Hongler")
    #expect(bib.referenceText("jacot2018")?.hasPrefix("Jacot, A., Gabriel, F. & Hongler, C. (2018).") == true)
  }
}
