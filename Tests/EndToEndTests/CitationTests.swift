import Foundation
import Testing

/// Issue 13, citations: `[@key]` and `[@a; @b]` with keys in `references.bib` render as
/// parenthetical citations linked to a generated "References" list at the end of the page;
/// unknown keys and a malformed `.bib` are errors at their position. Through the real `notes`.
@Suite struct CitationTests {
  static let bib = """
    @book{roberts2022,
      author    = {Roberts, Daniel A. and Yaida, Sho and Hanin, Boris},
      title     = {The Principles of Deep Learning Theory},
      publisher = {Cambridge University Press},
      year      = 2022,
    }

    @article{poole2016,
      author  = {Poole, Ben and Lahiri, Subhaneil},
      title   = {Exponential expressivity},
      journal = {NeurIPS},
      year    = 2016,
    }

    @misc{unused2020,
      author = {Nobody, Noone},
      title  = {Never cited},
      year   = 2020,
    }

    """

  static func book(chapter: String, bib: String? = CitationTests.bib) throws -> Workspace {
    let book = try Workspace()
    try book.write("notes.toml", "title = \"T\"\n")
    try book.write("chapters/01-one.md", chapter)
    try book.write("chapters/02-two.md", "# Two\n\nNothing cited here.\n")
    if let bib { try book.write("references.bib", bib) }
    return book
  }

  @Test func citationsLinkToAGeneratedReferenceList() throws {
    let book = try Self.book(
      chapter: "# One\n\nThe book [@roberts2022] and both [@poole2016; @roberts2022].\n\n## Body\n\nText.\n")
    let result = try book.notes("build")
    try #require(result.status == 0, "\(result)")
    let one = try book.read("build/01-one.html")
    #expect(
      one.contains(
        "The book <span class=\"citation\" data-cites=\"roberts2022\">(<a href=\"#ref-roberts2022\">Roberts, Yaida &amp; Hanin 2022</a>)</span> and"
      ), "\(one)")
    #expect(
      one.contains(
        "both <span class=\"citation\" data-cites=\"poole2016 roberts2022\">(<a href=\"#ref-poole2016\">Poole &amp; Lahiri 2016</a>; <a href=\"#ref-roberts2022\">Roberts, Yaida &amp; Hanin 2022</a>)</span>."
      ))
    // The reference list ends the page: what the chapter cites, sorted, each once.
    let list = try #require(
      HTML.first("<h2 id=\"references\">References.*?</h2>\n(<ol class=\"references\">.*?</ol>)", in: one))
    let ids = HTML.matches("<li id=\"([^\"]+)\">", in: list).map { $0[0] }
    #expect(ids == ["ref-poole2016", "ref-roberts2022"])
    #expect(list.contains("The Principles of Deep Learning Theory"))
    #expect(!one.contains("unused2020"))
    #expect(
      one.range(of: "<h2 id=\"body\">")!.lowerBound < one.range(of: "<h2 id=\"references\">")!.lowerBound)
    // A chapter that cites nothing has no list.
    #expect(!(try book.read("build/02-two.html")).contains("id=\"references\""))
    // The list is a section of the chapter: in the book's table of contents.
    #expect(try book.read("build/index.html").contains("href=\"01-one.html#references\""))

    // The same input gives the same bytes.
    let first = try book.tree("build", excluding: [".notes"])
    let again = try book.notes("build")
    try #require(again.status == 0, "\(again)")
    #expect(try book.tree("build", excluding: [".notes"]) == first)
  }

  @Test func unknownKeyIsAnErrorAtItsPosition() throws {
    let book = try Self.book(chapter: "# One\n\nFine [@roberts2022].\n\nBut [@nobody2000] is not.\n")
    let result = try book.notes("build")
    #expect(result.status == 1, "\(result)")
    #expect(
      result.stderr.contains(
        "chapters/01-one.md:5:5: error: no figure, table, equation, section or numbered callout is labelled 'nobody2000', and references.bib has no entry 'nobody2000'"
      ), "\(result)")
    #expect(!book.exists("build/01-one.html"))
  }

  @Test func withoutReferencesBibACitationIsAnErrorWithAHint() throws {
    let book = try Self.book(chapter: "# One\n\nCited [@roberts2022].\n", bib: nil)
    let result = try book.notes("build")
    #expect(result.status == 1, "\(result)")
    #expect(
      result.stderr.contains(
        "chapters/01-one.md:3:7: error: no figure, table, equation, section or numbered callout is labelled 'roberts2022'"
      ),
      "\(result)")
    #expect(result.stderr.contains("add references.bib"), "\(result)")
  }

  @Test func malformedBibIsAnErrorAtItsLine() throws {
    let bib = Self.bib + "@article{broken2021,\n  title = {Unclosed,\n  year = 2021\n"
    let book = try Self.book(chapter: "# One\n\nCited [@roberts2022].\n", bib: bib)
    let result = try book.notes("build")
    #expect(result.status == 1, "\(result)")
    let lines = result.stderr.split(separator: "\n").map(String.init)
    // The entry starts at line 20; its title's brace, at 21:11, is never closed.
    #expect(lines.contains("references.bib:21:11: error: '{' is never closed"), "\(result)")
    #expect(!book.exists("build/01-one.html"))
  }

  /// `bibliography = "…"` in notes.toml names the .bib (a path in the book's folder); errors in it
  /// are located in that file, and a named file that is missing is an error in notes.toml.
  @Test func notesTomlNamesTheBibliography() throws {
    let book = try Self.book(chapter: "# One\n\nCited [@roberts2022].\n", bib: nil)
    try book.write("notes.toml", "title = \"T\"\nbibliography = \"refs/course.bib\"\n")
    let missing = try book.notes("build")
    #expect(missing.status == 1, "\(missing)")
    #expect(
      missing.stderr.contains("notes.toml: error: bibliography 'refs/course.bib' does not exist"),
      "\(missing)")
    try book.write("refs/course.bib", Self.bib)
    let result = try book.notes("build")
    try #require(result.status == 0, "\(result)")
    let one = try book.read("build/01-one.html")
    #expect(one.contains("<a href=\"#ref-roberts2022\">Roberts, Yaida &amp; Hanin 2022</a>"), "\(one)")
    try book.write("refs/course.bib", Self.bib + "@article{broken2021,\n  title = {Unclosed,\n")
    let broken = try book.notes("build")
    #expect(broken.stderr.contains("refs/course.bib:21:11: error:"), "\(broken)")
  }
}
