import Bibliography
import Markdown
import Notebook
import Site

/// The print edition (`print.html`): every chapter rendered again, from the same data as its
/// page, for one page that holds the whole book.
///
/// Cross-references go to `#label` on that page (the label table's ``LabelTable/inPage``), and
/// ids are unique across it: chapter ids are their slugs, every label of the book is reserved,
/// and each chapter's generated ids (heading anchors, `cell-N`, unlabelled `fig-N`) avoid those
/// of the chapters before. Per-chapter reference lists become one list at the end.
/// (cmark-gfm's footnote ids, `fn-1`, are its own: two chapters with footnotes share them.)
enum PrintRendering {
  static func edition(
    chapters: [ChapterSource], documents: [Document], notebooks: [NotebookChapter], results: [ChapterRun?],
    table: LabelTable, bibliography: Bibliography?, codeFold: Bool = false
  ) -> PrintEdition {
    var table = table
    table.inPage = true
    var taken = Set(chapters.map(\.slug)).union(table.entries.keys)
    let referencesAnchor = unique("references", in: taken)
    taken.insert(referencesAnchor)
    var cited: [String] = []
    var pages: [ChapterPage] = []
    for (index, chapter) in chapters.enumerated() {
      let file = chapter.source.displayPath
      cited.append(contentsOf: table.citedKeys(of: documents[index]))
      let spliced = Splicer.splice(
        notebooks[index], results: results[index], numberPrefix: table.numberPrefixes[index],
        codeFold: codeFold,
        captionReferences: { [table] document, line in
          cited.append(contentsOf: table.citedKeys(of: document))
          return table.references(of: document, in: index, file: file, line: line).html
        }, avoiding: taken)
      let references = table.references(of: documents[index], in: index, file: file)
      let (page, _, headings) = ChapterRenderer.page(
        chapter: chapter, document: documents[index], replacements: spliced.replacements,
        references: references.html, referenceTexts: references.text, equationTags: table.equationTags[index],
        reservedIDs: spliced.ids.union(taken), callouts: table.calloutFrames[index])
      taken.formUnion(spliced.ids)
      taken.formUnion(headings.map(\.anchor))
      pages.append(page)
    }
    var seen = Set<String>()
    let keys = cited.filter { seen.insert($0).inserted }
    return PrintEdition(
      chapters: pages, referencesHTML: bibliography?.referenceListHTML(keys) ?? "",
      referencesAnchor: referencesAnchor)
  }

  /// `base`, or `base-1`, `base-2` … whichever is not taken.
  static func unique(_ base: String, in taken: Set<String>) -> String {
    var candidate = base
    var n = 1
    while taken.contains(candidate) {
      candidate = "\(base)-\(n)"
      n += 1
    }
    return candidate
  }
}
