import Markdown
import Notebook
import Testing

@testable import Book

/// The book's label table: numbers per chapter, links across pages, several labels at once,
/// duplicates and missing labels at their positions.
@Suite struct LabelTableTests {
  static func label(_ name: String, _ line: Int, _ column: Int = 1) -> Document.Label {
    Document.Label(name: name, line: line, column: column)
  }

  static func table() -> LabelTable {
    var preface = LabelTable.ChapterLabels(file: "chapters/00-preface.md", slug: "00-preface", number: nil)
    preface.equations = [label("eq-pre", 3)]
    var two = LabelTable.ChapterLabels(file: "chapters/02-two.md", slug: "02-two", number: 2)
    two.numbered = [
      (Splicer.Numbered(label: "fig-a", kind: .figure, number: 1), label("fig-a", 5, 11)),
      (Splicer.Numbered(label: "fig-b", kind: .figure, number: 2), label("fig-b", 9, 11)),
      (Splicer.Numbered(label: "tbl-t", kind: .table, number: 1), label("tbl-t", 12, 11)),
    ]
    two.equations = [label("eq-a", 20), label("eq-b", 30)]
    two.headings = [(2, nil), (2, label("sec-b", 40)), (3, nil), (3, label("sec-b2", 50)), (2, nil)]
    var three = LabelTable.ChapterLabels(file: "chapters/03-three.md", slug: "03-three", number: 3)
    three.equations = [label("eq-c", 4), label("fig-a", 8, 4)]
    return LabelTable([preface, two, three])
  }

  static func reference(_ labels: String...) -> Document.CrossReference {
    Document.CrossReference(labels: labels, key: labels.joined(separator: "; @"), line: 7, column: 3)
  }

  @Test func chapterNumbersComeFromFileNames() {
    #expect(LabelTable.chapterNumber(fileName: "chapters/03-four-point.md") == 3)
    #expect(LabelTable.chapterNumber(fileName: "12-x.md") == 12)
    #expect(LabelTable.chapterNumber(fileName: "chapters/00-preface.md") == nil)
    #expect(LabelTable.chapterNumber(fileName: "intro.md") == nil)
  }

  @Test func numbersPerChapter() {
    let table = Self.table()
    #expect(table.numberPrefixes == ["", "2.", "3."])
    #expect(table.entries["fig-b"]?.number == "2.2")
    #expect(table.entries["tbl-t"]?.number == "2.1")
    #expect(table.entries["eq-b"]?.number == "2.2")
    #expect(table.entries["eq-pre"]?.number == "1")
    #expect(table.entries["sec-b"]?.number == "2.2")
    #expect(table.entries["sec-b2"]?.number == "2.2.2")
    #expect(table.equationTags[1] == ["eq-a": "2.1", "eq-b": "2.2"])
    #expect(table.equationTags[2] == ["eq-c": "3.1"])
  }

  @Test func duplicateIsAnErrorAtTheSecond() {
    let table = Self.table()
    #expect(
      table.diagnostics.map(\.description) == [
        "chapters/03-three.md:8:4: error: duplicate label 'fig-a' (first at chapters/02-two.md:5)"
      ])
    #expect(table.entries["fig-a"]?.chapter == 1)
  }

  @Test func linksWithinAndAcrossChapters() throws {
    let table = Self.table()
    func html(_ reference: Document.CrossReference, in chapter: Int) throws -> String {
      try table.html(for: reference, in: chapter, file: "chapters/x.md").get()
    }
    #expect(try html(Self.reference("fig-a"), in: 1) == "<a href=\"#fig-a\">Figure 2.1</a>")
    #expect(try html(Self.reference("fig-a"), in: 2) == "<a href=\"02-two.html#fig-a\">Figure 2.1</a>")
    #expect(try html(Self.reference("eq-c"), in: 1) == "<a href=\"03-three.html#eq-c\">(3.1)</a>")
    #expect(try html(Self.reference("sec-b"), in: 1) == "<a href=\"#sec-b\">Section 2.2</a>")
    #expect(try html(Self.reference("tbl-t"), in: 1) == "<a href=\"#tbl-t\">Table 2.1</a>")
    #expect(
      try html(Self.reference("fig-a", "fig-b"), in: 1)
        == "Figures <a href=\"#fig-a\">2.1</a> and <a href=\"#fig-b\">2.2</a>")
    #expect(
      try html(Self.reference("eq-a", "eq-b", "eq-c"), in: 1)
        == "<a href=\"#eq-a\">(2.1)</a>, <a href=\"#eq-b\">(2.2)</a> and <a href=\"03-three.html#eq-c\">(3.1)</a>"
    )
    // Mixed kinds: grouped by kind in order of first appearance.
    #expect(
      try html(Self.reference("fig-a", "tbl-t", "fig-b"), in: 1)
        == "Figures <a href=\"#fig-a\">2.1</a> and <a href=\"#fig-b\">2.2</a> and Table <a href=\"#tbl-t\">2.1</a>"
    )
  }

  @Test func missingLabelIsAnErrorAtItsPosition() {
    let table = Self.table()
    let result = table.html(for: Self.reference("fig-a", "fig-zz"), in: 1, file: "chapters/02-two.md")
    guard case .failure(let error) = result else {
      Issue.record("expected an error")
      return
    }
    #expect(
      error.description.hasPrefix(
        "chapters/02-two.md:7:3: error: no figure, table, equation, section or numbered callout is labelled 'fig-zz'"
      ))
  }

  @Test func citationsPlugInForKeysWithoutAKnownPrefix() throws {
    var table = Self.table()
    #expect(throws: Diagnostic.self) {
      try table.html(for: Self.reference("roberts2022"), in: 1, file: "x").get()
    }
    table.citations = LabelTable.Citations(
      file: "references.bib", knows: { $0 == "roberts2022" },
      html: { $0.keys == ["roberts2022"] ? "(Roberts, Yaida &amp; Hanin 2022)" : "?" }, text: { _ in "" })
    #expect(
      try table.html(for: Self.reference("roberts2022"), in: 1, file: "x").get()
        == "(Roberts, Yaida &amp; Hanin 2022)")
    // A known prefix is never a citation.
    table.citations = LabelTable.Citations(
      file: "references.bib", knows: { _ in true }, html: { _ in "cited" }, text: { _ in "cited" })
    #expect(throws: Diagnostic.self) { try table.html(for: Self.reference("fig-zz"), in: 1, file: "x").get() }
  }
}
