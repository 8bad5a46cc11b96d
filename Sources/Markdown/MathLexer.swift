/// The one TeX math lexer of `notes`: where `$…$`, `$$…$$`, `\(…\)` and `\[…\]` open and close.
/// `MathShield` uses it on Markdown prose (adding what only Markdown has: code spans, link
/// destinations, `[@ref]`), and ``MathText`` on text computed at run time (captions, table
/// cells), so a `$` means the same everywhere.
///
/// Rules (Pandoc's `tex_math_dollars`):
/// - `$$…$$` is display math (tried first); it ends at the first `$$` after at least one
///   character.
/// - `$…$` is inline math: the opening `$` must be followed by a non-space; the first `$` after
///   it closes, and the attempt fails if that `$` is followed by a digit, or if whitespace is
///   followed by a `$` before it ("costs $5 and $10" is text).
/// - Inside math a backslash escapes the next character (`$a \$ b$` is one span); outside math
///   `\$` is a literal dollar.
/// - `\(…\)` and `\[…\]` need a letter or digit inside (`\(\)` is escaped punctuation).
///
/// Linear time: the closing positions are computed once per text, right to left, only for the
/// delimiters the text contains.
struct MathLexer {
  /// A math span found at an opening delimiter.
  struct Match: Equatable {
    /// Byte range of the TeX between the delimiters.
    var content: Range<Int>
    /// Byte offset just after the closing delimiter.
    var end: Int
    var display: Bool
  }

  let text: [UInt8]
  private var inlineStops: [Int32]? = nil
  private var displayStops: [Int32]? = nil
  private var parenStops: [Int32]? = nil
  private var bracketStops: [Int32]? = nil

  init(_ text: [UInt8]) { self.text = text }

  static func isSpace(_ b: UInt8) -> Bool { b == 0x20 || b == 0x09 || b == 0x0A || b == 0x0D }

  static func isAlphanumeric(_ b: UInt8) -> Bool {
    (b >= 0x30 && b <= 0x39) || (b >= 0x41 && b <= 0x5A) || (b >= 0x61 && b <= 0x7A) || b >= 0x80
  }

  /// The math that opens with the `$` at `i`, if any (display first, then inline).
  mutating func dollarMath(at i: Int) -> Match? {
    let n = text.count
    guard i < n, text[i] == 0x24 else { return nil }
    if i + 1 < n && text[i + 1] == 0x24, let match = displayMath(at: i) { return match }
    // Inline: a non-space right after the `$`, then the first stop.
    let c = i + 1
    guard c < n, !Self.isSpace(text[c]) else { return nil }
    let first = text[c] == 0x5C ? c + 2 : c + 1
    guard first <= n else { return nil }
    if inlineStops == nil { inlineStops = Self.stops(text, inline: true) }
    let stop = Int(inlineStops![first])
    guard stop >= 0 else { return nil }
    // The closing `$` must not be followed by a digit (`$5`): then the attempt fails.
    if stop + 1 < n && text[stop + 1] >= 0x30 && text[stop + 1] <= 0x39 { return nil }
    return Match(content: c..<stop, end: stop + 1, display: false)
  }

  private mutating func displayMath(at i: Int) -> Match? {
    let n = text.count
    let c = i + 2
    guard c < n else { return nil }
    let first = text[c] == 0x5C ? c + 2 : c + 1
    guard first <= n else { return nil }
    if displayStops == nil { displayStops = Self.stops(text, inline: false) }
    let stop = Int(displayStops![first])
    guard stop >= 0 else { return nil }
    return Match(content: c..<stop, end: stop + 2, display: true)
  }

  /// The math that opens with the `\(` or `\[` at `i`, if any.
  mutating func backslashMath(at i: Int) -> Match? {
    let n = text.count
    guard i + 1 < n, text[i] == 0x5C, text[i + 1] == 0x28 || text[i + 1] == 0x5B else { return nil }
    let display = text[i + 1] == 0x5B
    let closer: UInt8 = display ? 0x5D : 0x29
    let stops: [Int32]
    if display {
      if bracketStops == nil { bracketStops = Self.backslashStops(text, closer: closer) }
      stops = bracketStops!
    } else {
      if parenStops == nil { parenStops = Self.backslashStops(text, closer: closer) }
      stops = parenStops!
    }
    let stop = Int(stops[i + 2])
    guard stop >= 0 else { return nil }
    let content = (i + 2)..<stop
    guard text[content].contains(where: Self.isAlphanumeric) else { return nil }
    return Match(content: content, end: stop + 2, display: display)
  }

  /// For every start position, where a `$` (inline) or `$$` (display) scan started there stops:
  /// the offset of the closing delimiter, or −1 when the attempt fails (end of text, a trailing
  /// backslash, or — inline — whitespace followed by `$`). Backslash pairs are skipped.
  private static func stops(_ t: [UInt8], inline: Bool) -> [Int32] {
    let n = t.count
    var stops = [Int32](repeating: -1, count: n + 2)
    var j = n - 1
    while j >= 0 {
      let b = t[j]
      if inline {
        if b == 0x24 {
          stops[j] = Int32(j)
        } else if isSpace(b) && j + 1 < n && t[j + 1] == 0x24 {
          stops[j] = -1
        } else if b == 0x5C {
          stops[j] = j + 1 < n ? stops[j + 2] : -1
        } else {
          stops[j] = stops[j + 1]
        }
      } else {
        if b == 0x24 && j + 1 < n && t[j + 1] == 0x24 {
          stops[j] = Int32(j)
        } else if b == 0x5C {
          stops[j] = j + 1 < n ? stops[j + 2] : -1
        } else {
          stops[j] = stops[j + 1]
        }
      }
      j -= 1
    }
    return stops
  }

  /// Where a scan for `\)` (or `\]`) started at each position stops, skipping backslash pairs.
  private static func backslashStops(_ t: [UInt8], closer: UInt8) -> [Int32] {
    let n = t.count
    var stops = [Int32](repeating: -1, count: n + 2)
    var j = n - 1
    while j >= 0 {
      if t[j] == 0x5C {
        stops[j] = j + 1 < n ? (t[j + 1] == closer ? Int32(j) : stops[j + 2]) : -1
      } else {
        stops[j] = stops[j + 1]
      }
      j -= 1
    }
    return stops
  }
}

/// Text computed at run time (a figure's title, a caption passed to `show`, a table's cells):
/// plain text, escaped for HTML, in which math delimited as in the prose (``MathLexer``) is
/// typeset. Nothing else is interpreted: no Markdown, no HTML; `\$` is a dollar sign.
public enum MathText {
  public enum Segment: Equatable, Sendable {
    case text(String)
    case math(String, display: Bool)
  }

  /// `text` cut into plain text and math.
  public static func segments(_ text: String) -> [Segment] {
    let bytes = Array(text.utf8)
    guard bytes.contains(0x24) || bytes.contains(0x5C) else { return text.isEmpty ? [] : [.text(text)] }
    var lexer = MathLexer(bytes)
    var segments: [Segment] = []
    var pending: [UInt8] = []
    func flush() {
      if !pending.isEmpty { segments.append(.text(String(decoding: pending, as: UTF8.self))) }
      pending.removeAll()
    }
    var i = 0
    let n = bytes.count
    while i < n {
      let b = bytes[i]
      if b == 0x5C && i + 1 < n {
        if bytes[i + 1] == 0x24 {
          pending.append(0x24)
          i += 2
          continue
        }
        if let match = lexer.backslashMath(at: i) {
          flush()
          segments.append(
            .math(String(decoding: bytes[match.content], as: UTF8.self), display: match.display))
          i = match.end
          continue
        }
      }
      if b == 0x24 {
        if let match = lexer.dollarMath(at: i) {
          flush()
          segments.append(
            .math(String(decoding: bytes[match.content], as: UTF8.self), display: match.display))
          i = match.end
          continue
        }
        // A `$` that opens nothing is a dollar sign (the next `$` is tried on its own).
        pending.append(b)
        i += 1
        continue
      }
      pending.append(b)
      i += 1
    }
    flush()
    return segments
  }

  /// HTML for `text`: escaped text and KaTeX-ready math spans (`<span class="math inline">`).
  public static func html(_ text: String) -> String {
    var out = ""
    for segment in segments(text) {
      switch segment {
      case .text(let plain): out += HTMLEscaping.escape(plain)
      case .math(let tex, let display):
        out += "<span class=\"math \(display ? "display" : "inline")\">\(HTMLEscaping.escape(tex))</span>"
      }
    }
    return out
  }
}
