import Bibliography
import Foundation
import Markdown
import Testing

let sampleBib = """
  @book{roberts2022,
    author = {Roberts, Daniel A. and Yaida, Sho and Hanin, Boris},
    title = {The Principles of Deep Learning Theory},
    publisher = {Cambridge University Press},
    year = 2022,
    eprint = {2106.10165}, archiveprefix = {arXiv},
  }
  @article{hanin2020,
    author = {Boris Hanin and Mihai Nica},
    title = {Products of Many Large Random Matrices and Gradients in Deep Neural Networks},
    journal = {Communications in Mathematical Physics},
    volume = 376, number = 1, pages = {287--322}, year = 2020,
    doi = {10.1007/s00220-019-03624-z},
  }
  @misc{mezzadri2007, author = {Mezzadri, Francesco}, title = {How to generate random matrices}, year = 2007}
  @inproceedings{cohen2021,
    author = {Cohen, Jeremy M. and Kaur, Simran and Li, Yuanzhi and Kolter, J. Zico and Talwalkar, Ameet},
    title = {Gradient Descent on Neural Networks Typically Occurs at the Edge of Stability},
    booktitle = {International Conference on Learning Representations},
    year = 2021, eprint = {2103.00065},
  }
  @article{others2019, author = {Poole, Ben and others}, title = {A}, journal = {J}, year = 2019}
  @phdthesis{godel1929, author = {Kurt G{\\"o}del}, title = {{\\"U}ber die Vollst{\\"a}ndigkeit}, school = {Universit{\\"a}t Wien}, year = 1929}
  @techreport{tr, author = {Smith, Ann}, title = {A Report}, institution = {Lab \\& Co.}, number = {TR-7}, year = 2001}
  @online{web, title = {A Web Page}, url = {https://example.org/a b}, year = 2024}
  @misc{unsafe, author = {X, Y}, title = {Click}, url = {javascript:alert(1)}, year = 2024}
  @misc{smith2020b, author = {Smith, Ann}, title = {Beta paper}, year = 2020}
  @misc{smith2020a, author = {Smith, Ann}, title = {Alpha paper}, year = 2020}
  @book{edited, editor = {Doe, Jane and Roe, Richard}, title = {Collected Works}, publisher = {P}, year = 1999}
  @misc{nodate, author = {Nobody, N.}, title = {Timeless}}
  @misc{vander, author = {Johannes Diderik van der Waals}, title = {Continuity}, year = 1873}
  """

let bib = Bibliography(parsing: sampleBib)

@Suite("Citations and reference lists")
struct FormattingTests {
  @Test func sampleReadsCleanly() {
    #expect(bib.diagnostics.isEmpty, "\(bib.diagnostics)")
    #expect(bib.entries.count == 14)
  }

  @Test(
    "In-text author labels: one, two, three, then et al.",
    arguments: [
      ("mezzadri2007", "Mezzadri"), ("hanin2020", "Hanin & Nica"), ("roberts2022", "Roberts, Yaida & Hanin"),
      ("cohen2021", "Cohen et al."), ("others2019", "Poole et al."), ("edited", "Doe & Roe"),
      ("web", "A Web Page"), ("vander", "van der Waals"), ("godel1929", "Gödel"),
    ])
  func labels(key: String, expected: String) {
    #expect(bib.authorLabel(key) == expected)
  }

  @Test(
    "Citation forms as text",
    arguments: [
      (Citation(form: .parenthetical, items: [.init(key: "roberts2022")]), "(Roberts, Yaida & Hanin 2022)"),
      (Citation(form: .narrative, items: [.init(key: "roberts2022")]), "Roberts, Yaida & Hanin (2022)"),
      (
        Citation(form: .parenthetical, items: [.init(key: "roberts2022", locator: "ch. 3")]),
        "(Roberts, Yaida & Hanin 2022, ch. 3)"
      ),
      (
        Citation(form: .narrative, items: [.init(key: "roberts2022", locator: "§4.3")]),
        "Roberts, Yaida & Hanin (2022, §4.3)"
      ),
      (
        Citation(form: .parenthetical, items: [.init(key: "hanin2020"), .init(key: "cohen2021")]),
        "(Hanin & Nica 2020; Cohen et al. 2021)"
      ),
      (
        Citation(form: .parenthetical, items: [.init(key: "mezzadri2007", prefix: "see")]),
        "(see Mezzadri 2007)"
      ),
      (
        Citation(form: .parenthetical, items: [.init(key: "mezzadri2007", suppressAuthor: true)]),
        "(2007)"
      ),
      (Citation(form: .parenthetical, items: [.init(key: "nodate")]), "(Nobody n.d.)"),
      (
        Citation(form: .parenthetical, items: [.init(key: "smith2020a"), .init(key: "smith2020b")]),
        "(Smith 2020a, 2020b)"
      ),
      (
        Citation(
          form: .parenthetical,
          items: [
            .init(key: "tr"), .init(key: "smith2020a"), .init(key: "hanin2020"), .init(key: "smith2020b"),
          ]),
        "(Smith 2001, 2020a; Hanin & Nica 2020; Smith 2020b)"
      ),
      (
        Citation(
          form: .parenthetical,
          items: [
            .init(key: "smith2020a", locator: "p. 2"), .init(key: "smith2020b"),
            .init(key: "tr", prefix: "cf."),
          ]),
        "(Smith 2020a, p. 2; Smith 2020b; cf. Smith 2001)"
      ),
      (Citation(form: .parenthetical, items: [.init(key: "missing")]), "(missing?)"),
    ])
  func citationText(citation: Citation, expected: String) {
    #expect(bib.text(citation) == expected)
  }

  @Test func citationHTMLIsEscapedAndLinked() {
    let citation = Citation(
      form: .parenthetical,
      items: [.init(key: "roberts2022", locator: "ch. <3>"), .init(key: "hanin2020"), .init(key: "nope")])
    #expect(
      bib.html(citation, link: { "#" + Bibliography.anchor(for: $0) })
        == "<span class=\"citation\" data-cites=\"roberts2022 hanin2020 nope\">("
        + "<a href=\"#ref-roberts2022\">Roberts, Yaida &amp; Hanin 2022</a>, ch. &lt;3&gt;; "
        + "<a href=\"#ref-hanin2020\">Hanin &amp; Nica 2020</a>; "
        + "<strong class=\"notes-unresolved\">nope?</strong>)</span>")
    #expect(
      bib.html(Citation(form: .narrative, items: [.init(key: "hanin2020")]))
        == "<span class=\"citation\" data-cites=\"hanin2020\">Hanin &amp; Nica (2020)</span>")
    #expect(bib.missingKeys(in: citation) == ["nope"])
  }

  @Test(
    "Reference-list entries as text",
    arguments: [
      (
        "roberts2022",
        "Roberts, D. A., Yaida, S. & Hanin, B. (2022). The Principles of Deep Learning Theory. "
          + "Cambridge University Press. arXiv:2106.10165."
      ),
      (
        "hanin2020",
        "Hanin, B. & Nica, M. (2020). Products of Many Large Random Matrices and Gradients in Deep Neural "
          + "Networks. Communications in Mathematical Physics, 376(1), 287–322. "
          + "https://doi.org/10.1007/s00220-019-03624-z."
      ),
      (
        "cohen2021",
        "Cohen, J. M., Kaur, S., Li, Y., Kolter, J. Z. & Talwalkar, A. (2021). Gradient Descent on Neural "
          + "Networks Typically Occurs at the Edge of Stability. In International Conference on Learning "
          + "Representations. arXiv:2103.00065."
      ),
      ("others2019", "Poole, B. et al. (2019). A. J."),
      ("godel1929", "Gödel, K. (1929). Über die Vollständigkeit. PhD thesis, Universität Wien."),
      ("tr", "Smith, A. (2001). A Report. Technical report TR-7, Lab & Co."),
      ("web", "A Web Page. (2024). https://example.org/a b."),
      ("unsafe", "X, Y. (2024). Click."),
      ("edited", "Doe, J. & Roe, R. (Eds.) (1999). Collected Works. P."),
      ("nodate", "Nobody, N. (n.d.). Timeless."),
      ("smith2020a", "Smith, A. (2020a). Alpha paper."),
      ("vander", "van der Waals, J. D. (1873). Continuity."),
    ])
  func referenceText(key: String, expected: String) {
    #expect(bib.referenceText(key) == expected)
  }

  @Test func referenceHTML() {
    #expect(
      bib.referenceHTML("roberts2022")
        == "Roberts, D. A., Yaida, S. &amp; Hanin, B. (2022). <i>The Principles of Deep Learning Theory</i>. "
        + "Cambridge University Press. <a href=\"https://arxiv.org/abs/2106.10165\">arXiv:2106.10165</a>.")
    #expect(
      bib.referenceHTML("hanin2020")
        == "Hanin, B. &amp; Nica, M. (2020). Products of Many Large Random Matrices and Gradients in Deep "
        + "Neural Networks. <i>Communications in Mathematical Physics</i>, 376(1), 287–322. "
        + "<a href=\"https://doi.org/10.1007/s00220-019-03624-z\">https://doi.org/10.1007/s00220-019-03624-z</a>."
    )
    #expect(
      bib.referenceHTML("web")
        == "<i>A Web Page</i>. (2024). <a href=\"https://example.org/a%20b\">https://example.org/a b</a>.")
    #expect(bib.referenceHTML("unsafe") == "X, Y. (2024). <i>Click</i>.")
    #expect(
      bib.referenceHTML("tr") == "Smith, A. (2001). <i>A Report</i>. Technical report TR-7, Lab &amp; Co.")
    #expect(bib.referenceHTML("missing") == nil)
  }

  @Test func sortOrderIsSurnameYearTitle() {
    let keys = bib.entries.map(\.key).reversed()
    #expect(
      bib.sorted(keys).map(\.key) == [
        "web", "cohen2021", "edited", "godel1929", "hanin2020", "mezzadri2007", "nodate", "others2019",
        "roberts2022", "tr", "smith2020a", "smith2020b", "vander", "unsafe",
      ])
    #expect(
      bib.sorted(["roberts2022", "missing", "hanin2020", "roberts2022"]).map(\.key) == [
        "hanin2020", "roberts2022",
      ])
  }

  @Test func outputIsDeterministic() {
    let again = Bibliography(parsing: sampleBib)
    for entry in bib.entries {
      #expect(again.referenceHTML(entry.key) == bib.referenceHTML(entry.key))
      #expect(again.yearLabel(entry.key) == bib.yearLabel(entry.key))
    }
    #expect(again.allSorted.map(\.key) == bib.allSorted.map(\.key))
    // The order of the file does not change labels or the list.
    let shuffled = Bibliography(entries: bib.entries.reversed())
    #expect(shuffled.allSorted.map(\.key) == bib.allSorted.map(\.key))
    #expect(shuffled.yearLabel("smith2020a") == "2020a")
    #expect(shuffled.yearLabel("smith2020b") == "2020b")
  }
}

@Suite("Reading and listing")
struct ReadingAndListingTests {
  @Test func referenceListHasAnchorsInOrder() {
    #expect(
      bib.referenceListHTML(["roberts2022", "nope", "mezzadri2007"])
        == "<ol class=\"references\">\n"
        + "<li id=\"ref-mezzadri2007\">Mezzadri, F. (2007). <i>How to generate random matrices</i>.</li>\n"
        + "<li id=\"ref-roberts2022\">\(bib.referenceHTML("roberts2022")!)</li>\n</ol>\n")
    #expect(bib.referenceListHTML(["nope"]) == "")
  }

  @Test func readingAFileNamesItInDiagnostics() throws {
    let dir = FileManager.default.temporaryDirectory.appendingPathComponent(
      "bib-\(UInt64.random(in: 0...UInt64.max))")
    try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
    defer { try? FileManager.default.removeItem(at: dir) }
    let good = dir.appendingPathComponent("refs.bib")
    try Data("\u{FEFF}@misc{a, title = {T}}\r\n@misc{a, title = {U}}\r\n".utf8).write(to: good)
    let bib = try Bibliography.read(good, displayPath: "refs.bib")
    #expect(bib.entries.map(\.key) == ["a"])
    #expect(
      bib.diagnostics.map(\.description) == [
        "refs.bib:2:7: error: duplicate citation key 'a' (first defined at refs.bib:1:1)"
      ])
    let bad = dir.appendingPathComponent("bad.bib")
    try Data([0x40, 0xFF]).write(to: bad)
    #expect(throws: Diagnostic.self) { try Bibliography.read(bad) }
  }
}

/// Whether an entry needs KaTeX comes from its fields, not from its HTML.
@Test(arguments: [
  ("@misc{a, title = {The $1/n$ expansion}, year = 2020}", true),
  ("@misc{a, title = {Costs \\$5}, year = 2020}", false),
  ("@misc{a, title = {Plain}, note = {see $\\ell$}, year = 2020}", true),
  ("@misc{a, title = {Plain}, year = 2020}", false),
])
func referenceHasMathReadsTheFields(source: String, hasMath: Bool) {
  let bibliography = Bibliography(parsing: source)
  #expect(bibliography.referenceHasMath("a") == hasMath)
  #expect(bibliography.referenceHTML("a")?.contains("class=\"math") == hasMath)
  #expect(!bibliography.referenceHasMath("missing"))
}
