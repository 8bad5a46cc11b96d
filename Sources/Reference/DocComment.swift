import Foundation

/// A doc comment split the way DocC reads it: the first paragraph is the summary, the rest the
/// discussion, and the `- Parameters:` (with `- name: …` items), `- Parameter name: …`,
/// `- Returns: …` and `- Throws: …` items of a top-level list are taken out into their own
/// sections. Every part is Markdown (with `$…$` math), rendered like a chapter's.
public struct DocComment: Sendable, Hashable {
  public var summary: String
  public var discussion: String
  public var parameters: [(name: String, text: String)]
  public var returns: String?
  public var throwsText: String?

  public static func == (a: DocComment, b: DocComment) -> Bool {
    a.summary == b.summary && a.discussion == b.discussion && a.returns == b.returns
      && a.throwsText == b.throwsText && a.parameters.map(\.name) == b.parameters.map(\.name)
      && a.parameters.map(\.text) == b.parameters.map(\.text)
  }
  public func hash(into hasher: inout Hasher) {
    hasher.combine(summary)
    hasher.combine(discussion)
  }

  /// Parses the comment's lines (without `/// `, indented as written after it).
  public init(lines: [String]) {
    // The symbol graph gives each line without `/// ` (the one space after the slashes).
    let body = lines
    var kept: [String] = []
    var parameters: [(String, String)] = []
    var returns: String?
    var throwsText: String?
    var index = 0
    /// The item's text on its first line plus its indented continuation lines.
    func item(_ first: String) -> (String, [String]) {
      var continuation: [String] = []
      while index < body.count, body[index].hasPrefix("  ") || body[index].isEmpty {
        if body[index].isEmpty, index + 1 < body.count, !body[index + 1].hasPrefix("  ") { break }
        continuation.append(body[index])
        index += 1
      }
      return (first, continuation)
    }
    func joined(_ first: String, _ rest: [String]) -> String {
      ([first] + rest.map { $0.trimmingLeadingSpaces() }).joined(separator: "\n")
        .trimmingCharacters(in: .whitespacesAndNewlines)
    }
    while index < body.count {
      let line = body[index]
      guard let rest = line.droppingPrefix("- ") ?? line.droppingPrefix("* ") else {
        kept.append(line)
        index += 1
        continue
      }
      let lower = rest.lowercased()
      index += 1
      if lower.hasPrefix("parameters:") {
        // `- Parameters:` then `  - name: text` items, each with deeper continuation lines.
        let (_, nested) = item("")
        var current: (String, [String])?
        for raw in nested {
          let trimmed = raw.trimmingLeadingSpaces()
          if let entry = trimmed.droppingPrefix("- ") ?? trimmed.droppingPrefix("* "),
            let colon = entry.firstIndex(of: ":")
          {
            if let current { parameters.append((current.0, joined("", current.1))) }
            current = (
              String(entry[..<colon]).trimmingCharacters(in: .whitespaces),
              [String(entry[entry.index(after: colon)...])]
            )
          } else if current != nil {
            current!.1.append(trimmed)
          }
        }
        if let current { parameters.append((current.0, joined("", current.1))) }
      } else if lower.hasPrefix("parameter "), let colon = rest.firstIndex(of: ":") {
        let name = rest[rest.index(rest.startIndex, offsetBy: 10)..<colon].trimmingCharacters(
          in: .whitespaces)
        let (first, more) = item(String(rest[rest.index(after: colon)...]))
        parameters.append((name, joined(first, more)))
      } else if lower.hasPrefix("returns:") {
        let (first, more) = item(String(rest.dropFirst(8)))
        returns = joined(first, more)
      } else if lower.hasPrefix("throws:") {
        let (first, more) = item(String(rest.dropFirst(7)))
        throwsText = joined(first, more)
      } else {
        kept.append(line)
      }
    }
    // The summary: the first paragraph (up to a blank line or the start of a block).
    var summaryLines: [String] = []
    var rest = kept[...]
    while let first = rest.first, first.trimmingCharacters(in: .whitespaces).isEmpty {
      rest = rest.dropFirst()
    }
    while let first = rest.first, !first.trimmingCharacters(in: .whitespaces).isEmpty,
      !first.hasPrefix("    "), !first.hasPrefix("```"), !first.hasPrefix("- "), !first.hasPrefix("$$")
    {
      summaryLines.append(first)
      rest = rest.dropFirst()
    }
    summary = summaryLines.joined(separator: "\n")
    // Blank lines around it dropped, the indentation of a leading code block kept.
    while let first = rest.first, first.trimmingCharacters(in: .whitespaces).isEmpty {
      rest = rest.dropFirst()
    }
    while let last = rest.last, last.trimmingCharacters(in: .whitespaces).isEmpty { rest = rest.dropLast() }
    discussion = rest.joined(separator: "\n")
    self.parameters = parameters
    self.returns = returns
    self.throwsText = throwsText
  }
}

extension String {
  func droppingPrefix(_ prefix: String) -> String? {
    hasPrefix(prefix) ? String(dropFirst(prefix.count)) : nil
  }
  func trimmingLeadingSpaces() -> String {
    String(drop { $0 == " " })
  }
}
