import Foundation
import Markdown

/// A parsed `.bib` file and the one citation style `notes` uses (author–year):
/// in-text "(Roberts, Yaida & Hanin 2022, ch. 3)" or "Roberts, Yaida & Hanin (2022)", and
/// reference-list entries "Roberts, D. A., Yaida, S. & Hanin, B. (2022). *Title*. Publisher.
/// arXiv:2106.10165.", as escaped HTML and as plain text. Same input, same output: nothing depends
/// on the order of dictionaries or the locale.
public struct Bibliography: Sendable {
  /// The entries in file order.
  public let entries: [BibEntry]
  /// What reading the file found (empty for `init(entries:)`).
  public let diagnostics: [Diagnostic]
  private let byKey: [String: Int]
  /// The entries seen through the style, parallel to `entries`.
  private let works: [Work]
  private let yearSuffixes: [String: String]

  public init(parsing text: String, file: String = "references.bib") {
    let result = BibTeX.parse(text, file: file)
    self.init(entries: result.entries, diagnostics: result.diagnostics)
  }

  public init(entries: [BibEntry], diagnostics: [Diagnostic] = []) {
    self.entries = entries
    self.diagnostics = diagnostics
    var byKey: [String: Int] = [:]
    for (k, entry) in entries.enumerated() where byKey[entry.key] == nil { byKey[entry.key] = k }
    self.byKey = byKey
    let works = entries.map(Work.init)
    self.works = works
    // Works with the same in-text label and year get "2022a", "2022b" in reference-list order.
    var groups: [String: [Work]] = [:]
    for (k, work) in works.enumerated() where byKey[work.entry.key] == k {
      groups["\(work.label)\u{0}\(work.year)", default: []].append(work)
    }
    var suffixes: [String: String] = [:]
    for (_, group) in groups where group.count > 1 {
      for (n, work) in group.sorted(by: Work.precedes).enumerated() {
        suffixes[work.entry.key] = Bibliography.suffix(n)
      }
    }
    self.yearSuffixes = suffixes
  }

  static func suffix(_ n: Int) -> String {
    let letters = Array("abcdefghijklmnopqrstuvwxyz")
    return n < 26 ? String(letters[n]) : String(letters[n / 26 - 1]) + String(letters[n % 26])
  }

  public func entry(_ key: String) -> BibEntry? { byKey[key].map { entries[$0] } }

  private func work(_ key: String) -> Work? { byKey[key].map { works[$0] } }

  /// The keys of `citation` that have no entry, in order.
  public func missingKeys(in citation: Citation) -> [String] {
    citation.keys.filter { byKey[$0] == nil }
  }

  /// The id of a reference-list entry's anchor: `ref-` and the key.
  public static func anchor(for key: String) -> String { "ref-\(key)" }

  // MARK: In-text citations

  /// "Roberts, Yaida & Hanin": one, two or three surnames, then "First et al.".
  public func authorLabel(_ key: String) -> String? { work(key)?.label }

  /// "2022", "2022a" when two works share the label and year, "n.d." without a year.
  public func yearLabel(_ key: String) -> String? {
    work(key).map { $0.year + (yearSuffixes[key] ?? "") }
  }

  /// Plain text of a citation.
  public func text(_ citation: Citation) -> String {
    render(citation, html: false, link: { _ in nil })
  }

  /// Escaped HTML of a citation in a `<span class="citation">`; each known work is a link to
  /// `link(key)` when that gives one; an unknown key shows as "key?" (the caller reports it).
  public func html(_ citation: Citation, link: (String) -> String? = { _ in nil }) -> String {
    let keys = citation.keys.map(HTMLEscaping.escape).joined(separator: " ")
    return
      "<span class=\"citation\" data-cites=\"\(keys)\">\(render(citation, html: true, link: link))</span>"
  }

  private func render(_ citation: Citation, html: Bool, link: (String) -> String?) -> String {
    func esc(_ s: String) -> String { html ? HTMLEscaping.escape(s) : s }
    func linked(_ key: String, _ body: String) -> String {
      guard html, let href = link(key) else { return body }
      return "<a href=\"\(HTMLEscaping.escape(href))\">\(body)</a>"
    }
    func missing(_ key: String) -> String {
      html ? "<strong class=\"notes-unresolved\">\(esc(key))?</strong>" : "\(key)?"
    }
    switch citation.form {
    case .parenthetical:
      // Consecutive works of the same authors share their names: "(Smith 2020a, 2020b)", unless a
      // prefix or a locator stands between them.
      var out = ""
      var previousLabel: String?
      for (n, item) in citation.items.enumerated() {
        var body: String
        let label = authorLabel(item.key)
        if let label, let year = yearLabel(item.key) {
          let sameAuthors = previousLabel == label && item.prefix.isEmpty && !item.suppressAuthor
          if n > 0 { out += sameAuthors ? ", " : "; " }
          body = linked(item.key, esc(item.suppressAuthor || sameAuthors ? year : "\(label) \(year)"))
        } else {
          if n > 0 { out += "; " }
          body = missing(item.key)
        }
        if !item.prefix.isEmpty { body = esc(item.prefix) + " " + body }
        if !item.locator.isEmpty { body += esc(", " + item.locator) }
        out += body
        previousLabel = item.locator.isEmpty && !item.suppressAuthor ? label : nil
      }
      return "(" + out + ")"
    case .narrative:
      let parts = citation.items.map { item -> String in
        guard let label = authorLabel(item.key), let year = yearLabel(item.key) else {
          return missing(item.key)
        }
        let inner = item.locator.isEmpty ? year : "\(year), \(item.locator)"
        return linked(item.key, esc(item.suppressAuthor ? "(\(inner))" : "\(label) (\(inner))"))
      }
      return parts.joined(separator: "; ")
    }
  }

  // MARK: Reference lists

  /// The entries for `keys` in reference-list order (first author's surname, year, title, key),
  /// each once; unknown keys are left out.
  public func sorted(_ keys: some Sequence<String>) -> [BibEntry] {
    var seen = Set<String>()
    var out: [Work] = []
    for key in keys where !seen.contains(key) {
      seen.insert(key)
      if let work = work(key) { out.append(work) }
    }
    return out.sorted(by: Work.precedes).map(\.entry)
  }

  /// All entries in reference-list order (a bibliography page).
  public var allSorted: [BibEntry] { sorted(entries.map(\.key)) }

  /// A reference-list entry as escaped HTML (no wrapping element), or nil for an unknown key.
  public func referenceHTML(_ key: String) -> String? {
    work(key).map { $0.reference(yearSuffix: yearSuffixes[key] ?? "").map(\.html).joined() }
  }

  /// Whether the reference-list entry of `key` may hold math: one of its fields has `$…$`
  /// (read as the entry's text is, ``LaTeXText``). A page showing it then loads KaTeX.
  public func referenceHasMath(_ key: String) -> Bool {
    guard let entry = entry(key) else { return false }
    return entry.fields.values.contains { field in
      MathText.segments(LaTeXText.convert(field)).contains { if case .math = $0 { true } else { false } }
    }
  }

  /// A reference-list entry as plain text, or nil for an unknown key.
  public func referenceText(_ key: String) -> String? {
    work(key).map { $0.reference(yearSuffix: yearSuffixes[key] ?? "").map(\.text).joined() }
  }
}

/// Text with its HTML form.
struct Piece {
  var text: String
  var html: String

  init(text: String, html: String) {
    self.text = text
    self.html = html
  }

  init(_ plain: String) {
    text = plain
    html = HTMLEscaping.escape(plain)
  }

  init(latex: String) {
    let converted = LaTeXText.convert(latex)
    text = LaTeXText.plainText(fromConverted: converted)
    html = MathText.html(converted)
  }

  var italic: Piece { Piece(text: text, html: "<i>\(html)</i>") }
}

/// One entry seen through the style.
struct Work {
  let entry: BibEntry
  let names: NameList
  let namesAreEditors: Bool

  init(_ entry: BibEntry) {
    self.entry = entry
    if let authors = entry["author"], !NameList(bibtex: authors).names.isEmpty {
      names = NameList(bibtex: authors)
      namesAreEditors = false
    } else if let editors = entry["editor"] {
      names = NameList(bibtex: editors)
      namesAreEditors = !names.names.isEmpty
    } else {
      names = NameList(names: [])
      namesAreEditors = false
    }
    title = LaTeXText.plain(entry["title"] ?? "")
    label = Work.label(names: names, title: title, key: entry.key)
    year = Work.year(entry)
    sortName = Work.fold(names.names.first.map(\.surname) ?? title)
    sortTitle = Work.fold(title)
  }

  /// Computed once: what labels and sorting use.
  let title: String
  let label: String
  let year: String
  let sortName: String
  let sortTitle: String

  /// Reference-list order: first surname, year, title, then key.
  static func precedes(_ x: Work, _ y: Work) -> Bool {
    if x.sortName != y.sortName { return x.sortName < y.sortName }
    if x.year != y.year { return x.year < y.year }
    if x.sortTitle != y.sortTitle { return x.sortTitle < y.sortTitle }
    return x.entry.key < y.entry.key
  }

  /// The in-text label: up to three surnames, else the first and "et al."; without names the
  /// title; without a title the key.
  static func label(names: NameList, title: String, key: String) -> String {
    let surnames = names.names.map(\.surname)
    if surnames.isEmpty { return title.isEmpty ? key : title }
    if names.hasOthers || surnames.count > 3 { return "\(surnames[0]) et al." }
    switch surnames.count {
    case 1: return surnames[0]
    case 2: return "\(surnames[0]) & \(surnames[1])"
    default: return "\(surnames[0]), \(surnames[1]) & \(surnames[2])"
    }
  }

  /// The year field, else the year of `date` (biblatex), else "n.d.".
  static func year(_ entry: BibEntry) -> String {
    if let y = entry["year"] {
      let text = LaTeXText.plain(y)
      if !text.isEmpty { return text }
    }
    if let date = entry["date"] {
      let digits = date.unicodeScalars.prefix { ("0"..."9").contains($0) }
      if digits.count == 4 { return String(String.UnicodeScalarView(digits)) }
    }
    return "n.d."
  }

  static func fold(_ text: String) -> String {
    String(
      String.UnicodeScalarView(
        text.decomposedStringWithCanonicalMapping.lowercased().unicodeScalars.filter {
          $0.properties.generalCategory != .nonspacingMark && $0 != "{" && $0 != "}"
        }))
  }

  static let standaloneTypes: Set<String> = [
    "book", "booklet", "manual", "proceedings", "collection", "phdthesis", "mastersthesis", "thesis",
    "techreport", "report", "misc", "online", "unpublished", "software", "dataset", "electronic", "www",
    "inbook",
  ]

  func field(_ name: String) -> Piece? {
    guard let raw = entry[name] else { return nil }
    let piece = Piece(latex: raw)
    return piece.text.isEmpty ? nil : piece
  }

  /// "287–320" from "287--320" or "287-320".
  func pages() -> Piece? {
    guard let raw = entry["pages"] else { return nil }
    var text = LaTeXText.plain(raw)
    text = text.replacingOccurrences(of: "-", with: "–")
    while text.contains("––") { text = text.replacingOccurrences(of: "––", with: "–") }
    return text.isEmpty ? nil : Piece(text)
  }

  static func sentence(_ piece: Piece) -> Piece {
    guard let last = piece.text.last, !".?!".contains(last) else { return piece }
    return Piece(text: piece.text + ".", html: piece.html + ".")
  }

  static func join(_ pieces: [Piece], _ separator: String) -> Piece {
    Piece(
      text: pieces.map(\.text).joined(separator: separator),
      html: pieces.map(\.html).joined(separator: HTMLEscaping.escape(separator)))
  }

  /// "Roberts, D. A., Yaida, S. & Hanin, B." (all of them), "(Ed.)"/"(Eds.)" for editors.
  var authorList: Piece? {
    let inverted = names.names.map(\.inverted)
    guard !inverted.isEmpty else { return nil }
    var text: String
    if names.hasOthers {
      text = inverted.joined(separator: ", ") + " et al."
    } else if inverted.count == 1 {
      text = inverted[0]
    } else {
      text = inverted.dropLast().joined(separator: ", ") + " & " + inverted[inverted.count - 1]
    }
    if namesAreEditors { text += names.names.count > 1 || names.hasOthers ? " (Eds.)" : " (Ed.)" }
    return Piece(text)
  }

  /// The venue, volume, pages, publisher part, by entry type.
  var container: [Piece] {
    var parts: [Piece] = []
    switch entry.type {
    case "article":
      if let journal = field("journal") ?? field("journaltitle") {
        var piece = journal.italic
        if let volume = field("volume") {
          piece = Piece(text: piece.text + ", " + volume.text, html: piece.html + ", " + volume.html)
          if let number = field("number") ?? field("issue") {
            piece = Piece(
              text: piece.text + "(" + number.text + ")", html: piece.html + "(" + number.html + ")")
          }
        }
        if let pages = pages() {
          piece = Piece(text: piece.text + ", " + pages.text, html: piece.html + ", " + pages.html)
        }
        parts.append(piece)
      }
    case "inproceedings", "conference", "incollection", "inbook":
      if let booktitle = field("booktitle") {
        var piece = Piece(text: "In " + booktitle.text, html: "In " + booktitle.italic.html)
        if let pages = pages() {
          piece = Piece(text: piece.text + ", pp. " + pages.text, html: piece.html + ", pp. " + pages.html)
        }
        parts.append(piece)
      } else if let pages = pages() {
        parts.append(Piece("pp. " + pages.text))
      }
      if let publisher = field("publisher") ?? field("organization") { parts.append(publisher) }
    case "phdthesis", "mastersthesis", "thesis":
      let kind =
        field("type")?.text
        ?? (entry.type == "phdthesis"
          ? "PhD thesis" : entry.type == "mastersthesis" ? "Master’s thesis" : "Thesis")
      let school = field("school") ?? field("institution")
      parts.append(school.map { Piece(kind + ", " + $0.text) } ?? Piece(kind))
    case "techreport", "report":
      var kind = field("type")?.text ?? "Technical report"
      if let number = field("number") { kind += " " + number.text }
      let institution = field("institution") ?? field("publisher")
      parts.append(institution.map { Piece(kind + ", " + $0.text) } ?? Piece(kind))
    default:
      if let edition = field("edition") { parts.append(Piece(edition.text + " edition")) }
      if let published = field("howpublished") ?? field("publisher") ?? field("organization")
        ?? field("institution")
      {
        parts.append(published)
      }
    }
    if let note = field("note") { parts.append(note) }
    return parts
  }

  /// arXiv, DOI, else an http(s) URL.
  var links: [Piece] {
    var out: [Piece] = []
    let archive = (entry["archiveprefix"] ?? entry["eprinttype"] ?? "arxiv").lowercased()
    if let eprint = entry["eprint"], archive == "arxiv" {
      let id = Work.verbatim(eprint)
      if !id.isEmpty {
        let href = "https://arxiv.org/abs/" + Work.percentEncode(id)
        out.append(
          Piece(
            text: "arXiv:\(id)",
            html: "<a href=\"\(HTMLEscaping.escape(href))\">arXiv:\(HTMLEscaping.escape(id))</a>"))
      }
    }
    if let doiField = entry["doi"] {
      var doi = Work.verbatim(doiField)
      for prefix in [
        "https://doi.org/", "http://doi.org/", "https://dx.doi.org/", "http://dx.doi.org/", "doi:",
      ]
      where doi.lowercased().hasPrefix(prefix) {
        doi = String(doi.dropFirst(prefix.count))
      }
      if !doi.isEmpty {
        let href = "https://doi.org/" + Work.percentEncode(doi)
        out.append(
          Piece(
            text: href,
            html: "<a href=\"\(HTMLEscaping.escape(href))\">\(HTMLEscaping.escape(href))</a>"))
      }
    }
    if out.isEmpty, let url = entry["url"].map(Work.verbatim) {
      let lower = url.lowercased()
      if lower.hasPrefix("https://") || lower.hasPrefix("http://") {
        let href = Work.percentEncode(url)
        out.append(
          Piece(text: url, html: "<a href=\"\(HTMLEscaping.escape(href))\">\(HTMLEscaping.escape(url))</a>"))
      }
    }
    return out
  }

  /// A verbatim field (`doi`, `url`, `eprint`): trimmed, with the backslash of `\_`, `\%`, `\&`,
  /// `\#`, `\~` and `\$` removed (BibTeX files escape them for LaTeX).
  static func verbatim(_ raw: String) -> String {
    var out = String.UnicodeScalarView()
    var scalars = raw.trimmingBlanks.unicodeScalars.makeIterator()
    while let c = scalars.next() {
      if c == "\\", let next = scalars.next() {
        if "_%&#~$".unicodeScalars.contains(next) {
          out.append(next)
        } else {
          out.append(c)
          out.append(next)
        }
      } else if c != "{" && c != "}" {
        out.append(c)
      }
    }
    return String(out)
  }

  /// Percent-encodes what may not stand in a URL (spaces, quotes, `<>`, `#` of a DOI, non-ASCII).
  static func percentEncode(_ text: String) -> String {
    let allowed = Set(
      "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-._~/:;()@!$&'*+,=?%".utf8)
    var out = ""
    for byte in text.utf8 {
      if allowed.contains(byte) {
        out.unicodeScalars.append(Unicode.Scalar(byte))
      } else {
        out += "%" + String(byte, radix: 16, uppercase: true).leftPadded
      }
    }
    return out
  }

  /// The entry's pieces, in order, with their spaces.
  func reference(yearSuffix: String) -> [Piece] {
    let yearPiece = Piece("(\(year)\(yearSuffix)).")
    var titlePiece = field("title").map(Work.sentence)
    if let t = titlePiece, Work.standaloneTypes.contains(entry.type) {
      titlePiece = Piece(
        text: t.text, html: "<i>\(t.html.dropLastPeriod)</i>" + (t.html.hasSuffix(".") ? "." : ""))
    }
    var pieces: [Piece] = []
    if let authors = authorList {
      pieces.append(authors)
      pieces.append(yearPiece)
      if let titlePiece { pieces.append(titlePiece) }
    } else {
      if let titlePiece { pieces.append(titlePiece) }
      pieces.append(yearPiece)
    }
    let rest = container
    if !rest.isEmpty { pieces.append(Work.sentence(Work.join(rest, ". "))) }
    for link in links { pieces.append(Work.sentence(link)) }
    var out: [Piece] = []
    for (n, piece) in pieces.enumerated() {
      if n > 0 { out.append(Piece(" ")) }
      out.append(piece)
    }
    return out
  }
}

extension String {
  fileprivate var leftPadded: String { count == 1 ? "0" + self : self }
  fileprivate var dropLastPeriod: String { hasSuffix(".") ? String(dropLast()) : self }
}
