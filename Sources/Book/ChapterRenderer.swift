import Markdown
import Site

/// Turns a parsed chapter plus the HTML that replaces some of its nodes into a ``ChapterPage``.
enum ChapterRenderer {
  /// The page, its warnings, and every heading as rendered (all levels, in document order).
  static func page(
    chapter: ChapterSource, document: Document, replacements: [Int: Document.Replacement],
    references: [String: String], referenceTexts: [String: String] = [:],
    equationTags: [String: String] = [:],
    reservedIDs: Set<String> = [], callouts: [Int: Document.CalloutFrame] = [:],
    referenceListHTML: String = ""
  ) -> (page: ChapterPage, warnings: [Diagnostic], headings: [Document.Heading]) {
    var warnings: [Diagnostic] = []
    let rendered = document.render(
      Document.RenderOptions(separateTitle: true), replacing: replacements, references: references,
      referenceTexts: referenceTexts,
      equationTags: equationTags, reservedIDs: reservedIDs, callouts: callouts)
    let title = rendered.title
    if title == nil {
      warnings.append(
        Diagnostic(
          file: chapter.source.displayPath, line: 1, severity: .warning,
          message: "no '# ' title heading; using the file name"))
    }
    var sections = rendered.headings.filter { $0.level == 2 || $0.level == 3 }.map {
      SectionHeading(level: $0.level, titleHTML: $0.html, anchor: $0.anchor, hasMath: $0.hasMath)
    }
    var body = rendered.html
    // A chapter that cites ends with the works it cites (`referenceListHTML`, from the
    // Bibliography module), under a generated "References" heading.
    if !referenceListHTML.isEmpty {
      let taken = reservedIDs.union(rendered.headings.map(\.anchor))
      var anchor = "references"
      var n = 1
      while taken.contains(anchor) {
        anchor = "references-\(n)"
        n += 1
      }
      body += "<h2 id=\"\(anchor)\">References</h2>\n" + referenceListHTML
      sections.append(SectionHeading(level: 2, titleHTML: "References", anchor: anchor))
    }
    let nodes = document.nodes
    let hasMath = nodes.contains { if case .math = $0.kind { return true } else { return false } }
    let hasCode =
      nodes.contains {
        if case .codeBlock(let info) = $0.kind { return !info.isEmpty } else { return false }
      }
    let page = ChapterPage(
      slug: chapter.slug, sourcePath: chapter.source.displayPath,
      titleHTML: title?.html ?? HTMLEscaping.escape(chapter.slug),
      titleText: title?.text ?? chapter.slug,
      abstractHTML: rendered.abstractHTML, sections: sections, bodyHTML: body,
      hasMath: hasMath, hasCode: hasCode, titleHasMath: title?.hasMath ?? false,
      abstractHasMath: rendered.abstractHasMath)
    return (page, warnings, rendered.headings)
  }
}
