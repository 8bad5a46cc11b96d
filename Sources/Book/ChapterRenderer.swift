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
      Document.RenderOptions(), replacing: replacements, references: references,
      referenceTexts: referenceTexts,
      equationTags: equationTags, reservedIDs: reservedIDs, callouts: callouts)
    let title = rendered.headings.first { $0.level == 1 }
    if title == nil {
      warnings.append(
        Diagnostic(
          file: chapter.source.displayPath, line: 1, severity: .warning,
          message: "no '# ' title heading; using the file name"))
    }
    var sections = rendered.headings.filter { $0.level == 2 || $0.level == 3 }.map {
      SectionHeading(level: $0.level, titleHTML: $0.html, anchor: $0.anchor)
    }
    var body = withoutTitle(rendered.html)
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
      abstractHTML: abstract(of: rendered.html), sections: sections, bodyHTML: body,
      hasMath: hasMath, hasCode: hasCode)
    return (page, warnings, rendered.headings)
  }

  /// The body without its first `<h1>`: the page template shows the title itself.
  static func withoutTitle(_ html: String) -> String {
    guard let start = html.range(of: "<h1"),
      let end = html.range(of: "</h1>\n", range: start.upperBound..<html.endIndex)
    else { return html }
    return String(html[..<start.lowerBound]) + String(html[end.upperBound...])
  }

  /// The inner HTML of the first paragraph after the `<h1>`, the chapter's one-line abstract.
  static func abstract(of html: String) -> String? {
    guard let h1 = html.range(of: "</h1>") else { return nil }
    let rest = html[h1.upperBound...]
    // Only a paragraph that directly follows the title counts.
    let trimmed = rest.drop { $0 == "\n" }
    guard trimmed.hasPrefix("<p>"), let end = trimmed.range(of: "</p>") else { return nil }
    let inner = trimmed[trimmed.index(trimmed.startIndex, offsetBy: 3)..<end.lowerBound]
    return withoutFootnoteReferences(String(inner))
  }

  /// `html` without its `<sup class="footnote-ref">…</sup>` marks: on the index page, where the
  /// abstract is shown, the notes they link to do not exist.
  static func withoutFootnoteReferences(_ html: String) -> String {
    var result = html
    while let start = result.range(of: "<sup class=\"footnote-ref\">"),
      let end = result.range(of: "</sup>", range: start.upperBound..<result.endIndex)
    {
      result.removeSubrange(start.lowerBound..<end.upperBound)
    }
    return result
  }
}
