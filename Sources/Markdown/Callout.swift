/// Callouts: blockquotes in GitHub's alert form, `> [!NOTE]`, whose first line may carry a
/// title and a label, `> [!EXERCISE] The six-point function {#exr-six}`.
///
/// The parse only finds them (``Document/callouts``); what a kind means, its number and its HTML
/// are the book's business, handed back to ``Document/render(_:replacing:references:referenceTexts:equationTags:reservedIDs:callouts:)``
/// as a ``Document/CalloutFrame`` per blockquote. A blockquote without a frame renders as a
/// blockquote, marker and all.
extension Document {
  /// A blockquote whose first paragraph starts with `[!KIND]`.
  public struct Callout: Sendable, Hashable {
    /// The blockquote (``Node/id``).
    public var nodeID: Int
    /// The kind as written between `[!` and `]` (`NOTE`, `exercise`).
    public var kind: String
    /// The marker as written, `[!NOTE]`.
    public var marker: String
    /// The title: the rest of the first line, as plain text (empty when there is none).
    public var title: String
    /// The `{#label}` at the end of the first line.
    public var label: Label?
    /// Where the marker begins.
    public var line: Int
    public var column: Int
    /// The index in ``Document/callouts`` of the callout that is this one's previous sibling
    /// block, if the previous sibling is one (a solution follows its exercise).
    public var follows: Int?
    /// The blockquote's content without the marker and title: the first paragraph's inlines
    /// after its first line, then the other blocks (for a hover preview).
    public var body: [Node]
  }

  /// How a callout renders: `open`, then `titleOpen`, the title (when the first line has one:
  /// `nameOpen` + its inline HTML + `nameClose`), `titleClose`, then the blockquote's content,
  /// then `close`. All are HTML, inserted verbatim.
  public struct CalloutFrame: Sendable, Hashable {
    public var open: String
    public var titleOpen: String
    public var nameOpen: String
    public var nameClose: String
    public var titleClose: String
    public var close: String
    public init(
      open: String, titleOpen: String, nameOpen: String = "", nameClose: String = "", titleClose: String,
      close: String
    ) {
      self.open = open
      self.titleOpen = titleOpen
      self.nameOpen = nameOpen
      self.nameClose = nameClose
      self.titleClose = titleClose
      self.close = close
    }
  }

  /// The callouts of the chapter, in document order (nested ones after their container).
  func findCallouts() -> [Callout] {
    let labels = blockLabels(of: { $0 == .blockQuote })
    var result: [Callout] = []
    var indexByID: [Int: Int] = [:]
    var previousSibling: [Int: Int] = [:]
    for node in nodes {
      var previous: Int?
      for child in node.children {
        if let previous { previousSibling[child.id] = previous }
        previous = child.id
      }
    }
    let lines = protectedSource.utf8.split(separator: UInt8(ascii: "\n"), omittingEmptySubsequences: false)
    for node in nodes where node.kind == .blockQuote {
      guard let paragraph = node.children.first, paragraph.kind == .paragraph,
        let (kind, marker, title) = Self.calloutMarker(paragraph)
      else { continue }
      // `> \[!NOTE]` is a blockquote starting with the text "[!NOTE]": the marker must be
      // written as such.
      let line = paragraph.range.startLine - 1
      let column = paragraph.range.startColumn - 1
      guard lines.indices.contains(line), column >= 0,
        lines[line].dropFirst(column).starts(with: Array("[!".utf8))
      else { continue }
      let follows = previousSibling[node.id].flatMap { indexByID[$0] }
      indexByID[node.id] = result.count
      let rest = paragraph.children.drop { $0.kind != .softBreak && $0.kind != .lineBreak }.dropFirst()
      result.append(
        Callout(
          nodeID: node.id, kind: kind, marker: marker, title: title, label: labels[node.id],
          line: paragraph.range.startLine, column: paragraph.range.startColumn, follows: follows,
          body: Array(rest) + node.children.dropFirst()))
    }
    return result
  }

  /// `[!KIND]` at the start of a paragraph's first line: the kind, the marker as written and the
  /// rest of the line as text.
  static func calloutMarker(_ paragraph: Node) -> (String, String, String)? {
    var firstLine = ""
    for child in paragraph.children {
      if child.kind == .softBreak || child.kind == .lineBreak { break }
      firstLine += child.plainText
    }
    guard firstLine.hasPrefix("[!"), let close = firstLine.firstIndex(of: "]") else { return nil }
    let kind = firstLine[firstLine.index(firstLine.startIndex, offsetBy: 2)..<close]
    guard !kind.isEmpty, kind.allSatisfy({ $0.isASCII && $0.isLetter }) else { return nil }
    let title = firstLine[firstLine.index(after: close)...].trimming(" \t")
    return (String(kind), String(firstLine[...close]), title)
  }
}

extension StringProtocol {
  /// The string without the given leading and trailing characters.
  func trimming(_ set: String) -> String {
    var scalars = Substring(self)
    while let first = scalars.first, set.contains(first) { scalars.removeFirst() }
    while let last = scalars.last, set.contains(last) { scalars.removeLast() }
    return String(scalars)
  }
}
