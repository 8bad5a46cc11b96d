import Bibliography
import Markdown
import Notebook
import Search

/// A chapter's entry in the search index, from the parsed document and what the splicer made of
/// its cells — the same data the page is rendered from, never the page's HTML.
enum SearchEntries {
  /// The chapter's sections: the text before its first heading after the title (anchor `""`),
  /// then one per heading, with the heading's anchor and text as rendered (`headings`, in
  /// document order). Prose, list items, table cells and inline values are text (math as its
  /// TeX, values as shown); a `{swift}` block contributes its captions and the cells of its
  /// tables; listings and program output are left out.
  /// `references` gives the text of cross-references and citations by their key ("Figure 2.1",
  /// "(Roberts, Yaida & Hanin 2022)"; see ``referenceTexts(of:table:bibliography:)``).
  static func page(
    href: String, title: String, document: Document, spliced: Splicer.Spliced, headings: [Document.Heading],
    references: [String: String] = [:]
  ) -> SearchIndex.Page {
    var sections = [SearchIndex.Section(anchor: "", heading: "")]
    var paragraphs: [String] = []
    var captions: [String] = []
    func close() {
      sections[sections.count - 1].text = paragraphs.joined(separator: "\n")
      sections[sections.count - 1].captions = captions.joined(separator: "\n")
      paragraphs = []
      captions = []
    }
    var headingIndex = 0
    var sawTitle = false
    for node in document.nodes {
      switch node.kind {
      case .heading(let level):
        defer { headingIndex += 1 }
        guard headingIndex < headings.count else { continue }
        if level == 1 && !sawTitle {
          sawTitle = true
          continue
        }
        close()
        sections.append(
          SearchIndex.Section(anchor: headings[headingIndex].anchor, heading: headings[headingIndex].text))
      case .paragraph, .tableCell:
        let text = Self.text(of: node, replacing: spliced.replacements, references: references)
        if !text.isEmpty { paragraphs.append(text) }
      case .codeBlock:
        guard let replacement = spliced.replacements[node.id] else { continue }
        captions.append(contentsOf: spliced.captions[node.id] ?? [])
        if !replacement.text.isEmpty { paragraphs.append(replacement.text) }
      default:
        continue
      }
    }
    close()
    return SearchIndex.Page(href: href, title: title, sections: sections)
  }

  /// A node's text as a reader sees it: markup removed, math as its TeX, replaced nodes (inline
  /// values) as their text, cross-references and citations as their words.
  static func text(of node: Node, replacing: [Int: Document.Replacement], references: [String: String])
    -> String
  {
    switch node.kind {
    case .crossReference(let key): return references[key] ?? node.plainText
    case .text, .math, .softBreak, .lineBreak: return node.plainText
    default:
      // Math and text pieces share their text node's id: they are handled above.
      if let replacement = replacing[node.id] { return replacement.text }
      if node.kind == .code { return node.plainText }
      return node.children.map { text(of: $0, replacing: replacing, references: references) }.joined()
    }
  }

  /// The words of `document`'s cross-references by key, as the label table links them ("Figure
  /// 2.1", "(3.2)", "Figures 2.1 and 2.2") and citations as the bibliography writes them.
  static func referenceTexts(of document: Document, table: LabelTable, bibliography: Bibliography?)
    -> [String: String]
  {
    var texts: [String: String] = [:]
    for reference in document.crossReferences {
      if let bibliography, table.isCitation(reference) {
        texts[reference.key] = bibliography.text(
          Citation(form: .parenthetical, items: reference.labels.map { Citation.Item(key: $0) }))
        continue
      }
      let entries = reference.labels.compactMap { table.entries[$0] }
      guard entries.count == reference.labels.count else { continue }
      texts[reference.key] = LabelTable.list(
        entries.map { $0.kind == .equation ? "(\($0.number))" : "\($0.kind.name.singular) \($0.number)" })
    }
    return texts
  }
}
