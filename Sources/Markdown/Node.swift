/// A position in a chapter's source, 1-based like compiler diagnostics.
public struct SourceRange: Sendable, Hashable, CustomStringConvertible {
  public var startLine: Int
  public var startColumn: Int
  public var endLine: Int
  public var endColumn: Int

  public init(startLine: Int, startColumn: Int, endLine: Int, endColumn: Int) {
    self.startLine = startLine
    self.startColumn = startColumn
    self.endLine = endLine
    self.endColumn = endColumn
  }

  public var description: String { "\(startLine):\(startColumn)-\(endLine):\(endColumn)" }
}

/// One node of the Markdown tree: an immutable Swift value built from cmark-gfm's tree.
///
/// `id` is the node's pre-order index in cmark's tree; pass it to
/// ``Document/render(_:replacing:)`` to splice generated HTML in place of the node. Math spans
/// (``Kind/math(display:)``) are split out of cmark's text nodes and share their text node's id.
public struct Node: Sendable, Hashable {
  public enum Kind: Sendable, Hashable {
    case document, blockQuote, list(ordered: Bool), item, paragraph, heading(level: Int)
    case codeBlock(info: String), htmlBlock, thematicBreak, footnoteDefinition
    case table, tableRow, tableCell
    case text, softBreak, lineBreak, code, htmlInline, emphasis, strong, strikethrough
    case link(destination: String, title: String), image(source: String, title: String)
    case footnoteReference
    /// TeX math, protected from Markdown; `literal` is the TeX source without delimiters.
    case math(display: Bool)
    /// A cross-reference or citation (`[@label]`, `@key`); `label` is it as written.
    case crossReference(label: String)
    /// A node type this layer does not model (a future cmark extension); `literal` is its name.
    case other(String)

    public var isBlock: Bool {
      switch self {
      case .document, .blockQuote, .list, .item, .paragraph, .heading, .codeBlock, .htmlBlock,
        .thematicBreak, .footnoteDefinition, .table, .tableRow, .tableCell:
        return true
      default: return false
      }
    }
  }

  public var id: Int
  public var kind: Kind
  /// Where the node stands in the source. cmark-gfm 0.29 gives exact lines for blocks; for
  /// inline nodes the line is that of the enclosing block unless cmark reports better.
  public var range: SourceRange
  /// Text content: code, code block body, HTML, text, TeX for math.
  public var literal: String?
  public var children: [Node]

  public init(id: Int, kind: Kind, range: SourceRange, literal: String? = nil, children: [Node] = []) {
    self.id = id
    self.kind = kind
    self.range = range
    self.literal = literal
    self.children = children
  }

  /// The node's text with markup removed (math as its TeX source), e.g. for a page title.
  public var plainText: String {
    switch kind {
    case .text, .code: return literal ?? ""
    case .math: return literal ?? ""
    case .crossReference(let label): return label
    case .softBreak, .lineBreak: return " "
    default: return children.map(\.plainText).joined()
    }
  }

  /// Every node of the subtree in pre-order (self first), without recursion limits.
  /// Whether this node or one under it is TeX math (a page showing it needs KaTeX).
  public var containsMath: Bool {
    allNodes().contains { if case .math = $0.kind { true } else { false } }
  }

  public func allNodes() -> [Node] {
    var result: [Node] = []
    var stack: [Node] = [self]
    while let node = stack.popLast() {
      result.append(node)
      stack.append(contentsOf: node.children.reversed())
    }
    return result
  }
}
