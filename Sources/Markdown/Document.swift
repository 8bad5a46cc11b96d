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

  /// Parses `source`. Markdown has no syntax errors, so this never fails.
  public init(parsing source: String, options: Options = Options()) {
    self.source = source
    self.options = options
    if options.math {
      // Lines inside code blocks and HTML blocks are verbatim: find them with a first parse.
      let verbatim = CMark.verbatimLines(source, options: options)
      var shield = MathShield()
      protectedSource = shield.protect(source, verbatimLines: verbatim)
      mathSpans = shield.spans
    } else {
      protectedSource = source
      mathSpans = []
    }
    root = CMark.tree(protectedSource, options: options, math: mathSpans)
  }

  /// What to render around the plain cmark-gfm output.
  public struct RenderOptions: Sendable, Hashable {
    /// Give `<h1>`…`<h6>` an `id` from their text (GitHub style, deduplicated).
    public var headingAnchors: Bool
    /// Wrap tables in `<div class="table-wrap">` so wide tables scroll.
    public var wrapTables: Bool

    public init(headingAnchors: Bool = true, wrapTables: Bool = true) {
      self.headingAnchors = headingAnchors
      self.wrapTables = wrapTables
    }
    /// Exactly cmark-gfm's HTML (math still protected if the document was parsed so).
    public static let plain = RenderOptions(headingAnchors: false, wrapTables: false)
  }

  /// A heading as rendered, for tables of contents.
  public struct Heading: Sendable, Hashable {
    public var level: Int
    public var anchor: String
    /// The heading's inline content as HTML (math as KaTeX-ready spans).
    public var html: String
    public var text: String
    public var line: Int
  }

  public struct Rendered: Sendable {
    public var html: String
    public var headings: [Heading]
  }

  /// Renders the document to HTML, replacing the nodes named in `replacing` (by ``Node/id``)
  /// with the given HTML, which is inserted verbatim after cmark's rendering (so the tag
  /// filter does not touch it). Block nodes are replaced as blocks, inline nodes inline.
  public func render(_ options: RenderOptions = RenderOptions(), replacing: [Int: String] = [:]) -> Rendered {
    let anchors = options.headingAnchors ? headingAnchors() : [:]
    let (rendered, headingInner) = CMark.render(
      protectedSource, options: self.options, render: options, replacing: replacing, anchors: anchors)
    let html = restoreMath(rendered)
    var headings: [Heading] = []
    for node in root.allNodes() {
      guard case .heading(let level) = node.kind, let anchor = anchors[node.id] else { continue }
      let inner = restoreMath(headingInner[node.id] ?? "")
      headings.append(
        Heading(level: level, anchor: anchor, html: inner, text: node.plainText, line: node.range.startLine))
    }
    return Rendered(html: html, headings: headings)
  }

  /// Heading node id → anchor: lower-cased text, runs of other characters as `-`, numbered
  /// `-1`, `-2` … when repeated.
  func headingAnchors() -> [Int: String] {
    var used: [String: Int] = [:]
    var result: [Int: String] = [:]
    for node in root.allNodes() {
      guard case .heading = node.kind else { continue }
      var slug = ""
      var pendingDash = false
      for ch in node.plainText.lowercased() {
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
  func restoreMath(_ html: String) -> String {
    guard !mathSpans.isEmpty, html.contains(MathShield.open) else { return html }
    var out = ""
    out.reserveCapacity(html.count + mathSpans.count * 32)
    var scalars = html.unicodeScalars[...]
    let open = MathShield.open.unicodeScalars.first!
    let close = MathShield.close.unicodeScalars.first!
    let cont = MathShield.continuation.unicodeScalars.first!
    while let i = scalars.firstIndex(of: open) {
      out.unicodeScalars.append(contentsOf: scalars[..<i])
      var j = scalars.index(after: i)
      var number = 0
      while j < scalars.endIndex, (0x30...0x39).contains(scalars[j].value) {
        number = number * 10 + Int(scalars[j].value - 0x30)
        j = scalars.index(after: j)
      }
      guard j < scalars.endIndex, scalars[j] == close, number < mathSpans.count else {
        out.unicodeScalars.append(scalars[i])
        scalars = scalars[scalars.index(after: i)...]
        continue
      }
      j = scalars.index(after: j)
      // Swallow continuation lines: "\n", optional prefix, the continuation mark.
      while true {
        var k = j
        guard k < scalars.endIndex, scalars[k] == "\n" else { break }
        k = scalars.index(after: k)
        while k < scalars.endIndex, scalars[k] == " " || scalars[k] == "\t" || scalars[k] == ">" {
          k = scalars.index(after: k)
        }
        guard k < scalars.endIndex, scalars[k] == cont else { break }
        j = scalars.index(after: k)
      }
      let span = mathSpans[number]
      let tex = HTMLEscaping.escape(span.tex)
      if span.display {
        if out.hasSuffix("<p>") && scalars[j...].starts(with: "</p>".unicodeScalars) {
          out.removeLast(3)
          out += "<div class=\"math display\">\(tex)</div>"
          j = scalars.index(j, offsetBy: 4)
        } else {
          out += "<span class=\"math display\">\(tex)</span>"
        }
      } else {
        out += "<span class=\"math inline\">\(tex)</span>"
      }
      scalars = scalars[j...]
    }
    out.unicodeScalars.append(contentsOf: scalars)
    return out
  }
}

/// HTML escaping for text and attribute values.
public enum HTMLEscaping {
  /// Escapes `&`, `<`, `>`, `"` and `'`.
  public static func escape(_ text: String) -> String {
    var out = ""
    out.reserveCapacity(text.utf8.count)
    for ch in text.unicodeScalars {
      switch ch {
      case "&": out += "&amp;"
      case "<": out += "&lt;"
      case ">": out += "&gt;"
      case "\"": out += "&quot;"
      case "'": out += "&#39;"
      default: out.unicodeScalars.append(ch)
      }
    }
    return out
  }
}
