/// One line of the TOML subset that `notes.toml` uses: `key = "value"  # comment`, or
/// `key = ["a", 'b']` (an array of strings on one line).
struct TOMLLine {
  var key: String
  var value: String
  /// The strings of an array value; nil for a string value.
  var array: [String]? = nil
  /// A `true` or `false` value (then `value` is its spelling).
  var boolean: Bool? = nil

  /// Where a line is (`notes.toml`, line 3): every error is located there.
  struct Location {
    var path: String
    var line: Int

    func error(_ message: String) -> SiteError { SiteError(at: path, line: line, message) }
  }

  /// Parses one line; nil for blank and comment-only lines; errors are at `location`.
  static func parse(_ line: Substring, location: Location) throws -> TOMLLine? {
    var scanner = Scanner(text: line)
    scanner.skipSpaces()
    if scanner.atEnd || scanner.peek == "#" { return nil }
    if scanner.peek == "[" {
      throw location.error("tables ([section]) are not supported; write key = \"value\" lines")
    }
    let key = scanner.take(while: { $0.isASCII && ($0.isLetter || $0.isNumber || $0 == "_" || $0 == "-") })
    guard !key.isEmpty else {
      throw location.error("expected key = \"value\", found '\(line)'")
    }
    scanner.skipSpaces()
    guard scanner.peek == "=" else {
      throw location.error("expected '=' after key '\(key)'")
    }
    scanner.advance()
    scanner.skipSpaces()
    let value: String
    var array: [String]? = nil
    var boolean: Bool? = nil
    switch scanner.peek {
    case "[":
      scanner.advance()
      var items: [String] = []
      while true {
        scanner.skipSpaces()
        if scanner.peek == "]" { break }
        switch scanner.peek {
        case "\"":
          scanner.advance()
          items.append(try scanner.basicString(location: location))
        case "'":
          scanner.advance()
          guard let literal = scanner.take(until: "'") else {
            throw location.error("unterminated string (missing closing ')")
          }
          items.append(literal)
        default:
          throw location.error(
            "the array '\(key)' must hold quoted strings on one line, like \(key) = [\"A\", \"B\"]"
          )
        }
        scanner.skipSpaces()
        if scanner.peek == "," {
          scanner.advance()
        } else if scanner.peek != "]" {
          throw location.error("expected ',' or ']' in the array '\(key)'")
        }
      }
      scanner.advance()
      value = ""
      array = items
    case "\"":
      scanner.advance()
      value = try scanner.basicString(location: location)
    case "'":
      scanner.advance()
      guard let literal = scanner.take(until: "'") else {
        throw location.error("unterminated string (missing closing ')")
      }
      value = literal
    case "t", "f":
      let word = scanner.take(while: { $0.isASCII && $0.isLetter })
      guard word == "true" || word == "false" else {
        throw location.error(
          "the value of '\(key)' must be a quoted string, true or false, not '\(word)'")
      }
      value = String(word)
      boolean = word == "true"
    case nil:
      throw location.error("missing value after '\(key) ='")
    default:
      throw location.error(
        "the value of '\(key)' must be a quoted string, true or false, like \(key) = \"…\"")
    }
    scanner.skipSpaces()
    guard scanner.atEnd || scanner.peek == "#" else {
      throw location.error("unexpected text after the value of '\(key)'")
    }
    return TOMLLine(key: String(key), value: value, array: array, boolean: boolean)
  }

  /// A cursor over one line's characters.
  struct Scanner {
    let text: Substring
    var index: Substring.Index

    init(text: Substring) {
      self.text = text
      self.index = text.startIndex
    }

    var atEnd: Bool { index == text.endIndex }
    var peek: Character? { atEnd ? nil : text[index] }
    mutating func advance() { index = text.index(after: index) }

    mutating func skipSpaces() {
      while let c = peek, c == " " || c == "\t" { advance() }
    }

    mutating func take(while predicate: (Character) -> Bool) -> Substring {
      let start = index
      while let c = peek, predicate(c) { advance() }
      return text[start..<index]
    }

    /// Reads up to (not including) `terminator` and consumes it; nil if the line ends first.
    mutating func take(until terminator: Character) -> String? {
      let start = index
      while let c = peek {
        if c == terminator {
          let result = String(text[start..<index])
          advance()
          return result
        }
        advance()
      }
      return nil
    }

    /// Reads the rest of a TOML basic string after its opening quote, decoding escapes.
    mutating func basicString(location: Location) throws -> String {
      var result = ""
      while let c = peek {
        advance()
        switch c {
        case "\"":
          return result
        case "\\":
          guard let e = peek else { break }
          advance()
          switch e {
          case "\"": result.append("\"")
          case "\\": result.append("\\")
          case "n": result.append("\n")
          case "t": result.append("\t")
          case "r": result.append("\r")
          case "b": result.append("\u{8}")
          case "f": result.append("\u{C}")
          case "u", "U":
            let digits = e == "u" ? 4 : 8
            var hex = ""
            for _ in 0..<digits {
              guard let h = peek, h.isHexDigit else {
                throw location.error("\\\(e) needs \(digits) hex digits")
              }
              hex.append(h)
              advance()
            }
            guard let scalar = UInt32(hex, radix: 16).flatMap(Unicode.Scalar.init) else {
              throw location.error("\\\(e)\(hex) is not a Unicode scalar")
            }
            result.unicodeScalars.append(scalar)
          default:
            throw location.error("unknown escape \\\(e) in string")
          }
        default:
          result.append(c)
        }
      }
      throw location.error("unterminated string (missing closing \")")
    }
  }
}
