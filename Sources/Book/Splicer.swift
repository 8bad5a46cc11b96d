import Foundation
import Markdown
import Notebook

/// Turns a chapter's cells and their results into HTML for the page: listings, printed output,
/// numbered figures and tables, inline values, and error boxes for failed cells.
public enum Splicer {
  public struct Spliced: Sendable {
    /// Markdown node id → what replaces it: HTML, and plain text for headings and alt text
    /// (an inline value in a heading is its value in the page's title, anchor and contents).
    public var replacements: [Int: Document.Replacement] = [:]
    /// Every `id` the spliced HTML defines (cells, figures, tables): heading anchors avoid them.
    public var ids: Set<String> = []
    /// The labelled figures and tables, in order, with their number in the chapter: what the
    /// book's label table (`Book/CrossReferences.swift`) numbers and links.
    public var numbered: [Numbered] = []
    /// Files for the site (`data/<slug>-fig-N.csv`).
    public var files: [String: Data] = [:]
    /// Block node id → the plain text of its figure and table captions ("Figure 2.1. …"), for
    /// the search index. A block's ``Document/Replacement/text`` is the text of its tables.
    public var captions: [Int: [String]] = [:]
    public var warnings: [Diagnostic] = []
  }

  /// A labelled figure or table.
  public struct Numbered: Sendable, Hashable {
    public enum Kind: Sendable, Hashable { case figure, table }
    public var label: String
    public var kind: Kind
    /// Its number among the chapter's figures (or tables), from 1.
    public var number: Int
    public init(label: String, kind: Kind, number: Int) {
      self.label = label
      self.kind = kind
      self.number = number
    }
  }

  /// The chapter's spliced HTML. Figures and tables are captioned "Figure `numberPrefix`N."
  /// (`numberPrefix` is the chapter's, e.g. "3.", or empty).
  ///
  /// Captions may refer to any label of the book, so the book's numbering is found first
  /// (``numbering(_:results:)``). `captionReferences` gives, for a
  /// `caption:` option parsed as a document and the line of its block, the HTML of each of its
  /// cross-references (keyed by ``Document/CrossReference/key``); the splicer numbers, the
  /// book's label table words and checks the references.
  ///
  /// `codeFold` is the book's default for blocks without a `//| code-fold:` option: folded code
  /// is in a `<details>` under "Code". Generated ids (`cell-3`, an unlabelled `fig-2`) avoid
  /// `avoiding` too: the print edition (every chapter on one page) passes the ids of the chapters
  /// before. `link` gives, for a name the compiler resolved in a block (``ChapterRun/references``),
  /// the address and one-line summary of its entry in the API reference, or nil to leave it as
  /// text.
  public static func splice(
    _ chapter: NotebookChapter, results: ChapterRun?, numberPrefix: String = "", codeFold: Bool = false,
    captionReferences: (Document, Int) -> [String: String] = { _, _ in [:] },
    link: (CodeReference) -> CodeLink? = { _ in nil }, avoiding: Set<String> = []
  ) -> Spliced {
    splice(
      chapter, results: results, numberPrefix: numberPrefix, codeFold: codeFold,
      captionReferences: captionReferences, link: link, render: true, avoiding: avoiding)
  }

  /// The chapter's labelled figures and tables (``Spliced/numbered``) and generated ids, as
  /// ``splice(_:results:numberPrefix:captionReferences:)`` numbers them, without rendering
  /// figures, tables, captions or output: the book's numbering pass, before any page renders.
  public static func numbering(_ chapter: NotebookChapter, results: ChapterRun?) -> Spliced {
    splice(
      chapter, results: results, numberPrefix: "", codeFold: false, captionReferences: { _, _ in [:] },
      link: { _ in nil },
      render: false)
  }

  private static func splice(
    _ chapter: NotebookChapter, results: ChapterRun?, numberPrefix: String, codeFold: Bool,
    captionReferences: (Document, Int) -> [String: String], link: (CodeReference) -> CodeLink?,
    render: Bool, avoiding: Set<String> = []
  ) -> Spliced {
    let referencesByCell = Dictionary(grouping: results?.references ?? [], by: \.cell)
    var spliced = Spliced()
    // The author's caption option is Markdown with math and cross-references.
    func captionHTML(_ text: String, line: Int) -> String {
      let document = Document(parsing: text)
      return inlineHTML(document, references: captionReferences(document, line))
    }
    var figureNumber = 0
    var tableNumber = 0
    let failedCell = results?.failure?.cell
    let failedAtCompile = results?.failure != nil && failedCell == nil
    // Generated ids never collide with a label or with each other: `fig-2` is `fig-2-1` when a
    // block is labelled `fig-2` (labels are unique: see `NotebookChapter`).
    var used = Set(chapter.cells.compactMap { $0.isBlock ? $0.options.label : nil }).union(avoiding)
    func unique(_ base: String) -> String {
      var id = base
      var k = 1
      while used.contains(id) {
        id = "\(base)-\(k)"
        k += 1
      }
      used.insert(id)
      return id
    }
    for cell in chapter.cells {
      let result = results.flatMap { $0.cells.indices.contains(cell.index) ? $0.cells[cell.index] : nil }
      switch cell.kind {
      case .inline(let expression):
        if let value = result?.value {
          spliced.replacements[cell.nodeID] = Document.Replacement(
            html: "<span class=\"notes-value\">\(HTMLEscaping.escape(value))</span>", text: value)
        } else {
          // A failed expression says why on hover; the build's error names its line.
          let failed = cell.index == failedCell
          let status = failed ? "failed" : "not evaluated"
          let why = failed ? results?.failure?.message ?? status : status
          spliced.replacements[cell.nodeID] = Document.Replacement(
            html: "<span class=\"notes-value notes-missing\" title=\"\(HTMLEscaping.escape(why))\"><code>"
              + "\(HTMLEscaping.escape(expression))</code> (\(status))</span>",
            text: "\(expression) (\(status))")
        }
      case .block(let code, _, let options):
        let cellID = unique("cell-\(cell.index + 1)")
        var captionTexts: [String] = []
        var tableTexts: [String] = []
        spliced.ids.insert(cellID)
        var html = "<div class=\"notes-cell\" id=\"\(HTMLEscaping.escape(cellID))\">\n"
        if options.echo {
          let linked = LinkedListing.html(code, references: referencesByCell[cell.index] ?? [], link: link)
          let listing = "<pre><code class=\"language-swift\">\(linked)</code></pre>\n"
          html +=
            options.codeFold ?? codeFold
            ? "<details class=\"code-fold\"><summary>Code</summary>\n\(listing)</details>\n" : listing
        }
        if let result, options.output {
          // The block's label and caption belong to its first figure or table.
          var first = true
          func anchor(_ kind: Numbered.Kind, _ number: Int, fallback: String) -> (
            id: String, caption: String?
          ) {
            defer { first = false }
            guard first, let label = options.label else {
              let id = unique(fallback)
              spliced.ids.insert(id)
              return (id, first ? options.caption : nil)
            }
            spliced.ids.insert(label)
            spliced.numbered.append(Numbered(label: label, kind: kind, number: number))
            return (label, options.caption)
          }
          for output in result.outputs {
            switch output {
            case .stdout(let text):
              guard render else { continue }
              html += "<div class=\"notes-output\"><pre>\(HTMLEscaping.escape(text))</pre></div>\n"
            case .figure(let figure):
              figureNumber += 1
              let (id, blockCaption) = anchor(.figure, figureNumber, fallback: "fig-\(figureNumber)")
              guard render else { continue }
              let csvPath = "data/\(chapter.slug)-fig-\(figureNumber).csv"
              spliced.files[csvPath] = Data(figure.csv.utf8)
              // The author's caption option is Markdown; text computed at run time is text.
              let caption =
                blockCaption.map { captionHTML($0, line: cell.line) }
                ?? MathText.html(figure.caption ?? figure.title)
              captionTexts.append(
                "Figure \(numberPrefix)\(figureNumber). "
                  + (blockCaption.map(captionText) ?? figure.caption ?? figure.title))
              html += "<figure class=\"notes-figure\" id=\"\(HTMLEscaping.escape(id))\">\n\(figure.svg)\n"
              html +=
                "<figcaption><span class=\"figure-number\">Figure \(numberPrefix)\(figureNumber).</span> \(caption)"
              html +=
                " <a class=\"data-link\" href=\"\(csvPath)\" download>data</a></figcaption>\n</figure>\n"
            case .table(let table):
              tableNumber += 1
              let (id, blockCaption) = anchor(.table, tableNumber, fallback: "tbl-\(tableNumber)")
              guard render else { continue }
              let caption =
                blockCaption.map { captionHTML($0, line: cell.line) } ?? table.caption.map(MathText.html)
              captionTexts.append(
                "Table \(numberPrefix)\(tableNumber)."
                  + ((blockCaption.map(captionText) ?? table.caption).map { " " + $0 } ?? ""))
              tableTexts.append(
                ([table.columns] + table.rows).map { $0.joined(separator: " ") }.joined(separator: "\n"))
              html += "<figure class=\"notes-table\" id=\"\(HTMLEscaping.escape(id))\">\n"
              html += "<figcaption><span class=\"table-number\">Table \(numberPrefix)\(tableNumber).</span>"
              html += caption.map { " " + $0 } ?? ""
              html += "</figcaption>\n<div class=\"table-wrap\">\n\(tableHTML(table))\n</div>\n</figure>\n"
            }
          }
          if !result.stderr.isEmpty && cell.index != failedCell {
            html += "<div class=\"notes-warning\"><pre>\(HTMLEscaping.escape(result.stderr))</pre></div>\n"
          }
        }
        if cell.index == failedCell, let failure = results?.failure {
          let diagnostics = Evaluator.diagnostics(for: failure, chapter: chapter, run: results!)
          html +=
            "<div class=\"notes-error\"><pre>\(HTMLEscaping.escape(diagnostics.map(\.description).joined(separator: "\n")))</pre></div>\n"
        } else if failedAtCompile && options.eval
          && cell.index == chapter.cells.first(where: { $0.isBlock && $0.options.eval })?.index,
          let failure = results?.failure
        {
          let text = failure.diagnostics.map(\.description).joined(separator: "\n")
          html +=
            "<div class=\"notes-error\"><pre>\(HTMLEscaping.escape(text.isEmpty ? failure.message : text))</pre></div>\n"
        }
        html += "</div>"
        spliced.replacements[cell.nodeID] = Document.Replacement(
          html: html, text: tableTexts.joined(separator: "\n"))
        if !captionTexts.isEmpty { spliced.captions[cell.nodeID] = captionTexts }
      }
    }
    return spliced
  }

  /// The author's `caption:` option as plain text (math as its TeX).
  static func captionText(_ markdown: String) -> String {
    Document(parsing: markdown).root.plainText
  }

  /// A table from `show(_:)`: titles and cells are text computed at run time (escaped), with
  /// math typeset by the prose's rules (``MathText``).
  static func tableHTML(_ table: TableResult) -> String {
    var out = "<table>\n<thead>\n<tr>"
    for column in table.columns { out += "<th>\(MathText.html(column))</th>" }
    out += "</tr>\n</thead>\n<tbody>\n"
    for row in table.rows {
      out += "<tr>" + row.map { "<td>\(MathText.html($0))</td>" }.joined() + "</tr>\n"
    }
    return out + "</tbody>\n</table>"
  }

  /// The author's `caption:` option as inline HTML: Markdown with math and cross-references,
  /// without the paragraph.
  static func inlineHTML(_ document: Document, references: [String: String]) -> String {
    var html = document.render(.inline, references: references).html
    while html.hasSuffix("\n") { html.removeLast() }
    return html
  }
}
