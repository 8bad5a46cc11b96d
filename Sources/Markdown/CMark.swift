import CCmarkGFM

#if canImport(Glibc)
  import Glibc
#endif

/// The only code that touches cmark-gfm's C API. Every pointer lives inside one call.
enum CMark {
  /// Registers the GFM core extensions once per process.
  private static let registered: Bool = {
    cmark_gfm_core_extensions_ensure_registered()
    return true
  }()

  /// Parses `source` and calls `body` with the root and the parser (whose extension list the
  /// HTML renderer needs), then frees both.
  private static func withParsedTree<R>(
    _ source: String, options: Document.Options, _ body: (OpaquePointer, OpaquePointer) -> R
  ) -> R {
    _ = registered
    var flags = CMARK_OPT_SOURCEPOS
    if options.footnotes { flags |= CMARK_OPT_FOOTNOTES }
    let parser = cmark_parser_new(flags)!
    defer { cmark_parser_free(parser) }
    for name in options.extensions {
      if let ext = cmark_find_syntax_extension(name) {
        cmark_parser_attach_syntax_extension(parser, ext)
      }
    }
    var copy = source
    copy.withUTF8 { buffer in
      buffer.withMemoryRebound(to: CChar.self) { chars in
        cmark_parser_feed(parser, chars.baseAddress, chars.count)
      }
    }
    let root = cmark_parser_finish(parser)!
    defer { cmark_node_free(root) }
    return body(root, parser)
  }

  /// Visits every node in pre-order (the order that defines ``Node/id``), calling `enter` on
  /// entry and `exit` after the node's children for container nodes.
  private static func walk(
    _ root: OpaquePointer,
    enter: (Int, OpaquePointer) -> Void,
    exit: (OpaquePointer) -> Void = { _ in }
  ) {
    let iter = cmark_iter_new(root)
    defer { cmark_iter_free(iter) }
    var index = 0
    while true {
      let event = cmark_iter_next(iter)
      if event == CMARK_EVENT_DONE { break }
      guard let node = cmark_iter_get_node(iter) else { continue }
      if event == CMARK_EVENT_ENTER {
        enter(index, node)
        index += 1
      } else if event == CMARK_EVENT_EXIT {
        exit(node)
      }
    }
  }

  /// Whether cmark's iterator will send an EXIT event for this node (cmark-gfm's `S_is_leaf`).
  private static func isContainer(_ node: OpaquePointer) -> Bool {
    switch cmark_node_get_type(node) {
    case CMARK_NODE_TEXT, CMARK_NODE_SOFTBREAK, CMARK_NODE_LINEBREAK, CMARK_NODE_CODE,
      CMARK_NODE_HTML_INLINE, CMARK_NODE_CODE_BLOCK, CMARK_NODE_HTML_BLOCK,
      CMARK_NODE_THEMATIC_BREAK:
      return false
    default:
      return true
    }
  }

  private static func string(_ pointer: UnsafePointer<CChar>?) -> String {
    guard let pointer else { return "" }
    return String(cString: pointer)
  }

  private static func typeName(_ node: OpaquePointer) -> String {
    string(cmark_node_get_type_string(node))
  }

  /// 0-based line numbers covered by code blocks and HTML blocks, whose text is verbatim.
  static func verbatimLines(_ source: String, options: Document.Options) -> Set<Int> {
    withParsedTree(source, options: options) { root, _ in
      var lines = Set<Int>()
      walk(root) { _, node in
        let type = cmark_node_get_type(node)
        guard type == CMARK_NODE_CODE_BLOCK || type == CMARK_NODE_HTML_BLOCK else { return }
        let start = Int(cmark_node_get_start_line(node))
        let end = Int(cmark_node_get_end_line(node))
        if start >= 1 && end >= start { lines.formUnion((start - 1)...(end - 1)) }
      }
      return lines
    }
  }

  /// Nodes nested deeper than this (e.g. 50,000 `>`) are rendered by cmark but left out of the
  /// Swift tree, whose recursive value types would otherwise exhaust the stack.
  static let maxTreeDepth = 256

  /// Converts cmark's tree into the Swift tree, splitting math tokens out of text nodes.
  static func tree(_ source: String, options: Document.Options, math: [MathShield.Span]) -> Node {
    withParsedTree(source, options: options) { root, _ in
      var stack: [Node] = []
      var skipped = 0
      var result: Node?
      var blockLine = 1
      func finish(_ node: Node) {
        if stack.isEmpty { result = node } else { stack[stack.count - 1].children.append(contentsOf: [node]) }
      }
      walk(
        root,
        enter: { id, pointer in
          if stack.count >= maxTreeDepth {
            if isContainer(pointer) { skipped += 1 }
            return
          }
          var node = makeNode(id: id, pointer)
          if node.kind.isBlock {
            blockLine = node.range.startLine
          } else if node.range.startLine == 0 {
            node.range = SourceRange(
              startLine: blockLine, startColumn: 0, endLine: blockLine, endColumn: 0)
          }
          if !isContainer(pointer) {
            if case .text = node.kind, let text = node.literal, text.unicodeScalars.contains("\u{E000}") {
              for piece in splitMath(node, text: text, math: math) { finish(piece) }
            } else if case .text = node.kind {
              node.literal = node.literal.map(treeText)
              finish(node)
            } else {
              // Code or raw HTML: where the shield saw math, the text as written.
              node.literal = node.literal.map { MarkerEscaping.restore(asWritten($0, math: math)) }
              finish(node)
            }
          } else {
            stack.append(node)
          }
        },
        exit: { _ in
          if skipped > 0 {
            skipped -= 1
            return
          }
          let node = stack.removeLast()
          finish(node)
        })
      return result
        ?? Node(
          id: 0, kind: .document, range: SourceRange(startLine: 1, startColumn: 1, endLine: 1, endColumn: 1))
    }
  }

  private static func makeNode(id: Int, _ pointer: OpaquePointer) -> Node {
    let range = SourceRange(
      startLine: Int(cmark_node_get_start_line(pointer)),
      startColumn: Int(cmark_node_get_start_column(pointer)),
      endLine: Int(cmark_node_get_end_line(pointer)),
      endColumn: Int(cmark_node_get_end_column(pointer)))
    // Reserved characters of the source come back from their tokens (``MarkerEscaping``); a
    // math tokens are dealt with first (see `tree`).
    let literal: String? = cmark_node_get_literal(pointer).map { String(cString: $0) }
    let kind: Node.Kind
    switch cmark_node_get_type(pointer) {
    case CMARK_NODE_DOCUMENT: kind = .document
    case CMARK_NODE_BLOCK_QUOTE: kind = .blockQuote
    case CMARK_NODE_LIST: kind = .list(ordered: cmark_node_get_list_type(pointer) == CMARK_ORDERED_LIST)
    case CMARK_NODE_ITEM: kind = .item
    case CMARK_NODE_CODE_BLOCK:
      kind = .codeBlock(info: MarkerEscaping.restore(string(cmark_node_get_fence_info(pointer))))
    case CMARK_NODE_HTML_BLOCK: kind = .htmlBlock
    case CMARK_NODE_PARAGRAPH: kind = .paragraph
    case CMARK_NODE_HEADING: kind = .heading(level: Int(cmark_node_get_heading_level(pointer)))
    case CMARK_NODE_THEMATIC_BREAK: kind = .thematicBreak
    case CMARK_NODE_FOOTNOTE_DEFINITION: kind = .footnoteDefinition
    case CMARK_NODE_TEXT: kind = .text
    case CMARK_NODE_SOFTBREAK: kind = .softBreak
    case CMARK_NODE_LINEBREAK: kind = .lineBreak
    case CMARK_NODE_CODE: kind = .code
    case CMARK_NODE_HTML_INLINE: kind = .htmlInline
    case CMARK_NODE_EMPH: kind = .emphasis
    case CMARK_NODE_STRONG: kind = .strong
    case CMARK_NODE_LINK:
      kind = .link(
        destination: MarkerEscaping.restore(string(cmark_node_get_url(pointer))),
        title: MarkerEscaping.restore(string(cmark_node_get_title(pointer))))
    case CMARK_NODE_IMAGE:
      kind = .image(
        source: MarkerEscaping.restore(string(cmark_node_get_url(pointer))),
        title: MarkerEscaping.restore(string(cmark_node_get_title(pointer))))
    case CMARK_NODE_FOOTNOTE_REFERENCE: kind = .footnoteReference
    default:
      switch typeName(pointer) {
      case "table": kind = .table
      case "table_row", "table_header": kind = .tableRow
      case "table_cell": kind = .tableCell
      case "strikethrough": kind = .strikethrough
      case let other: kind = .other(other)
      }
    }
    return Node(id: id, kind: kind, range: range, literal: literal)
  }

  /// Splits a text node at math tokens into text and math nodes (same id, same range).
  private static func splitMath(_ node: Node, text: String, math: [MathShield.Span]) -> [Node] {
    var pieces: [Node] = []
    mathTokens(
      in: text, math: math,
      text: { piece in
        pieces.append(
          Node(id: node.id, kind: .text, range: node.range, literal: treeText(piece)))
      },
      token: { span in
        if span.headingLabel != nil {
          // A heading's `{#label}` is no content.
        } else if let label = span.reference {
          pieces.append(Node(id: node.id, kind: .crossReference(label: label), range: node.range))
        } else {
          pieces.append(
            Node(id: node.id, kind: .math(display: span.display), range: node.range, literal: span.tex))
        }
      })
    return pieces
  }

  /// `literal` with math tokens as the source they replaced, for code spans and raw HTML in
  /// which the shield saw math (cmark decides what is code: an autolink may end a would-be
  /// code span early).
  static func asWritten(_ literal: String, math: [MathShield.Span]) -> String {
    var out = ""
    mathTokens(in: literal, math: math, text: { out += $0 }, token: { out += $0.source })
    let continuation = MathShield.continuation.unicodeScalars.first!
    guard out.unicodeScalars.contains(continuation) else { return out }
    var scalars = String.UnicodeScalarView()
    scalars.append(contentsOf: out.unicodeScalars.lazy.filter { $0 != continuation })
    return String(scalars)
  }

  /// A text node's literal for the Swift tree: the source's reserved characters back, and
  /// without the continuation marks of math that spans lines (cmark puts each line of a
  /// paragraph in its own text node, so the mark may start one).
  private static func treeText(_ text: String) -> String {
    let continuation = MathShield.continuation.unicodeScalars.first!
    guard text.unicodeScalars.contains(continuation) else {
      return MarkerEscaping.restore(text, referencesAsCharacters: true)
    }
    var scalars = String.UnicodeScalarView()
    scalars.append(contentsOf: text.unicodeScalars.lazy.filter { $0 != continuation })
    return MarkerEscaping.restore(String(scalars), referencesAsCharacters: true)
  }

  /// Calls `text` with the (non-empty) text between math tokens and `token` with each token's
  /// span, in order. Works on Unicode scalars: a marker followed by a combining mark is still
  /// a marker.
  private static func mathTokens(
    in string: String, math: [MathShield.Span], text: (String) -> Void, token: (MathShield.Span) -> Void
  ) {
    let scalars = string.unicodeScalars
    let open = MathShield.open.unicodeScalars.first!
    let close = MathShield.close.unicodeScalars.first!
    let continuation = MathShield.continuation.unicodeScalars.first!
    var rest = scalars[...]
    while let start = rest.firstIndex(of: open),
      let end = rest[start...].firstIndex(of: close),
      let index = Int(String(String.UnicodeScalarView(rest[scalars.index(after: start)..<end]))),
      index < math.count
    {
      if start > rest.startIndex { text(String(String.UnicodeScalarView(rest[..<start]))) }
      token(math[index])
      rest = rest[scalars.index(after: end)...]
      // Continuation marks of multi-line math belong to the token.
      while rest.first == "\n" || rest.first == continuation {
        guard let mark = rest.firstIndex(of: continuation),
          rest[..<mark].allSatisfy({ $0 == "\n" || $0 == " " || $0 == ">" })
        else { break }
        rest = rest[scalars.index(after: mark)...]
      }
    }
    if !rest.isEmpty { text(String(String.UnicodeScalarView(rest))) }
  }

  static let replacementOpen: Character = "\u{E003}"
  static let replacementClose: Character = "\u{E004}"
  static let anchorOpen: Character = "\u{E005}"
  static let anchorClose: Character = "\u{E006}"

  /// Renders to HTML with the given node replacements, heading anchors and table wrappers.
  /// Returns the HTML and, per heading id, the heading's inner HTML (replacements included).
  ///
  /// Where only text can stand — an image's alt text, a link's or image's title — a
  /// replacement is its text and math is its TeX between dollars (cmark escapes both).
  static func render(
    _ source: String, options: Document.Options, render: Document.RenderOptions,
    replacing: [Int: Document.Replacement], anchors: [Int: String], math: [MathShield.Span],
    callouts: [Int: Frame] = [:], title: (heading: Int, abstract: Int?)? = nil
  ) -> (html: String, headingInner: [Int: String], abstractInner: String?) {
    withParsedTree(source, options: options) { root, parser in
      let extensions = cmark_parser_get_syntax_extensions(parser)
      var flags = CMARK_OPT_UNSAFE
      if options.footnotes { flags |= CMARK_OPT_FOOTNOTES }
      var targets: [(id: Int, node: OpaquePointer, inImage: Bool)] = []
      var headings: [(Int, OpaquePointer)] = []
      var tables: [OpaquePointer] = []
      var plainTexts: [OpaquePointer] = []
      var titled: [OpaquePointer] = []
      var imageDepth = 0
      var codeBlocks: [OpaquePointer] = []
      var framed: [(node: OpaquePointer, frame: Frame)] = []
      var verbatim: [OpaquePointer] = []
      var titleNode: OpaquePointer?
      var abstractNode: OpaquePointer?
      walk(
        root,
        enter: { id, node in
          let type = cmark_node_get_type(node)
          if id == title?.heading { titleNode = node }
          if id == title?.abstract { abstractNode = node }
          if replacing[id] != nil { targets.append((id, node, imageDepth > 0)) }
          if let frame = callouts[id], type == CMARK_NODE_BLOCK_QUOTE { framed.append((node, frame)) }
          if anchors[id] != nil, type == CMARK_NODE_HEADING { headings.append((id, node)) }
          if render.wrapTables, typeName(node) == "table" { tables.append(node) }
          if type == CMARK_NODE_IMAGE || type == CMARK_NODE_LINK {
            titled.append(node)
            if type == CMARK_NODE_IMAGE { imageDepth += 1 }
          }
          if imageDepth > 0, type == CMARK_NODE_TEXT { plainTexts.append(node) }
          if type == CMARK_NODE_CODE_BLOCK { codeBlocks.append(node) }
          if type == CMARK_NODE_CODE || type == CMARK_NODE_CODE_BLOCK || type == CMARK_NODE_HTML_INLINE
            || type == CMARK_NODE_HTML_BLOCK
          {
            verbatim.append(node)
          }
        },
        exit: { node in
          if cmark_node_get_type(node) == CMARK_NODE_IMAGE { imageDepth -= 1 }
        })
      for node in plainTexts {
        if let literal = cmark_node_get_literal(node).map({ String(cString: $0) }),
          literal.unicodeScalars.contains("\u{E000}")
        {
          cmark_node_set_literal(node, plainMath(literal, math: math))
        }
      }
      for node in verbatim {
        // Code and raw HTML are as written: no math, references not decoded.
        if let literal = cmark_node_get_literal(node).map({ String(cString: $0) }),
          MarkerEscaping.containsReserved(literal)
        {
          cmark_node_set_literal(node, MarkerEscaping.restoreReferences(asWritten(literal, math: math)))
        }
      }
      for node in codeBlocks {
        // An info string's entities are decoded (`&#xE000;`): its characters become tokens.
        if let info = cmark_node_get_fence_info(node).map({ String(cString: $0) }),
          MarkerEscaping.containsReserved(info)
        {
          cmark_node_set_fence_info(node, MarkerEscaping.protect(info, keepingTokens: true))
        }
      }
      for node in titled {
        if let title = cmark_node_get_title(node).map({ String(cString: $0) }),
          title.unicodeScalars.contains("\u{E000}")
        {
          cmark_node_set_title(node, plainMath(title, math: math))
        }
      }
      for (id, node, inImage) in targets {
        let isBlock =
          (Int32(cmark_node_get_type(node).rawValue) & CMARK_NODE_TYPE_INLINE) == CMARK_NODE_TYPE_BLOCK
        let replacement: OpaquePointer
        if inImage {
          replacement = cmark_node_new(CMARK_NODE_TEXT)!
          cmark_node_set_literal(replacement, MarkerEscaping.protect(replacing[id]!.text))
        } else {
          replacement = cmark_node_new(isBlock ? CMARK_NODE_HTML_BLOCK : CMARK_NODE_HTML_INLINE)!
          cmark_node_set_literal(replacement, "\(replacementOpen)\(id)\(replacementClose)")
        }
        cmark_node_replace(node, replacement)
        cmark_node_free(node)
      }
      func substituteReplacements(_ html: String) -> String {
        guard !targets.isEmpty else { return html }
        return substitute(html, open: replacementOpen, close: replacementClose) { key, out in
          if let id = Int(key), let replacement = replacing[id] {
            out += MarkerEscaping.escapeHTML(replacement.html)
          }
        }
      }
      for (node, frame) in framed { reframe(node, frame) }
      var headingInner: [Int: String] = [:]
      for (id, heading) in headings {
        headingInner[id] = substituteReplacements(innerHTML(heading, flags: flags, extensions: extensions))
        let marker = cmark_node_new(CMARK_NODE_HTML_INLINE)!
        cmark_node_set_literal(marker, "\(anchorOpen)\(anchors[id]!)\(anchorClose)")
        if let first = cmark_node_first_child(heading) {
          cmark_node_insert_before(first, marker)
        } else {
          cmark_node_append_child(heading, marker)
        }
      }
      // The title and the paragraph under it are shown by the page template, not in the body:
      // the abstract is its inlines without footnote marks (the notes are not where it is shown).
      var abstractInner: String?
      if let abstractNode {
        var marks: [(mark: OpaquePointer, stand: OpaquePointer)] = []
        collect(CMARK_NODE_FOOTNOTE_REFERENCE, under: abstractNode) { mark in
          let stand = cmark_node_new(CMARK_NODE_HTML_INLINE)!
          marks.append((mark, stand))
        }
        for (mark, stand) in marks { cmark_node_replace(mark, stand) }
        abstractInner = substituteReplacements(innerHTML(abstractNode, flags: flags, extensions: extensions))
        for (mark, stand) in marks {
          cmark_node_replace(stand, mark)
          cmark_node_free(stand)
        }
      }
      if let titleNode {
        cmark_node_unlink(titleNode)
        cmark_node_free(titleNode)
      }
      for table in tables {
        let open = cmark_node_new(CMARK_NODE_HTML_BLOCK)!
        cmark_node_set_literal(open, "<div class=\"table-wrap\">")
        cmark_node_insert_before(table, open)
        let close = cmark_node_new(CMARK_NODE_HTML_BLOCK)!
        cmark_node_set_literal(close, "</div>")
        cmark_node_insert_after(table, close)
      }
      var html: String
      if render.inline, let only = cmark_node_first_child(root), cmark_node_next(only) == nil,
        cmark_node_get_type(only) == CMARK_NODE_PARAGRAPH
      {
        html = innerHTML(only, flags: flags, extensions: extensions)
      } else {
        html = renderHTML(root, flags: flags, extensions: extensions)
      }
      if !headings.isEmpty {
        html = substitute(html, open: anchorOpen, close: anchorClose) { key, out in
          // The marker follows "<hN>": turn it into "<hN id="…">".
          if out.hasSuffix(">"), let lt = out.lastIndex(of: "<"), out[lt...].hasPrefix("<h") {
            out.removeLast()
            out += " id=\"\(HTMLEscaping.escape(key))\">"
          }
        }
      }
      return (substituteReplacements(html), headingInner, abstractInner)
    }
  }

  /// The HTML of a block's content: cmark's `<tag …>` … `</tag>\n` for it, without the outer
  /// tag, cut by scalars (the content may start with a combining mark).
  private static func innerHTML(
    _ block: OpaquePointer, flags: Int32, extensions: UnsafeMutablePointer<cmark_llist>?
  ) -> String {
    let html = renderHTML(block, flags: flags, extensions: extensions)
    var inner = html.unicodeScalars[...]
    if html.hasPrefix("<"), let gt = inner.firstIndex(of: ">") {
      inner = inner[inner.index(after: gt)...]
    }
    if let lt = inner.lastIndex(of: "<") { inner = inner[..<lt] }
    return String(String.UnicodeScalarView(inner))
  }

  /// Calls `body` with every node of `type` under `node` (not `node` itself), in document order.
  private static func collect(
    _ type: cmark_node_type, under node: OpaquePointer, _ body: (OpaquePointer) -> Void
  ) {
    var child = cmark_node_first_child(node)
    while let current = child {
      if cmark_node_get_type(current) == type { body(current) }
      collect(type, under: current, body)
      child = cmark_node_next(current)
    }
  }

  /// A callout's frame and its marker as written (`[!NOTE]`).
  typealias Frame = (frame: Document.CalloutFrame, marker: String)

  /// Turns a blockquote into a callout: a custom block with the frame's `open`/`close`, holding a
  /// title block (`titleOpen`, the first line's inlines after the marker, `titleClose`) and the
  /// blockquote's other content.
  private static func reframe(_ quote: OpaquePointer, _ frame: Frame) {
    guard let paragraph = cmark_node_first_child(quote) else { return }
    // Take the marker off the first text nodes (cmark may have split it at `[` and `]`).
    var marker = Substring(frame.marker)
    while !marker.isEmpty, let child = cmark_node_first_child(paragraph),
      cmark_node_get_type(child) == CMARK_NODE_TEXT
    {
      let literal = string(cmark_node_get_literal(child))
      if marker.hasPrefix(literal) {
        marker = marker.dropFirst(literal.count)
        cmark_node_free(child)
      } else if literal.hasPrefix(marker) {
        cmark_node_set_literal(child, String(literal.dropFirst(marker.count)))
        marker = ""
      } else {
        break
      }
    }
    if let child = cmark_node_first_child(paragraph), cmark_node_get_type(child) == CMARK_NODE_TEXT {
      let literal = string(cmark_node_get_literal(child))
      let trimmed = literal.drop { $0 == " " || $0 == "\t" }
      if trimmed.isEmpty { cmark_node_free(child) } else { cmark_node_set_literal(child, String(trimmed)) }
    }
    let title = cmark_node_new(CMARK_NODE_CUSTOM_BLOCK)!
    cmark_node_set_on_enter(title, frame.frame.titleOpen)
    cmark_node_set_on_exit(title, frame.frame.titleClose)
    // The title: the first line's inlines, up to the first line break (which goes too).
    let name = cmark_node_new(CMARK_NODE_CUSTOM_INLINE)!
    cmark_node_set_on_enter(name, frame.frame.nameOpen)
    cmark_node_set_on_exit(name, frame.frame.nameClose)
    while let child = cmark_node_first_child(paragraph) {
      let type = cmark_node_get_type(child)
      if type == CMARK_NODE_SOFTBREAK || type == CMARK_NODE_LINEBREAK {
        cmark_node_free(child)
        break
      }
      cmark_node_append_child(name, child)
    }
    // Trailing spaces of the title (before a removed `{#label}`).
    if let last = cmark_node_last_child(name), cmark_node_get_type(last) == CMARK_NODE_TEXT {
      var literal = string(cmark_node_get_literal(last))
      while literal.hasSuffix(" ") || literal.hasSuffix("\t") { literal.removeLast() }
      cmark_node_set_literal(last, literal)
    }
    if cmark_node_first_child(name) != nil {
      cmark_node_append_child(title, name)
    } else {
      cmark_node_free(name)
    }
    if cmark_node_first_child(paragraph) == nil { cmark_node_free(paragraph) }
    let box = cmark_node_new(CMARK_NODE_CUSTOM_BLOCK)!
    cmark_node_set_on_enter(box, frame.frame.open)
    cmark_node_set_on_exit(box, frame.frame.close)
    cmark_node_append_child(box, title)
    while let child = cmark_node_first_child(quote) { cmark_node_append_child(box, child) }
    cmark_node_replace(quote, box)
    cmark_node_free(quote)
  }

  /// Text in which math tokens are written back as their TeX between dollars (and
  /// cross-references as `[@label]`), for places that hold only text.
  private static func plainMath(_ text: String, math: [MathShield.Span]) -> String {
    var out = ""
    mathTokens(
      in: text, math: math, text: { out += $0 },
      token: { span in
        if span.headingLabel != nil {
          // A heading's `{#label}` is no text.
        } else if let label = span.reference {
          out += MarkerEscaping.protect(label)
        } else {
          let tex = MarkerEscaping.protect(span.tex.replacingOccurrences(of: "\n", with: " "))
          out += span.display ? "$$\(tex)$$" : "$\(tex)$"
        }
      })
    return out
  }

  private static func renderHTML(
    _ node: OpaquePointer, flags: Int32, extensions: UnsafeMutablePointer<cmark_llist>?
  ) -> String {
    guard let chars = cmark_render_html(node, flags, extensions) else { return "" }
    defer { free(chars) }
    return String(cString: chars)
  }

  /// Replaces every `open key close` in `html` through `body`, which appends to the output.
  private static func substitute(
    _ html: String, open: Character, close: Character, _ body: (String, inout String) -> Void
  ) -> String {
    // On UTF-8 bytes: a marker followed by a combining mark is still a marker.
    let openBytes = Array(String(open).utf8)
    let closeBytes = Array(String(close).utf8)
    let bytes = Array(html.utf8)
    let n = bytes.count
    func marker(_ m: [UInt8], at i: Int) -> Bool {
      i + 2 < n && bytes[i] == m[0] && bytes[i + 1] == m[1] && bytes[i + 2] == m[2]
    }
    var out = ""
    out.reserveCapacity(n)
    var copied = 0
    var i = 0
    while i < n {
      guard marker(openBytes, at: i) else {
        i += 1
        continue
      }
      var j = i + 3
      while j < n && !marker(closeBytes, at: j) && !marker(openBytes, at: j) { j += 1 }
      guard j < n, marker(closeBytes, at: j) else {
        i = j
        continue
      }
      out += String(decoding: bytes[copied..<i], as: UTF8.self)
      body(String(decoding: bytes[(i + 3)..<j], as: UTF8.self), &out)
      i = j + 3
      copied = i
    }
    out += String(decoding: bytes[copied..<n], as: UTF8.self)
    return out
  }
}
