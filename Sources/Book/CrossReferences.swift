import Markdown
import Notebook

/// The book's labels and numbers: the one place where figures, tables, equations, sections and
/// numbered callouts (theorems, exercises …) are numbered and where `[@label]` and `@label`
/// cross-references are checked and written.
///
/// Built from every chapter after evaluation and before any page renders (load → parse →
/// evaluate → **label table** → render), so a numbering change in one chapter re-renders the
/// others without re-running them. A chapter's number is its file-name prefix (`03-…` is
/// chapter 3; `00-…`, or no prefix, is unnumbered front matter, whose items are numbered
/// "1", "2" …); items are numbered per chapter, "3.2".
struct LabelTable: Sendable {
  enum Kind: Sendable, Hashable {
    case figure, table, equation, section
    /// A numbered environment: `> [!THEOREM]`, `> [!EXERCISE]` … (see ``CalloutKind``).
    case callout(CalloutKind)

    var name: (singular: String, plural: String) {
      switch self {
      case .figure: return ("Figure", "Figures")
      case .table: return ("Table", "Tables")
      case .equation: return ("Equation", "Equations")
      case .section: return ("Section", "Sections")
      case .callout(let kind): return (kind.name, kind.plural)
      }
    }
  }

  struct Entry: Sendable, Hashable {
    var label: String
    var kind: Kind
    /// "3.2" (or "2" in front matter).
    var number: String
    /// The index of the chapter that defines it.
    var chapter: Int
    /// Its page (`03-four-point.html`).
    var page: String
    var file: String
    var line: Int
    var column: Int
    /// What a link to it shows on hover (its caption, heading or equation, as text).
    var title: String? = nil
  }

  /// What one chapter contributes, in the order its items are numbered.
  struct ChapterLabels {
    var file: String
    var slug: String
    /// The chapter's number (nil: unnumbered).
    var number: Int?
    /// Labelled figures and tables with their number in the chapter (from ``Splicer``) and the
    /// label's position (from the block's `//| label:`).
    var numbered: [(item: Splicer.Numbered, at: Document.Label)] = []
    /// Labelled display equations, in order.
    var equations: [Document.Label] = []
    /// `##` and `###` headings in order, with their `{#label}` if any.
    var headings: [(level: Int, label: Document.Label?)] = []
    /// The chapter's callouts (`> [!KIND]`), in order.
    var callouts: [Document.Callout] = []
    /// Label → the text a link to it shows on hover (caption, heading, equation's TeX).
    var titles: [String: Title] = [:]
  }

  /// What a link's hover preview shows: text, or prose whose references are worded by the
  /// table once every label is known ("by (1.1)", not "by [@eq-a]").
  enum Title {
    case text(String)
    /// `lead` and then the text of `nodes` of `document`, one after another.
    case prose(lead: String, document: Document, nodes: [Node])
  }

  private(set) var entries: [String: Entry] = [:]
  private(set) var diagnostics: [Diagnostic] = []
  /// Per chapter, the numbers of its labelled equations (label → "3.2"), for KaTeX's `\tag`.
  private(set) var equationTags: [[String: String]] = []
  /// Per chapter: "3." or "".
  private(set) var numberPrefixes: [String] = []
  /// Per chapter, how its callouts render (blockquote node id → frame).
  private(set) var calloutFrames: [[Int: Document.CalloutFrame]] = []
  /// Where citations plug in (nil: the book has no `references.bib`, and a `[@key]` that is not
  /// a label is an error).
  var citations: Citations? = nil
  /// Links go to `#label` on the same page even across chapters: the print edition, where
  /// every chapter is on one page (labels are unique book-wide).
  var inPage = false
  /// What stands before an equation's number in a reference: "" gives "(3.2)", "Eq." gives
  /// "Eq. (3.2)" (`eq-prefix` in `notes.toml`).
  var equationPrefix = ""

  /// The book's bibliography as the table sees it: a `[@…]` whose labels all have no known
  /// prefix, none of them a label, and all of them ``knows``, is a citation (``html``).
  struct Citations {
    /// How the author names the `.bib` (`references.bib`).
    var file: String
    var knows: @Sendable (String) -> Bool
    /// The HTML of a citation (parenthetical or narrative, with prefixes and locators).
    var html: @Sendable (Citation) -> String
    /// Its plain text, for headings' anchors and the page's `<title>`.
    var text: @Sendable (Citation) -> String
  }

  /// Prefixes that name a numbered item's kind; a reference with another prefix is a citation.
  static let prefixes = ["fig-", "tbl-", "eq-", "sec-"] + CalloutKind.allCases.compactMap(\.prefix)

  init(_ chapters: [ChapterLabels]) {
    defer { wordTitles(chapters) }
    for (index, chapter) in chapters.enumerated() {
      let prefix = chapter.number.map { "\($0)." } ?? ""
      numberPrefixes.append(prefix)
      numberCallouts(chapter, index: index, prefix: prefix)
      var tags: [String: String] = [:]
      for (item, at) in chapter.numbered {
        add(
          label: item.label, kind: item.kind == .figure ? .figure : .table, number: "\(prefix)\(item.number)",
          chapter: index, of: chapter, at: at)
      }
      for (k, equation) in chapter.equations.enumerated() {
        let number = "\(prefix)\(k + 1)"
        if add(
          label: equation.name, kind: .equation, number: number, chapter: index, of: chapter, at: equation)
        {
          tags[equation.name] = number
        }
      }
      equationTags.append(tags)
      // Sections: the `##` headings in order (3.1, 3.2 …), `###` under them (3.2.1 …).
      var section = 0
      var subsection = 0
      for heading in chapter.headings {
        if heading.level == 2 {
          section += 1
          subsection = 0
        } else {
          subsection += 1
        }
        guard let label = heading.label else { continue }
        let number = "\(prefix)\(section)" + (heading.level == 2 ? "" : ".\(subsection)")
        add(label: label.name, kind: .section, number: number, chapter: index, of: chapter, at: label)
      }
    }
  }

  /// The chapter's number from its file name: `03-four-point.md` → 3; `00-…` or no digits → nil.
  static func chapterNumber(fileName: String) -> Int? {
    let name = fileName.split(separator: "/").last.map(String.init) ?? fileName
    let digits = name.prefix { $0.isASCII && $0.isNumber }
    guard !digits.isEmpty, let number = Int(digits), number > 0 else { return nil }
    return number
  }

  /// Adds an entry; a label already taken is an error at the second (false).
  @discardableResult
  private mutating func add(
    label: String, kind: Kind, number: String, chapter: Int, of source: ChapterLabels, at: Document.Label
  ) -> Bool {
    if let first = entries[label] {
      diagnostics.append(
        Diagnostic(
          file: source.file, line: at.line, column: at.column,
          message: "duplicate label '\(label)' (first at \(first.file):\(first.line))"))
      return false
    }
    entries[label] = Entry(
      label: label, kind: kind, number: number, chapter: chapter, page: "\(source.slug).html",
      file: source.file, line: at.line, column: at.column)
    return true
  }

  /// Sets each entry's hover ``Entry/title`` from its chapter's ``ChapterLabels/titles``, with
  /// the references in it worded as text.
  private mutating func wordTitles(_ chapters: [ChapterLabels]) {
    for (index, chapter) in chapters.enumerated() {
      for (label, title) in chapter.titles {
        guard entries[label]?.chapter == index, entries[label]?.file == chapter.file else { continue }
        switch title {
        case .text(let text): entries[label]?.title = Self.preview(text)
        case .prose(let lead, let document, let nodes):
          var texts: [String: String] = [:]
          for reference in document.crossReferences {
            if case .success(let resolved) = resolve(reference, in: index, file: chapter.file) {
              texts[reference.key] = resolved.text
            }
          }
          // Inlines run together; blocks are separated by a space.
          var body = ""
          for node in nodes {
            let text = Document.text(of: node, replacing: [:], referenceTexts: texts)
            if node.kind.isBlock && !body.isEmpty && !text.isEmpty { body += " " }
            body += text
          }
          // A numbered callout's preview starts with its name: "Theorem 3.1 (Title): …".
          var name = ""
          if let entry = entries[label], case .callout(let kind) = entry.kind {
            name = "\(kind.name) \(entry.number)"
          }
          entries[label]?.title = Self.preview(name + lead + body)
        }
      }
    }
  }

  /// Numbers the chapter's callouts (each numbered kind on its own, "3.1", "3.2" …), checks their
  /// kinds and labels, and makes their frames. Errors: an unknown `[!KIND]`, a label on a kind
  /// that is not numbered or with another kind's prefix, a solution that follows no exercise.
  private mutating func numberCallouts(_ chapter: ChapterLabels, index: Int, prefix: String) {
    var counters: [CalloutKind: Int] = [:]
    var frames: [Int: Document.CalloutFrame] = [:]
    var numbers: [Int: (CalloutKind, String)] = [:]
    func error(_ callout: Document.Callout, _ message: String, at label: Document.Label? = nil) {
      diagnostics.append(
        Diagnostic(
          file: chapter.file, line: label?.line ?? callout.line, column: label?.column ?? callout.column,
          message: message))
    }
    for (k, callout) in chapter.callouts.enumerated() {
      guard let kind = CalloutKind(marker: callout.kind) else {
        error(
          callout,
          "unknown callout '\(callout.marker)' (known: \(CalloutKind.known)); for a plain blockquote that starts with it, write '\\\(callout.marker)'"
        )
        continue
      }
      var number: String?
      if kind.prefix != nil {
        counters[kind, default: 0] += 1
        number = "\(prefix)\(counters[kind]!)"
        numbers[k] = (kind, number!)
      }
      var exercise: String?
      if kind == .solution {
        if let previous = callout.follows, let (previousKind, previousNumber) = numbers[previous],
          previousKind == .exercise
        {
          exercise = previousNumber
        } else {
          error(callout, "a [!SOLUTION] must come right after the [!EXERCISE] it solves")
        }
      }
      var label = callout.label?.name
      if let given = callout.label {
        if let expected = kind.prefix {
          if !given.name.hasPrefix(expected) {
            error(
              callout, "the label of \(callout.marker) must start with '\(expected)', not '\(given.name)'",
              at: given)
            label = nil
          } else if !add(
            label: given.name, kind: .callout(kind), number: number!, chapter: index, of: chapter, at: given)
          {
            label = nil
          }
        } else {
          error(
            callout, "\(callout.marker) is not numbered and takes no label ('{#\(given.name)}')", at: given)
          label = nil
        }
      }
      frames[callout.nodeID] = kind.frame(label: label, number: number, exercise: exercise)
    }
    calloutFrames.append(frames)
  }

  /// At most 160 characters of `text` on one line, for a hover preview.
  static func preview(_ text: String) -> String {
    let line = text.split(whereSeparator: \.isWhitespace).joined(separator: " ")
    return line.count <= 160 ? line : String(line.prefix(159)) + "…"
  }

  /// The HTML of a cross-reference written in chapter `chapter`, or the error at its position.
  ///
  /// One label: the whole text is the link ("Figure 2.1", "(3.2)", "Section 3.2"). Several:
  /// grouped by kind in order of first appearance, one link per number: "Figures 2.1 and
  /// 2.2", "(3.1) and (3.2)"; groups of different kinds are joined the same way ("Figure 2.1
  /// and Table 2.1"). A link to another chapter goes to its page (`02-slug.html#fig-a`); its
  /// `title` is the target's caption, heading or equation (a hover preview). A prefix and a
  /// locator (`[see @fig-a, left]`) stand around the text.
  func html(for reference: Document.CrossReference, in chapter: Int, file: String) -> Result<
    String, Diagnostic
  > {
    resolve(reference, in: chapter, file: file).map(\.html)
  }

  /// The HTML and the plain text of a cross-reference or citation, or the error at its position.
  func resolve(_ reference: Document.CrossReference, in chapter: Int, file: String) -> Result<
    (html: String, text: String), Diagnostic
  > {
    if let citations, isCitation(reference) {
      return .success((citations.html(reference.citation), citations.text(reference.citation)))
    }
    // Works cited together, one of them unknown: the error names it.
    if let citations,
      reference.labels.allSatisfy({ entries[$0] == nil && !Self.prefixes.contains(where: $0.hasPrefix) }),
      reference.labels.contains(where: citations.knows),
      let missing = reference.labels.first(where: { !citations.knows($0) })
    {
      return .failure(
        Diagnostic(
          file: file, line: reference.line, column: reference.column,
          message:
            "no figure, table, equation, section or numbered callout is labelled '\(missing)', and \(citations.file) has no entry '\(missing)'"
        ))
    }
    var found: [Entry] = []
    for label in reference.labels {
      if let entry = entries[label] {
        found.append(entry)
        continue
      }
      let unknown = "no figure, table, equation, section or numbered callout is labelled '\(label)'"
      let hint =
        "label a block with '//| label: \(label)', an equation with '$$ … $$ {#\(label)}', a heading with '## Title {#\(label)}'"
      let message: String
      if Self.prefixes.contains(where: label.hasPrefix) {
        message = "\(unknown) (\(hint))"
      } else if let citations {
        message =
          citations.knows(label)
          ? "'\(label)' is a work in \(citations.file): cite works in a [@…] of their own, apart from figures, tables, equations and sections"
          : "\(unknown), and \(citations.file) has no entry '\(label)'"
            + (reference.citation.form == .narrative ? " (for a literal '@', write '\\@')" : "")
      } else {
        message =
          "\(unknown) (\(hint); to cite a work, add references.bib beside chapters/"
          + (reference.citation.form == .narrative ? "; for a literal '@', write '\\@')" : ")")
      }
      return .failure(
        Diagnostic(file: file, line: reference.line, column: reference.column, message: message))
    }
    func href(_ entry: Entry) -> String {
      let page = entry.chapter == chapter || inPage ? "" : entry.page
      return HTMLEscaping.escape("\(page)#\(entry.label)")
    }
    func link(_ entry: Entry, _ text: String) -> String {
      let title = entry.title.map { " title=\"\(HTMLEscaping.escape($0))\"" } ?? ""
      return "<a href=\"\(href(entry))\"\(title)>\(HTMLEscaping.escape(text))</a>"
    }
    func equation(_ number: String) -> String { "(\(number))" }
    let lead = equationPrefix.isEmpty ? "" : equationPrefix + " "
    var html: String
    var text: String
    if found.count == 1 {
      let entry = found[0]
      let words =
        entry.kind == .equation ? equation(entry.number) : "\(entry.kind.name.singular) \(entry.number)"
      html = (entry.kind == .equation ? HTMLEscaping.escape(lead) : "") + link(entry, words)
      text = (entry.kind == .equation ? lead : "") + words
    } else {
      var kinds: [Kind] = []
      for entry in found where !kinds.contains(entry.kind) { kinds.append(entry.kind) }
      var htmlGroups: [String] = []
      var textGroups: [String] = []
      for kind in kinds {
        let members = found.filter { $0.kind == kind }
        if kind == .equation {
          htmlGroups.append(
            HTMLEscaping.escape(lead) + Self.list(members.map { link($0, equation($0.number)) }))
          textGroups.append(lead + Self.list(members.map { equation($0.number) }))
          continue
        }
        let name = members.count == 1 ? kind.name.singular : kind.name.plural
        htmlGroups.append("\(name) " + Self.list(members.map { link($0, $0.number) }))
        textGroups.append("\(name) " + Self.list(members.map(\.number)))
      }
      html = Self.list(htmlGroups)
      text = Self.list(textGroups)
    }
    // `[see @fig-a, left]`: the first item's prefix before, the last one's locator after.
    if let prefix = reference.citation.items.first?.prefix, !prefix.isEmpty {
      html = HTMLEscaping.escape(prefix) + " " + html
      text = prefix + " " + text
    }
    if let locator = reference.citation.items.last?.locator, !locator.isEmpty {
      html += HTMLEscaping.escape(", " + locator)
      text += ", " + locator
    }
    return .success((html, text))
  }

  /// Whether `reference` is a citation: every label without a known prefix, not a label, and in
  /// the bibliography.
  func isCitation(_ reference: Document.CrossReference) -> Bool {
    guard let citations else { return false }
    return reference.labels.allSatisfy { label in
      entries[label] == nil && !Self.prefixes.contains(where: label.hasPrefix) && citations.knows(label)
    }
  }

  /// The keys `document` cites, in order of first citation.
  func citedKeys(of document: Document) -> [String] {
    var keys: [String] = []
    for reference in document.crossReferences where isCitation(reference) {
      for key in reference.labels where !keys.contains(key) { keys.append(key) }
    }
    return keys
  }

  /// "a", "a and b", "a, b and c".
  static func list(_ items: [String]) -> String {
    guard items.count > 1 else { return items.first ?? "" }
    return items.dropLast().joined(separator: ", ") + " and " + items.last!
  }

  /// The HTML of every cross-reference of `document` (keyed by ``Document/CrossReference/key``),
  /// with an error for each that does not resolve (at `line` instead of its own position when given:
  /// a caption option, whose document is the option's text).
  func references(
    of document: Document, in chapter: Int, file: String, line: Int? = nil
  ) -> (html: [String: String], text: [String: String], errors: [Diagnostic]) {
    var html: [String: String] = [:]
    var text: [String: String] = [:]
    var errors: [Diagnostic] = []
    for reference in document.crossReferences {
      var located = reference
      if let line {
        located.line = line
        located.column = 0
      }
      switch resolve(located, in: chapter, file: file) {
      case .success(let resolved):
        html[reference.key] = resolved.html
        text[reference.key] = resolved.text
      case .failure(let error): errors.append(error)
      }
    }
    return (html, text, errors)
  }
}
