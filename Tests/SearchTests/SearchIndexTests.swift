import Foundation
import Testing

@testable import Search

@Suite struct SearchIndexTests {
  static let index = SearchIndex(pages: [
    SearchIndex.Page(
      href: "01-a.html", title: "Kernels",
      sections: [
        SearchIndex.Section(anchor: "", heading: "", text: "Intro with $\\chi_\\perp$."),
        SearchIndex.Section(
          anchor: "sec-b", heading: "B \"quoted\"", captions: "Figure 1.1. A caption",
          text: "</script> & more"),
      ]),
    SearchIndex.Page(
      href: "02-b.html", title: "Second", sections: [SearchIndex.Section(anchor: "", heading: "")]),
  ])

  /// The JSON inside the script.
  static func json(_ script: String) throws -> [String: Any] {
    let start = try #require(script.firstIndex(of: "{"))
    let end = try #require(script.lastIndex(of: "}"))
    return try #require(
      try JSONSerialization.jsonObject(with: Data(script[start...end].utf8)) as? [String: Any])
  }

  @Test func scriptAssignsTheIndexAsJSON() throws {
    let script = Self.index.javaScript
    #expect(script.contains("window.notesSearchIndex = {\"version\":1,"))
    let json = try Self.json(script)
    let pages = try #require(json["pages"] as? [[String: Any]])
    #expect(pages.map { $0["href"] as? String } == ["01-a.html", "02-b.html"])
    let sections = try #require(pages[0]["sections"] as? [[String: String]])
    #expect(sections[1]["heading"] == "B \"quoted\"")
    #expect(sections[1]["text"] == "</script> & more")
    #expect(sections[0]["text"] == "Intro with $\\chi_\\perp$.")
    #expect(sections[1]["captions"] == "Figure 1.1. A caption")
  }

  @Test func scriptCannotEndItsScriptElement() {
    let script = Self.index.javaScript
    #expect(!script.contains("</script"))
    #expect(!script.contains("&"))
    #expect(script.contains("\\u003c/script\\u003e \\u0026 more"))
  }

  @Test(arguments: [
    ("a\"b", #""a\"b""#), ("a\\b", #""a\\b""#), ("line\nbreak", #""line\nbreak""#),
    ("\u{1}", #""\u0001""#), ("\u{2028}", #""\u2028""#), ("\u{E000}", #""\ue000""#), ("é π", "\"é π\""),
  ])
  func jsonStrings(text: String, expected: String) {
    #expect(JSONText.string(text) == expected)
  }

  @Test func sameIndexSameBytes() {
    #expect(Self.index.javaScript == SearchIndex(pages: Self.index.pages).javaScript)
  }

  @Test func clientReadsTheGlobalTheIndexAssigns() {
    #expect(SearchClient.script.contains("window.\(SearchIndex.globalName)"))
    #expect(!SearchClient.script.contains("fetch("), "no network: the index is a script")
  }
}
