/// A parsed Markdown chapter: the Swift tree of its source with TeX math protected.
///
/// Parsing and rendering run cmark-gfm (see `CMark.swift`, the only file that touches its C
/// API) with tables, strikethrough, autolinks, task lists, the tag filter and footnotes.
public struct Document: Sendable {
  /// Options that shape parsing.
  public struct Options: Sendable, Hashable {
    /// Protect TeX math from Markdown (on for chapters; off reproduces plain cmark-gfm).
    public var math: Bool
    /// GFM extensions to enable: any of table, strikethrough, autolink, tagfilter, tasklist.
    public var extensions: [String]
    /// Parse `[^note]` footnotes.
    public var footnotes: Bool

    public init(
      math: Bool = true,
      extensions: [String] = ["table", "strikethrough", "autolink", "tagfilter", "tasklist"],
      footnotes: Bool = true
    ) {
      self.math = math
      self.extensions = extensions
      self.footnotes = footnotes
    }
  }

  /// The source exactly as given.
  public let source: String
  /// The root of the tree (`kind == .document`).
  public let root: Node
  public let options: Options
  /// The source with math replaced by tokens: what cmark-gfm actually parses.
  let protectedSource: String
  let mathSpans: [MathShield.Span]
  /// Every node of the tree, in document order (``Node/allNodes()`` of ``root``, walked once).
  public private(set) var nodes: [Node] = []
  /// Heading node id → the heading's `{#label}`.
  public private(set) var headingLabels: [Int: Label] = [:]
  /// The callouts (`> [!NOTE]`, `> [!THEOREM] Title {#thm-x}`), in document order.
  public private(set) var callouts: [Callout] = []

  /// Parses `source`. Markdown has no syntax errors, so this never fails.
  public init(parsing source: String, options: Options = Options()) {
    self.source = source
    self.options = options
    // Private-use characters that this layer uses as markers cannot come from the source.
    let marked = MarkerEscaping.protect(source)
    if options.math {
      // Lines inside code blocks and HTML blocks are verbatim: find them with a first parse.
      let verbatim = CMark.verbatimLines(marked, options: options)
      var shield = MathShield()
      protectedSource = shield.protect(marked, verbatimLines: verbatim)
      mathSpans = shield.spans
    } else {
      protectedSource = marked
      mathSpans = []
    }
    root = CMark.tree(protectedSource, options: options, math: mathSpans)
    // Derived once: every stage asks for them, several times per chapter.
    nodes = root.allNodes()
    headingLabels = blockLabels(of: { if case .heading = $0 { true } else { false } })
    callouts = findCallouts()
  }

  /// What to render around the plain cmark-gfm output.
  public struct RenderOptions: Sendable, Hashable {
    /// Give `<h1>`…`<h6>` an `id` from their text (GitHub style, deduplicated).
    public var headingAnchors: Bool
    /// Wrap tables in `<div class="table-wrap">` so wide tables scroll.
    public var wrapTables: Bool

    /// Leave the title (the first `# ` heading) and the paragraph right under it (the abstract)
    /// out of the HTML and return them separately (``Rendered/title``,
    /// ``Rendered/abstractHTML``): a chapter page shows them in its header.
    public var separateTitle: Bool
    /// A document that is one paragraph renders as that paragraph's content, without `<p>`
    /// (a caption, a title written in Markdown).
    public var inline: Bool

    public init(
      headingAnchors: Bool = true, wrapTables: Bool = true, separateTitle: Bool = false, inline: Bool = false
    ) {
      self.headingAnchors = headingAnchors
      self.wrapTables = wrapTables
      self.separateTitle = separateTitle
      self.inline = inline
    }
    /// Exactly cmark-gfm's HTML (math still protected if the document was parsed so).
    public static let plain = RenderOptions(headingAnchors: false, wrapTables: false)
    /// ``plain``, and a one-paragraph document as inline HTML.
    public static let inline = RenderOptions(headingAnchors: false, wrapTables: false, inline: true)
  }

  /// A heading as rendered, for tables of contents.
  public struct Heading: Sendable, Hashable {
    public var level: Int
    public var anchor: String
    /// The author's `{#label}` at the end of the heading line, which is then its anchor.
    public var label: String?
    /// The heading's inline content as HTML (math as KaTeX-ready spans; references with a text
    /// form in `referenceTexts` as that text, since this HTML is shown inside links).
    public var html: String
    public var text: String
    public var line: Int
    /// Whether the heading holds math (where it is shown, the page needs KaTeX).
    public var hasMath: Bool = false
  }

  /// What replaces a node: HTML where HTML goes, and its plain text where only text can go (a
  /// heading's anchor and `<title>`, an image's alt text). The HTML is inserted after cmark
  /// renders; reserved private-use characters in it are escaped (``MarkerEscaping``).
  public struct Replacement: Sendable, Hashable {
    public var html: String
    public var text: String
    public init(html: String, text: String) {
      self.html = html
      self.text = text
    }
  }

  public struct Rendered: Sendable {
    public var html: String
    /// Every heading, the title included, in document order.
    public var headings: [Heading]
    /// The first level-1 heading, if any.
    public var title: Heading? { headings.first { $0.level == 1 } }
    /// With ``RenderOptions/separateTitle``: the inner HTML of the paragraph directly under the
    /// title, without footnote marks; nil when the title is not followed by a paragraph.
    public var abstractHTML: String?
    /// Whether the abstract holds math.
    public var abstractHasMath = false
  }

  /// Renders the document to HTML, replacing the nodes named in `replacing` (by ``Node/id``)
  /// with the given HTML, which is inserted verbatim after cmark's rendering (so the tag
  /// filter does not touch it). Block nodes are replaced as blocks, inline nodes inline.
  ///
  /// `references` maps the labels of `[@label]` cross-references to their HTML (a link such as
  /// `<a href="#fig-x">Figure 2</a>`); unknown labels render as
  /// `<span class="notes-unresolved">[@label]</span>` (see ``crossReferences``).
  ///
  /// A replaced node inside a heading counts as its ``Replacement/text`` in the heading's
  /// anchor and ``Heading/text``, and as its HTML in ``Heading/html``; inside an image's alt
  /// text it is its text. Heading anchors never equal one of `reservedIDs` (the ids of the
  /// generated HTML: cells, figures, tables), nor cmark-gfm's footnote ids.
  ///
  /// `references` is keyed by ``CrossReference/key`` (the label for `[@label]`). A labelled
  /// equation (`$$ … $$ {#eq-name}`) gets `id="eq-name"` and, when `equationTags` has its
  /// label, KaTeX's `\tag{…}` with that number.
  ///
  /// `referenceTexts` gives the text form of references (keyed like `references`), for a
  /// heading's anchor and text. `callouts` frames blockquotes (by ``Node/id``, from ``callouts``)
  /// as callouts: their `[!KIND]` marker and first-line title are taken out and the title is
  /// rendered between the frame's `titleOpen` and `titleClose`.
  public func render(
    _ options: RenderOptions = RenderOptions(), replacing: [Int: Replacement] = [:],
    references: [String: String] = [:], referenceTexts: [String: String] = [:],
    equationTags: [String: String] = [:], reservedIDs: Set<String> = [], callouts: [Int: CalloutFrame] = [:]
  ) -> Rendered {
    let anchors =
      options.headingAnchors
      ? headingAnchors(replacing: replacing, referenceTexts: referenceTexts, reserved: reservedIDs) : [:]
    var frames: [Int: CMark.Frame] = [:]
    for callout in self.callouts {
      if let frame = callouts[callout.nodeID] { frames[callout.nodeID] = (frame, callout.marker) }
    }
    let title = options.separateTitle ? titleNodes : nil
    let (rendered, headingInner, abstractInner) = CMark.render(
      protectedSource, options: self.options, render: options, replacing: replacing, anchors: anchors,
      math: mathSpans, callouts: frames, title: title)
    let html = restoreMath(rendered, references: references, equationTags: equationTags)
    let labels = headingLabels
    var headings: [Heading] = []
    // A heading's HTML goes into links (contents, sidebar, pager): its references are their
    // text there, not links (an `<a>` inside an `<a>` is not HTML).
    var headingReferences = references
    for (key, text) in referenceTexts { headingReferences[key] = HTMLEscaping.escape(text) }
    for node in nodes {
      guard case .heading(let level) = node.kind, let anchor = anchors[node.id] else { continue }
      let inner = restoreMath(headingInner[node.id] ?? "", references: headingReferences)
      headings.append(
        Heading(
          level: level, anchor: anchor, label: labels[node.id]?.name, html: inner,
          text: Self.text(of: node, replacing: replacing, referenceTexts: referenceTexts),
          line: node.range.startLine, hasMath: node.containsMath))
    }
    let abstract = title?.abstract
    return Rendered(
      html: html, headings: headings,
      abstractHTML: abstractInner.map { restoreMath($0, references: references, equationTags: equationTags) },
      abstractHasMath: abstract.map { id in nodes.first { $0.id == id }?.containsMath ?? false } ?? false)
  }

  /// The node ids of the title (the first level-1 heading) and of the paragraph that directly
  /// follows it, if any.
  var titleNodes: (heading: Int, abstract: Int?)? {
    guard let title = nodes.first(where: { $0.kind == .heading(level: 1) }) else { return nil }
    for node in nodes {
      guard let index = node.children.firstIndex(where: { $0.id == title.id }) else { continue }
      let next = node.children.index(after: index)
      guard next < node.children.endIndex, node.children[next].kind == .paragraph else { break }
      return (title.id, node.children[next].id)
    }
    return (title.id, nil)
  }

  /// Renders with HTML replacements that have no separate text form (their HTML stands for both).
  public func render(
    _ options: RenderOptions = RenderOptions(), replacing: [Int: String], references: [String: String] = [:]
  ) -> Rendered {
    render(
      options, replacing: replacing.mapValues { Replacement(html: $0, text: $0) }, references: references)
  }

  /// A node's plain text (``Node/plainText``) with replaced nodes as their text and references
  /// as `referenceTexts` gives them.
  public static func text(
    of node: Node, replacing: [Int: Replacement], referenceTexts: [String: String] = [:]
  ) -> String {
    if replacing.isEmpty && referenceTexts.isEmpty { return node.plainText }
    switch node.kind {
    case .crossReference(let label): return referenceTexts[label] ?? node.plainText
    case .text, .math, .softBreak, .lineBreak: return node.plainText
    default:
      if let replacement = replacing[node.id] { return replacement.text }
      if node.kind == .code { return node.plainText }
      return node.children.map { text(of: $0, replacing: replacing, referenceTexts: referenceTexts) }.joined()
    }
  }

  /// Heading node id → anchor: lower-cased text, runs of other characters as `-`, numbered
  /// `-1`, `-2` … when repeated or when the id is reserved.
  func headingAnchors(
    replacing: [Int: Replacement] = [:], referenceTexts: [String: String] = [:], reserved: Set<String> = []
  ) -> [Int: String] {
    var used: [String: Int] = [:]
    for id in reserved { used[id] = 0 }
    // cmark-gfm's footnote ids: `fn-N` on the notes, `fnref-N` (and `fnref-N-K`) on the marks.
    let footnotes = root.children.filter { $0.kind == .footnoteDefinition }.count
    if footnotes > 0 {
      for k in 1...footnotes {
        used["fn-\(k)"] = 0
        used["fnref-\(k)"] = 0
      }
    }
    // Labelled headings are anchored at their label; other headings avoid the labels (and
    // those of equations).
    let labels = headingLabels
    for label in labels.values { used[label.name] = 0 }
    for label in equationLabels { used[label.name] = 0 }
    for callout in callouts { if let label = callout.label { used[label.name] = 0 } }
    var result: [Int: String] = [:]
    for node in nodes {
      guard case .heading = node.kind else { continue }
      if let label = labels[node.id] {
        result[node.id] = label.name
        continue
      }
      var slug = ""
      var pendingDash = false
      for ch in Self.text(of: node, replacing: replacing, referenceTexts: referenceTexts).lowercased() {
        if ch.isLetter || ch.isNumber {
          if pendingDash && !slug.isEmpty { slug.append("-") }
          pendingDash = false
          slug.append(ch)
        } else if ch == " " || ch == "-" || ch == "_" {
          pendingDash = true
        }
      }
      if slug.isEmpty { slug = "section" }
      if let count = used[slug] {
        used[slug] = count + 1
        var candidate = "\(slug)-\(count + 1)"
        while used[candidate] != nil { candidate += "-1" }
        used[candidate] = 0
        slug = candidate
      } else {
        used[slug] = 0
      }
      result[node.id] = slug
    }
    return result
  }

  /// Replaces math tokens in rendered HTML with KaTeX-ready elements; a paragraph holding only
  /// display math becomes a `<div>`.
  /// A cross-reference or citation as written: `[@a]`, `[@a; @b]`, `[see @a, ch. 3]`, `@a`.
  public struct CrossReference: Sendable, Hashable {
    /// The labels (or citation keys), in order.
    public var labels: [String]
    /// The reference as written, brackets included: the key of
    /// ``render(_:replacing:references:equationTags:reservedIDs:)``'s `references`.
    public var key: String
    public var line: Int
    public var column: Int
    /// Its form (bracketed or narrative) with each item's prefix and locator.
    public var citation: Citation
    public init(labels: [String], key: String, line: Int, column: Int, citation: Citation? = nil) {
      self.labels = labels
      self.key = key
      self.line = line
      self.column = column
      self.citation =
        citation ?? Citation(form: .parenthetical, items: labels.map { Citation.Item(key: $0) })
    }
  }

  /// A label the author put in the prose: an equation's `{#eq-…}`, a heading's `{#…}`, a
  /// block's `//| label:`.
  public struct Label: Sendable, Hashable {
    public var name: String
    public var line: Int
    public var column: Int
    public init(name: String, line: Int, column: Int) {
      self.name = name
      self.line = line
      self.column = column
    }
  }

  /// The `[@label]` cross-references of the chapter, in order, with their source positions.
  public var crossReferences: [CrossReference] {
    mathSpans.compactMap { span in
      span.reference.map {
        CrossReference(
          labels: span.labels, key: $0, line: span.line, column: span.column, citation: span.citation)
      }
    }
  }

  /// The labelled display equations (`$$ … $$ {#eq-name}`), in order; the position is the label's.
  public var equationLabels: [Label] {
    mathSpans.compactMap { span in
      span.equationLabel.map { Label(name: $0, line: span.labelLine, column: span.column) }
    }
  }

  /// Label → the TeX of its labelled display equation (for a hover preview).
  public var equationTeX: [String: String] {
    var result: [String: String] = [:]
    for span in mathSpans { if let label = span.equationLabel { result[label] = span.tex } }
    return result
  }

  /// Node id → the `{#label}` at the end of the first line of a node of a kind `matches` accepts.
  func blockLabels(of matches: (Node.Kind) -> Bool) -> [Int: Label] {
    let spans = mathSpans.filter { $0.headingLabel != nil }
    guard !spans.isEmpty else { return [:] }
    var byLine: [Int: MathShield.Span] = [:]
    for span in spans { byLine[span.line] = span }
    var result: [Int: Label] = [:]
    for node in nodes {
      guard matches(node.kind), let span = byLine[node.range.startLine] else { continue }
      result[node.id] = Label(name: span.headingLabel!, line: span.line, column: span.column)
    }
    return result
  }

  func restoreMath(
    _ html: String, references: [String: String] = [:], equationTags: [String: String] = [:]
  ) -> String {
    guard MarkerEscaping.containsReserved(html) else { return html }
    // Work on UTF-8 bytes: tokens are U+E000 digits U+E001, continuation marks U+E002
    // (EE 80 80 / EE 80 81 / EE 80 82); a reserved character of the source is U+E007 and a hex
    // digit, written as a numeric character reference.
    var html = html
    return html.withUTF8 { bytes in
      restoreMath(bytes, references: references, equationTags: equationTags)
    }
  }

  private func restoreMath(
    _ bytes: UnsafeBufferPointer<UInt8>, references: [String: String], equationTags: [String: String]
  ) -> String {
    let n = bytes.count
    var out: [UInt8] = []
    out.reserveCapacity(n + mathSpans.count * 32)
    func isMark(_ i: Int, _ last: UInt8) -> Bool {
      i + 2 < n && bytes[i] == 0xEE && bytes[i + 1] == 0x80 && bytes[i + 2] == last
    }
    let paragraphOpen = Array("<p>".utf8)
    let paragraphClose = Array("</p>".utf8)
    var i = 0
    while i < n {
      // Ordinary text up to the next possible marker is copied as one run.
      let lead = MarkerEscaping.nextLead(in: bytes, from: i)
      if lead > i {
        out.append(contentsOf: UnsafeBufferPointer(rebasing: bytes[i..<lead]))
        i = lead
        continue
      }
      if isMark(i, MarkerEscaping.tokenMark) || isMark(i, MarkerEscaping.referenceMark), i + 3 < n,
        let nibble = MarkerEscaping.nibble(bytes[i + 3])
      {
        out.append(contentsOf: MarkerEscaping.reference(nibble))
        i += 4
        continue
      }
      if isMark(i, 0x82) {
        // A continuation mark that did not follow its token (a line break between): nothing.
        i += 3
        continue
      }
      guard isMark(i, 0x80) else {
        out.append(bytes[i])
        i += 1
        continue
      }
      var j = i + 3
      var number = 0
      while j < n, bytes[j] >= 0x30, bytes[j] <= 0x39 {
        number = number * 10 + Int(bytes[j] - 0x30)
        j += 1
      }
      guard j > i + 3, isMark(j, 0x81), number < mathSpans.count else {
        out.append(bytes[i])
        i += 1
        continue
      }
      j += 3
      // Swallow continuation lines: "\n", an optional container prefix, the continuation mark.
      while j < n, bytes[j] == 0x0A {
        var k = j + 1
        while k < n, bytes[k] == 0x20 || bytes[k] == 0x09 || bytes[k] == 0x3E { k += 1 }
        guard isMark(k, 0x82) else { break }
        j = k + 3
      }
      let span = mathSpans[number]
      var tex = Array(HTMLEscaping.escape(span.tex).utf8)
      var divOpen = "<div class=\"math display\">"
      var spanOpen = "<span class=\"math display\">"
      if let label = span.equationLabel {
        let id = " id=\"\(HTMLEscaping.escape(label))\""
        divOpen = "<div class=\"math display\"\(id)>"
        spanOpen = "<span class=\"math display\"\(id)>"
        if let tag = equationTags[label] { tex += Array(HTMLEscaping.escape(" \\tag{\(tag)}").utf8) }
      }
      if span.headingLabel != nil {
        // A heading's `{#label}` is its anchor, not content.
      } else if let label = span.reference {
        let html =
          references[label] ?? "<span class=\"notes-unresolved\">\(HTMLEscaping.escape(label))</span>"
        out.append(contentsOf: html.utf8)
      } else if span.display {
        if out.count >= 3, Array(out[(out.count - 3)...]) == paragraphOpen, j + 4 <= n,
          Array(bytes[j..<(j + 4)]) == paragraphClose
        {
          out.removeLast(3)
          out.append(contentsOf: divOpen.utf8)
          out.append(contentsOf: tex)
          out.append(contentsOf: "</div>".utf8)
          j += 4
        } else {
          out.append(contentsOf: spanOpen.utf8)
          out.append(contentsOf: tex)
          out.append(contentsOf: "</span>".utf8)
        }
      } else {
        out.append(contentsOf: "<span class=\"math inline\">".utf8)
        out.append(contentsOf: tex)
        out.append(contentsOf: "</span>".utf8)
      }
      i = j
    }
    return String(decoding: out, as: UTF8.self)
  }
}

/// HTML escaping for text and attribute values.
public enum HTMLEscaping {
  /// Escapes `&`, `<`, `>`, `"` and `'`, and writes the private-use characters reserved for
  /// markers (``MarkerEscaping``) as numeric character references.
  public static func escape(_ text: String) -> String {
    var text = text
    let escaped = text.withUTF8 { bytes -> String? in
      // Most text has nothing to escape: it is returned as it is.
      guard let first = bytes.firstIndex(where: needsEscape) else { return nil }
      var out: [UInt8] = []
      out.reserveCapacity(bytes.count + 16)
      out.append(contentsOf: UnsafeBufferPointer(rebasing: bytes[..<first]))
      var i = first
      while i < bytes.count {
        let byte = bytes[i]
        switch byte {
        case UInt8(ascii: "&"): out.append(contentsOf: "&amp;".utf8)
        case UInt8(ascii: "<"): out.append(contentsOf: "&lt;".utf8)
        case UInt8(ascii: ">"): out.append(contentsOf: "&gt;".utf8)
        case UInt8(ascii: "\""): out.append(contentsOf: "&quot;".utf8)
        case UInt8(ascii: "'"): out.append(contentsOf: "&#39;".utf8)
        case 0xEE where i + 2 < bytes.count && bytes[i + 1] == 0x80 && bytes[i + 2] & 0xF0 == 0x80:
          // U+E000…U+E00F, reserved for markers (``MarkerEscaping``): `&#xE00N;`.
          out.append(contentsOf: MarkerEscaping.reference(bytes[i + 2] & 0x0F))
          i += 3
          continue
        default:
          // A run of ordinary bytes is copied at once.
          var end = i + 1
          while end < bytes.count && !needsEscape(bytes[end]) { end += 1 }
          out.append(contentsOf: UnsafeBufferPointer(rebasing: bytes[i..<end]))
          i = end
          continue
        }
        i += 1
      }
      return String(decoding: out, as: UTF8.self)
    }
    return escaped ?? text
  }

  /// `&`, `<`, `>`, `"`, `'`, or the lead byte of a reserved private-use character.
  private static func needsEscape(_ byte: UInt8) -> Bool {
    switch byte {
    case UInt8(ascii: "&"), UInt8(ascii: "<"), UInt8(ascii: ">"), UInt8(ascii: "\""), UInt8(ascii: "'"), 0xEE:
      return true
    default: return false
    }
  }

}
