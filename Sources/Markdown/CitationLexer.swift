/// Citations in Markdown prose, after Pandoc's `citations` extension: a pure function of the
/// text, for the render stage to call on text nodes.
///
/// - Bracketed: `[@a]`, `[@a; @b]`, `[see @a, ch. 3; -@b]`: items separated by `;`, each with
///   an optional prefix, an optional `-` (year only), the key, and an optional locator after it
///   (a leading comma dropped). Every item must have a key, else the brackets are not a citation.
/// - Narrative: `@key` in running text, optionally with a locator in brackets right after it,
///   `@key [p. 33]`.
/// - A key starts with a letter, digit or `_` and may contain `:.#$%&-+?<>~/` inside, but ends in a
///   letter or digit (so the full stop in "as @roberts2022." is not part of it); `@{any key}` is a
///   key with any characters but braces. An `@` right after a letter or digit (an e-mail address)
///   starts nothing.
///
/// Which keys are citations and which are cross-references (`fig-`, `tbl-`, `eq-`, `sec-`…) is
/// the caller's decision.
public enum CitationLexer {
  /// A citation found in text, with the range of its source (the brackets included).
  public struct Match: Sendable, Hashable {
    public var citation: Citation
    public var range: Range<String.Index>
  }

  /// Parses `text` as one bracketed citation, `[…]` or just its inside; nil if it is not one.
  public static func bracketed(_ text: String) -> Citation? {
    var inner = Substring(text)
    if inner.hasPrefix("[") && inner.hasSuffix("]") && inner.count >= 2 {
      inner = inner.dropFirst().dropLast()
    }
    var items: [Citation.Item] = []
    for part in splitItems(inner) {
      guard let item = item(part) else { return nil }
      items.append(item)
    }
    return items.isEmpty ? nil : Citation(form: .parenthetical, items: items)
  }

  /// Every citation in a run of prose text, in order: bracketed ones, and narrative `@key`s
  /// outside them.
  public static func citations(in text: String) -> [Match] {
    var out: [Match] = []
    var i = text.startIndex
    while i < text.endIndex {
      let c = text[i]
      if c == "\\" {
        // An escaped character (`\[`, `\@`) starts nothing.
        i = text.index(after: i)
        if i < text.endIndex { i = text.index(after: i) }
        continue
      }
      if c == "[", let close = closingBracket(in: text, from: i) {
        let range = i..<text.index(after: close)
        if let citation = bracketed(String(text[range])) {
          out.append(Match(citation: citation, range: range))
          i = range.upperBound
          continue
        }
      }
      if c == "@" || (c == "-" && text.index(after: i) < text.endIndex && text[text.index(after: i)] == "@") {
        let at = c == "@" ? i : text.index(after: i)
        let before = i > text.startIndex ? text[text.index(before: i)] : nil
        if !(before.map { $0.isLetter || $0.isNumber } ?? false), let (key, keyEnd) = key(in: text, at: at) {
          var item = Citation.Item(key: key, suppressAuthor: c == "-")
          var end = keyEnd
          if let (locator, locatorEnd) = narrativeLocator(in: text, after: keyEnd) {
            item.locator = locator
            end = locatorEnd
          }
          out.append(Match(citation: Citation(form: .narrative, items: [item]), range: i..<end))
          i = end
          continue
        }
      }
      i = text.index(after: i)
    }
    return out
  }

  /// Pandoc's `@key [p. 33]`: a bracket right after the key (one space allowed) with no key in
  /// it, that is not a link (`[text](…)`, `[text][ref]`), is the citation's locator.
  static func narrativeLocator(in text: String, after end: String.Index) -> (String, String.Index)? {
    var i = end
    if i < text.endIndex && text[i] == " " { i = text.index(after: i) }
    guard i < text.endIndex, text[i] == "[", let close = closingBracket(in: text, from: i) else {
      return nil
    }
    let next = text.index(after: close)
    if next < text.endIndex && (text[next] == "(" || text[next] == "[") { return nil }
    let inside = text[text.index(after: i)..<close]
    guard !inside.contains("@") else { return nil }
    var locator = String(inside).trimmingBlanks
    if locator.hasPrefix(",") { locator = String(locator.dropFirst()).trimmingBlanks }
    return locator.isEmpty ? nil : (locator, next)
  }

  /// The `]` that closes the `[` at `open`, if no other `[` comes first (a citation holds no
  /// brackets, so every character is looked at by at most one such scan: linear time).
  static func closingBracket(in text: String, from open: String.Index) -> String.Index? {
    var i = text.index(after: open)
    while i < text.endIndex {
      switch text[i] {
      case "[": return nil
      case "]": return i
      case "\\":
        if text.index(after: i) < text.endIndex { i = text.index(after: i) }
      default: break
      }
      i = text.index(after: i)
    }
    return nil
  }

  /// Splits on `;` outside `{…}`.
  static func splitItems(_ text: Substring) -> [Substring] {
    var parts: [Substring] = []
    var depth = 0
    var start = text.startIndex
    var i = text.startIndex
    while i < text.endIndex {
      switch text[i] {
      case "{": depth += 1
      case "}": depth = max(0, depth - 1)
      case ";" where depth == 0:
        parts.append(text[start..<i])
        start = text.index(after: i)
      default: break
      }
      i = text.index(after: i)
    }
    parts.append(text[start..<text.endIndex])
    return parts
  }

  static func item(_ part: Substring) -> Citation.Item? {
    let text = String(part)
    var i = text.startIndex
    while i < text.endIndex {
      if text[i] == "@" {
        let before = i > text.startIndex ? text[text.index(before: i)] : nil
        let suppress = before == "-"
        let prefixEnd = suppress ? text.index(before: i) : i
        let beforePrefix =
          suppress && prefixEnd > text.startIndex ? text[text.index(before: prefixEnd)] : before
        let boundary = !(beforePrefix.map { $0.isLetter || $0.isNumber } ?? false)
        if boundary, let (key, end) = key(in: text, at: i) {
          var locator = String(text[end...]).trimmingBlanks
          if locator.hasPrefix(",") { locator = String(locator.dropFirst()).trimmingBlanks }
          return Citation.Item(
            key: key, prefix: String(text[..<prefixEnd]).trimmingBlanks, locator: locator,
            suppressAuthor: suppress)
        }
      }
      i = text.index(after: i)
    }
    return nil
  }

  static func isKeyPunctuation(_ c: Character) -> Bool { ":.#$%&-+?<>~/".contains(c) }
  static func isKeyAlphanumeric(_ c: Character) -> Bool { c.isLetter || c.isNumber || c == "_" }

  /// The key after the `@` at `at`, and the index past it.
  static func key(in text: String, at: String.Index) -> (String, String.Index)? {
    var i = text.index(after: at)
    guard i < text.endIndex else { return nil }
    if text[i] == "{" {
      let start = text.index(after: i)
      guard let close = text[start...].firstIndex(where: { $0 == "}" || $0 == "{" }), text[close] == "}",
        close > start
      else { return nil }
      return (String(text[start..<close]), text.index(after: close))
    }
    guard isKeyAlphanumeric(text[i]) else { return nil }
    let start = i
    var lastGood = text[i] == "_" ? i : text.index(after: i)
    while i < text.endIndex {
      let c = text[i]
      if c.isLetter || c.isNumber {
        lastGood = text.index(after: i)
      } else if !(c == "_" || isKeyPunctuation(c)) {
        break
      }
      i = text.index(after: i)
    }
    guard lastGood > start else { return nil }
    return (String(text[start..<lastGood]), lastGood)
  }
}

extension String {
  /// The string without leading and trailing white space.
  var trimmingBlanks: String {
    var scalars = Substring(self).unicodeScalars
    while let f = scalars.first, f.properties.isWhitespace { scalars.removeFirst() }
    while let l = scalars.last, l.properties.isWhitespace { scalars.removeLast() }
    return String(scalars)
  }
}
