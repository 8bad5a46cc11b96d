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
  static func page(
    href: String, title: String, document: Document, spliced: Splicer.Spliced, headings: [Document.Heading]
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
    for node in document.root.allNodes() {
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
        let text = Document.text(of: node, replacing: spliced.replacements)
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
}
