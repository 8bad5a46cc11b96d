/// A person's name split as BibTeX splits it: "First von Last", "von Last, First" or
/// "von Last, Jr, First". Parts are display text (LaTeX converted, braces removed).
public struct PersonName: Sendable, Hashable {
  public var first: String
  public var von: String
  public var last: String
  public var jr: String

  public init(first: String = "", von: String = "", last: String, jr: String = "") {
    self.first = first
    self.von = von
    self.last = last
    self.jr = jr
  }

  /// "von Last", as in-text citations show it ("van der Waals").
  public var surname: String { von.isEmpty ? last : "\(von) \(last)" }

  /// The given names as initials: "Daniel A." → "D. A.", "Jean-Pierre" → "J.-P.".
  public var initials: String {
    first.split(separator: " ").map { token in
      token.split(separator: "-", omittingEmptySubsequences: true).map { part in
        part.split(separator: ".", omittingEmptySubsequences: true).compactMap { piece in
          piece.first.map { "\($0)." }
        }.joined(separator: " ")
      }.joined(separator: "-")
    }.filter { !$0.isEmpty }.joined(separator: " ")
  }

  /// "von Last, F. M., Jr", as reference lists show it.
  public var inverted: String {
    var out = surname
    if !initials.isEmpty { out += ", \(initials)" }
    if !jr.isEmpty { out += ", \(jr)" }
    return out
  }
}

/// A name list: the people, and whether it ended in `and others`.
public struct NameList: Sendable, Hashable {
  public var names: [PersonName]
  public var hasOthers: Bool

  public init(names: [PersonName], hasOthers: Bool = false) {
    self.names = names
    self.hasOthers = hasOthers
  }

  /// Parses a BibTeX `author`/`editor` field: names separated by `and` outside braces.
  public init(bibtex raw: String) {
    var names: [PersonName] = []
    var others = false
    for part in NameList.splitTopLevel(raw, onWord: "and") {
      let trimmed = part.trimmingBlanks
      if trimmed.isEmpty { continue }
      if trimmed == "others" {
        others = true
        continue
      }
      names.append(NameList.parseName(trimmed))
    }
    self.init(names: names, hasOthers: others)
  }

  /// Splits on the whitespace-delimited word `word` (case-insensitive) at brace depth 0.
  static func splitTopLevel(_ text: String, onWord word: String) -> [String] {
    let tokens = tokenize(text)
    var parts: [String] = []
    var current: [String] = []
    for token in tokens {
      if token.lowercased() == word {
        parts.append(current.joined(separator: " "))
        current = []
      } else {
        current.append(token)
      }
    }
    parts.append(current.joined(separator: " "))
    return parts
  }

  /// Whitespace-separated tokens, with braces kept together (`{World Health Organization}` is
  /// one token); a comma at depth 0 is a token of its own.
  static func tokenize(_ text: String) -> [String] {
    var tokens: [String] = []
    var current = String.UnicodeScalarView()
    var depth = 0
    func flush() {
      if !current.isEmpty { tokens.append(String(current)) }
      current = String.UnicodeScalarView()
    }
    for c in text.unicodeScalars {
      if c == "{" {
        depth += 1
      } else if c == "}" {
        depth = max(0, depth - 1)
      }
      if depth == 0 && (c == " " || c == "\t" || c == "\n" || c == "\r" || c == "~") {
        flush()
      } else if depth == 0 && c == "," {
        flush()
        tokens.append(",")
      } else {
        current.append(c)
      }
    }
    flush()
    return tokens
  }

  /// Whether a name token starts in lower case, as BibTeX decides for the "von" part: the first
  /// letter at depth 0, or inside a leading `{\accent x}`; a plain leading `{…}` is not lower case.
  static func isLowercase(_ token: String) -> Bool {
    let scalars = Array(token.unicodeScalars)
    var k = 0
    while k < scalars.count {
      let c = scalars[k]
      if c == "{" {
        if k + 1 < scalars.count && scalars[k + 1] == "\\" {
          // A special character: decide by its converted text.
          let converted = LaTeXText.convert(token)
          return converted.unicodeScalars.first { $0.properties.isAlphabetic }?.properties.isLowercase
            ?? false
        }
        return false
      }
      if c == "\\" {
        let converted = LaTeXText.convert(String(String.UnicodeScalarView(scalars[k...])))
        return converted.unicodeScalars.first { $0.properties.isAlphabetic }?.properties.isLowercase ?? false
      }
      if c.properties.isAlphabetic { return c.properties.isLowercase }
      k += 1
    }
    return false
  }

  static func parseName(_ raw: String) -> PersonName {
    let tokens = tokenize(raw)
    var groups: [[String]] = [[]]
    for token in tokens {
      if token == "," { groups.append([]) } else { groups[groups.count - 1].append(token) }
    }
    func text(_ tokens: ArraySlice<String>) -> String { LaTeXText.plain(tokens.joined(separator: " ")) }
    /// Splits "von Last" tokens: the von part is the longest run ending in a lower-case token,
    /// the last token always being part of Last.
    func vonLast(_ tokens: [String]) -> (von: String, last: String) {
      guard tokens.count > 1 else { return ("", text(tokens[...])) }
      var split = 0
      for (k, token) in tokens.dropLast().enumerated() where isLowercase(token) { split = k + 1 }
      return (text(tokens[..<split]), text(tokens[split...]))
    }
    switch groups.count {
    case 1:
      let t = groups[0]
      guard t.count > 1 else { return PersonName(last: text(t[...])) }
      // First von Last: von starts at the first lower-case token before the last.
      if let vonStart = t.dropLast().firstIndex(where: isLowercase) {
        let rest = vonLast(Array(t[vonStart...]))
        return PersonName(first: text(t[..<vonStart]), von: rest.von, last: rest.last)
      }
      return PersonName(first: text(t.dropLast()), last: text(t.suffix(1)))
    case 2:
      let (von, last) = vonLast(groups[0])
      return PersonName(first: text(groups[1][...]), von: von, last: last)
    default:
      let (von, last) = vonLast(groups[0])
      return PersonName(
        first: text(groups[2...].flatMap { $0 }[...]), von: von, last: last, jr: text(groups[1][...]))
    }
  }
}

extension String {
  var trimmingBlanks: String {
    var scalars = Substring(self).unicodeScalars
    while let f = scalars.first, f.properties.isWhitespace { scalars.removeFirst() }
    while let l = scalars.last, l.properties.isWhitespace { scalars.removeLast() }
    return String(scalars)
  }
}
