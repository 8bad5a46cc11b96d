import Markdown
import Notebook
import Testing

@testable import Book

/// `LinkedListing`: the names the compiler resolved in a listing (``CodeReference``s) become
/// links to the API reference; everything else is escaped text.
@Suite struct LinkedListingTests {
  static let code = "let ensemble = ens.normalizedFourthCumulant(at: 3) // <not a tag>"

  static func reference(column: Int) -> CodeReference {
    CodeReference(
      cell: 1, line: 0, column: column, length: 24, name: "normalizedFourthCumulant",
      usr: "s:11Criticality8EnsembleV24normalizedF")
  }

  @Test func theListingLinksOnlyWhatTheLinkTableKnows() {
    let html = LinkedListing.html(Self.code, references: [Self.reference(column: 19)]) { _ in
      CodeLink(href: "reference-Criticality.html#x", title: "The \"normalized\" <cumulant>")
    }
    let link =
      "<a class=\"api-link\" href=\"reference-Criticality.html#x\" "
      + "title=\"The &quot;normalized&quot; &lt;cumulant&gt;\">normalizedFourthCumulant</a>"
    #expect(
      html == HTMLEscaping.escape(Self.code).replacingOccurrences(of: "normalizedFourthCumulant", with: link))
    // A name the link table does not know stays text.
    #expect(
      LinkedListing.html(Self.code, references: [Self.reference(column: 19)]) { _ in nil }
        == HTMLEscaping.escape(Self.code))
  }

  /// A stale reference (the code no longer spells the name there) stays text.
  @Test(arguments: [18, 20, 60])
  func aStaleReferenceStaysText(column: Int) {
    #expect(
      LinkedListing.html(Self.code, references: [Self.reference(column: column)]) { _ in
        CodeLink(href: "h", title: "t")
      } == HTMLEscaping.escape(Self.code))
  }
}
