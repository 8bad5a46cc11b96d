import Markdown

/// One entry of a BibTeX file: `@article{key, field = value, …}`.
///
/// Field names are lowercased; values are the raw text after `@string` macros, month names
/// and `#` concatenation are expanded, with the value's own delimiters removed and inner braces
/// and LaTeX kept (``LaTeXText`` turns them into display text).
public struct BibEntry: Sendable, Hashable {
  /// The entry type, lowercased (`article`, `book`, `misc`, …).
  public var type: String
  public var key: String
  public var fields: [String: String]
  /// Where the entry's `@` is, 1-based (column in Unicode scalars).
  public var line: Int
  public var column: Int

  public init(type: String, key: String, fields: [String: String], line: Int = 0, column: Int = 0) {
    self.type = type
    self.key = key
    self.fields = fields
    self.line = line
    self.column = column
  }

  public subscript(field: String) -> String? { fields[field.lowercased()] }
}

/// A reader for the BibTeX that real `.bib` files contain.
///
/// Text outside entries is a comment, as in BibTeX; `@comment` and `@preamble` are skipped;
/// `@string{name = value}` defines a macro (case-insensitive), and `jan`…`dec` are predefined.
/// A malformed entry is an error at its line and column; reading resumes at the next `@` that
/// begins a line. A key given twice (compared case-insensitively, as BibTeX does) is an error
/// at the second, which is dropped. An undefined macro is a warning and expands to nothing.
public enum BibTeX {
  public struct Result: Sendable {
    public var entries: [BibEntry]
    public var diagnostics: [Diagnostic]
    /// `@preamble` values, in order (not used for display).
    public var preambles: [String]
  }

  /// The month macros BibTeX predefines.
  public static let monthMacros: [String: String] = [
    "jan": "January", "feb": "February", "mar": "March", "apr": "April", "may": "May", "jun": "June",
    "jul": "July", "aug": "August", "sep": "September", "oct": "October", "nov": "November",
    "dec": "December",
  ]

  /// Reads `text`, naming `file` in diagnostics.
  public static func parse(_ text: String, file: String = "references.bib") -> Result {
    var parser = Parser(text: text, file: file)
    parser.run()
    return Result(entries: parser.entries, diagnostics: parser.diagnostics, preambles: parser.preambles)
  }
}

private struct ParseError: Error {
  var offset: Int
  var message: String
}

private struct Parser {
  let s: [Unicode.Scalar]
  let file: String
  var i = 0
  var lineStarts: [Int] = [0]
  var macros: [String: String] = BibTeX.monthMacros
  var entries: [BibEntry] = []
  var seenKeys: [String: Int] = [:]
  var diagnostics: [Diagnostic] = []
  var preambles: [String] = []

  /// For each `{`, the offset of the `}` that closes it (the first point where the braces after
  /// it balance), or -1; for each offset, the next `{`, `}` or `"` at or after it (or the end).
  /// Both are computed once, so no value is scanned twice, however many entries are unclosed.
  var closeOf: [Int32] = []
  var nextSpecial: [Int32] = []

  init(text: String, file: String) {
    s = Array(text.unicodeScalars)
    self.file = file
    for (k, c) in s.enumerated() where c == "\n" { lineStarts.append(k + 1) }
    closeOf = Array(repeating: -1, count: s.count)
    nextSpecial = Array(repeating: Int32(s.count), count: s.count + 1)
    var open: [Int] = []
    for (k, c) in s.enumerated() {
      if c == "{" {
        open.append(k)
      } else if c == "}", let o = open.popLast() {
        closeOf[o] = Int32(k)
      }
    }
    for k in stride(from: s.count - 1, through: 0, by: -1) {
      let c = s[k]
      nextSpecial[k] = c == "{" || c == "}" || c == "\"" ? Int32(k) : nextSpecial[k + 1]
    }
  }

  func location(_ offset: Int) -> (line: Int, column: Int) {
    // The last line start at or before `offset`.
    var lo = 0
    var hi = lineStarts.count - 1
    while lo < hi {
      let mid = (lo + hi + 1) / 2
      if lineStarts[mid] <= offset { lo = mid } else { hi = mid - 1 }
    }
    return (lo + 1, offset - lineStarts[lo] + 1)
  }

  mutating func report(_ offset: Int, _ message: String, _ severity: Diagnostic.Severity = .error) {
    let (line, column) = location(offset)
    diagnostics.append(
      Diagnostic(file: file, line: line, column: column, severity: severity, message: message))
  }

  static func isIdentifier(_ c: Unicode.Scalar) -> Bool {
    switch c {
    case "a"..."z", "A"..."Z", "0"..."9", "_", "-", ":", ".", "+", "/", "'", "!", "?", "*", "&", "<",
      ">", ";", "[", "]", "|", "`", "^", "$", "~":
      return true
    default: return c.value > 0x7F && !c.properties.isWhitespace
    }
  }

  static let knownTypes: Set<String> = [
    "article", "book", "booklet", "inbook", "incollection", "inproceedings", "conference", "manual",
    "mastersthesis", "misc", "phdthesis", "proceedings", "techreport", "unpublished", "online",
    "report", "thesis", "software", "dataset", "electronic", "www", "collection", "reference",
  ]

  func peek() -> Unicode.Scalar? { i < s.count ? s[i] : nil }

  mutating func skipSpace() {
    while i < s.count, s[i].properties.isWhitespace { i += 1 }
  }

  mutating func identifier() -> String {
    let start = i
    while i < s.count, Self.isIdentifier(s[i]) { i += 1 }
    return String(String.UnicodeScalarView(s[start..<i]))
  }

  /// The next `@` at the start of a line (after blanks) past `offset`, or the end.
  func resumePoint(after offset: Int) -> Int {
    var k = offset + 1
    var atLineStart = false
    while k < s.count {
      let c = s[k]
      if c == "\n" {
        atLineStart = true
      } else if c == "@" && atLineStart {
        return k
      } else if !(c == " " || c == "\t" || c == "\r") {
        atLineStart = false
      }
      k += 1
    }
    return s.count
  }

  mutating func run() {
    while i < s.count {
      guard s[i] == "@" else {
        i += 1
        continue
      }
      let at = i
      i += 1
      skipSpace()
      let typeStart = i
      let type = identifier().lowercased()
      skipSpace()
      guard let open = peek(), open == "{" || open == "(" else {
        if Self.knownTypes.contains(type) || type == "string" || type == "preamble" {
          report(i, "expected '{' after '@\(type)'")
          i = resumePoint(after: at)
        }
        // Otherwise an `@` in comment text (an e-mail address): ignored, as BibTeX does.
        continue
      }
      if type.isEmpty {
        report(typeStart, "expected an entry type after '@'")
        i = resumePoint(after: at)
        continue
      }
      do {
        switch type {
        case "comment":
          try skipGroup()
        case "preamble":
          i += 1
          skipSpace()
          preambles.append(try value())
          skipSpace()
          try close(open, entryAt: at)
        case "string":
          i += 1
          try stringDefinitions(open, entryAt: at)
        default:
          i += 1
          try entry(type: type, open: open, at: at)
        }
      } catch {
        report(error.offset, error.message)
        i = resumePoint(after: at)
      }
    }
  }

  static func closer(_ open: Unicode.Scalar) -> Unicode.Scalar { open == "{" ? "}" : ")" }

  mutating func close(_ open: Unicode.Scalar, entryAt at: Int) throws(ParseError) {
    guard peek() == Self.closer(open) else {
      throw ParseError(
        offset: i,
        message: i < s.count
          ? "expected '\(Self.closer(open))' to close the entry that begins at \(locationText(at))"
          : "the entry that begins at \(locationText(at)) is never closed")
    }
    i += 1
  }

  func locationText(_ offset: Int) -> String {
    let (line, column) = location(offset)
    return "\(line):\(column)"
  }

  /// Skips a balanced `{…}` or `(…)` (for `@comment`).
  mutating func skipGroup() throws(ParseError) {
    let start = i
    let open = s[i]
    let closer = Self.closer(open)
    var depth = 0
    while i < s.count {
      let c = s[i]
      i += 1
      if c == open {
        depth += 1
      } else if c == closer {
        depth -= 1
        if depth == 0 { return }
      }
    }
    throw ParseError(offset: start, message: "'\(open)' of @comment is never closed")
  }

  mutating func stringDefinitions(_ open: Unicode.Scalar, entryAt at: Int) throws(ParseError) {
    while true {
      skipSpace()
      let nameStart = i
      let name = identifier().lowercased()
      guard !name.isEmpty else { throw ParseError(offset: nameStart, message: "expected a macro name") }
      skipSpace()
      guard peek() == "=" else { throw ParseError(offset: i, message: "expected '=' after '\(name)'") }
      i += 1
      skipSpace()
      macros[name] = try value()
      skipSpace()
      if peek() == "," {
        i += 1
        skipSpace()
        if peek() == Self.closer(open) { break }
        continue
      }
      break
    }
    try close(open, entryAt: at)
  }

  mutating func entry(type: String, open: Unicode.Scalar, at: Int) throws(ParseError) {
    skipSpace()
    let keyStart = i
    let closer = Self.closer(open)
    while i < s.count, s[i] != ",", s[i] != closer, !s[i].properties.isWhitespace, s[i] != "{",
      s[i] != "}", s[i] != "=", s[i] != "\"", s[i] != "@"
    {
      i += 1
    }
    let key = String(String.UnicodeScalarView(s[keyStart..<i]))
    guard !key.isEmpty else { throw ParseError(offset: keyStart, message: "expected a citation key") }
    skipSpace()
    var fields: [String: String] = [:]
    var duplicateFields: [(Int, String)] = []
    if peek() == "," {
      i += 1
      while true {
        skipSpace()
        if peek() == closer { break }
        let nameStart = i
        let name = identifier().lowercased()
        guard !name.isEmpty else {
          throw ParseError(
            offset: nameStart,
            message: i < s.count
              ? "expected a field name or '\(closer)' in entry '\(key)'"
              : "the entry '\(key)' that begins at \(locationText(at)) is never closed")
        }
        skipSpace()
        guard peek() == "=" else {
          throw ParseError(offset: i, message: "expected '=' after field '\(name)' in entry '\(key)'")
        }
        i += 1
        skipSpace()
        let v = try value()
        if fields[name] == nil { fields[name] = v } else { duplicateFields.append((nameStart, name)) }
        skipSpace()
        if peek() == "," {
          i += 1
          continue
        }
        if peek() == closer { break }
        throw ParseError(
          offset: i,
          message: i < s.count
            ? "expected ',' or '\(closer)' after field '\(name)' in entry '\(key)'"
            : "the entry '\(key)' that begins at \(locationText(at)) is never closed")
      }
    }
    try close(open, entryAt: at)
    for (offset, name) in duplicateFields {
      report(offset, "field '\(name)' is given twice in entry '\(key)'; the first is used")
    }
    let folded = key.lowercased()
    if let first = seenKeys[folded] {
      report(
        keyStart,
        "duplicate citation key '\(key)' (first defined at \(file):\(entries[first].line):\(entries[first].column))"
      )
      return
    }
    let (line, column) = location(at)
    seenKeys[folded] = entries.count
    entries.append(BibEntry(type: type, key: key, fields: fields, line: line, column: column))
  }

  /// A field value: parts joined by `#`.
  mutating func value() throws(ParseError) -> String {
    var out = ""
    while true {
      skipSpace()
      guard let c = peek() else { throw ParseError(offset: i, message: "expected a value") }
      if c == "{" {
        out += try braced()
      } else if c == "\"" {
        out += try quoted()
      } else if ("0"..."9").contains(c) {
        let start = i
        while i < s.count, ("0"..."9").contains(s[i]) { i += 1 }
        out += String(String.UnicodeScalarView(s[start..<i]))
      } else if Self.isIdentifier(c) {
        let start = i
        let name = identifier()
        if let expansion = macros[name.lowercased()] {
          out += expansion
        } else {
          report(start, "undefined macro '\(name)'", .warning)
        }
      } else {
        throw ParseError(offset: i, message: "expected a value ('{…}', '\"…\"', a number or a macro)")
      }
      skipSpace()
      if peek() == "#" {
        i += 1
        continue
      }
      return out
    }
  }

  /// `{…}` with balanced braces; the result keeps the inner braces.
  mutating func braced() throws(ParseError) -> String {
    let start = i
    let close = Int(closeOf[start])
    guard close >= 0 else { throw ParseError(offset: start, message: "'{' is never closed") }
    i = close + 1
    return String(String.UnicodeScalarView(s[(start + 1)..<close]))
  }

  /// `"…"`: a `"` inside braces does not end the value.
  mutating func quoted() throws(ParseError) -> String {
    let start = i
    i += 1
    while true {
      i = Int(nextSpecial[i])
      guard i < s.count else { break }
      switch s[i] {
      case "{":
        let close = Int(closeOf[i])
        guard close >= 0 else { break }
        i = close + 1
        continue
      case "}":
        throw ParseError(offset: i, message: "unbalanced '}' in a quoted value")
      default:  // the closing quote
        i += 1
        return String(String.UnicodeScalarView(s[(start + 1)..<(i - 1)]))
      }
      break
    }
    throw ParseError(offset: start, message: "'\"' is never closed")
  }
}
