import Markdown
import Testing

@testable import Book

/// Callouts in the label table: each numbered kind counts on its own per chapter, front matter
/// counts "1", "2" …; alerts and solutions are not numbered; frames carry the numbers.
@Suite struct CalloutNumberingTests {
  static func chapter(_ file: String, _ number: Int?, _ source: String) -> LabelTable.ChapterLabels {
    var labels = LabelTable.ChapterLabels(file: file, slug: String(file.dropLast(3)), number: number)
    labels.callouts = Document(parsing: source).callouts
    return labels
  }

  @Test func numberedPerKindAndChapter() throws {
    let source = """
      > [!THEOREM] {#thm-a}
      > A.

      > [!exercise] Lower case works {#exr-a}
      > B.

      > [!SOLUTION]
      > C.

      > [!NOTE]
      > D.

      > [!THEOREM]
      > E.

      > [!LEMMA] {#lem-a}
      > F.

      """
    let table = LabelTable([
      Self.chapter("00-front.md", nil, "> [!EXERCISE] {#exr-front}\n> X.\n"),
      Self.chapter("03-c.md", 3, source),
    ])
    #expect(table.diagnostics.isEmpty, "\(table.diagnostics)")
    #expect(table.entries["exr-front"]?.number == "1")
    #expect(table.entries["thm-a"]?.number == "3.1")
    #expect(table.entries["exr-a"]?.number == "3.1")
    #expect(table.entries["lem-a"]?.number == "3.1")
    #expect(table.entries["thm-a"]?.kind == .callout(.theorem))
    let frames = table.calloutFrames[1].values.map(\.open).sorted()
    #expect(
      frames.contains("<div class=\"callout callout-theorem\" role=\"group\" aria-label=\"Theorem 3.2\">"))
    #expect(frames.contains("<details class=\"callout callout-solution\">"))
    let summaries = table.calloutFrames[1].values.map(\.titleOpen)
    #expect(summaries.contains("<summary><span class=\"callout-label\">Solution to Exercise 3.1</span>"))
    let reference = Document.CrossReference(labels: ["thm-a", "lem-a"], key: "k", line: 1, column: 1)
    #expect(
      try table.html(for: reference, in: 0, file: "x").get()
        == "Theorem <a href=\"03-c.html#thm-a\">3.1</a> and Lemma <a href=\"03-c.html#lem-a\">3.1</a>"
    )
  }

  @Test func escapedMarkerIsAPlainBlockquote() {
    let document = Document(parsing: "> \\[!NOTE]\n> Text.\n")
    #expect(document.callouts.isEmpty)
    #expect(document.render(.plain).html.contains("<blockquote>\n<p>[!NOTE]\nText.</p>"))
  }
}
