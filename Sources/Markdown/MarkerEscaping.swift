#if canImport(Glibc)
  import Glibc
#elseif canImport(Darwin)
  import Darwin
#endif

/// The private-use characters U+E000…U+E00F are the markers this layer threads through
/// cmark-gfm (math tokens, replacement and anchor markers). Content must never forge one, so
/// every reserved character that comes from outside is escaped:
/// - in a chapter's source, each becomes a two-character token (U+E007 and a hex digit) before
///   anything else looks at the text; the Swift tree gets the character back, the HTML gets a
///   numeric character reference (`&#xE000;`), which renders as the character itself;
/// - in HTML made by another stage (block output, figures, values spliced in), and in all text
///   escaped by ``HTMLEscaping``, each becomes a numeric character reference.
public enum MarkerEscaping {
  /// Whether `scalar` is one of the reserved markers.
  public static func isReserved(_ scalar: Unicode.Scalar) -> Bool { (0xE000...0xE00F).contains(scalar.value) }

  /// Whether `text` holds a reserved character (UTF-8 `EE 80 80`…`EE 80 8F`).
  static func containsReserved<C: Collection<UInt8>>(_ bytes: C) -> Bool where C.Index == Int {
    var i = bytes.startIndex
    let end = bytes.endIndex
    while i + 2 < end {
      if bytes[i] == 0xEE && bytes[i + 1] == 0x80 && bytes[i + 2] & 0xF0 == 0x80 { return true }
      i += 1
    }
    return false
  }

  static func containsReserved(_ text: String) -> Bool {
    var text = text
    return text.withUTF8 { bytes in
      var i = 0
      while true {
        i = nextLead(in: bytes, from: i)
        guard i + 2 < bytes.count else { return false }
        if bytes[i + 1] == 0x80 && bytes[i + 2] & 0xF0 == 0x80 { return true }
        i += 1
      }
    }
  }

  /// The index of the first byte `EE` (the lead byte of every reserved character) at or after
  /// `start`, or `bytes.count`: `memchr`, so that scanning HTML for markers copies whole runs
  /// of ordinary text instead of looking at each byte.
  static func nextLead(in bytes: UnsafeBufferPointer<UInt8>, from start: Int) -> Int {
    guard start < bytes.count, let base = bytes.baseAddress,
      let found = memchr(base + start, 0xEE, bytes.count - start)
    else { return bytes.count }
    return base.distance(to: found.assumingMemoryBound(to: UInt8.self))
  }

  /// The character that starts a source token: U+E007, then the hex digit of the reserved
  /// character it stands for.
  static let tokenMark: UInt8 = 0x87

  /// The character that starts the token of a numeric character reference to a reserved
  /// character (`&#xE000;`), which cmark would otherwise decode into a marker: U+E008, then the
  /// hex digit. In text it is the character; in code it is the reference as written.
  static let referenceMark: UInt8 = 0x88

  /// An HTML fragment with every reserved character as a numeric character reference.
  public static func escapeHTML(_ html: String) -> String {
    guard containsReserved(html) else { return html }
    var out: [UInt8] = []
    let bytes = Array(html.utf8)
    out.reserveCapacity(bytes.count + 16)
    var i = 0
    while i < bytes.count {
      if i + 2 < bytes.count, bytes[i] == 0xEE, bytes[i + 1] == 0x80, bytes[i + 2] & 0xF0 == 0x80 {
        out.append(contentsOf: reference(bytes[i + 2] & 0x0F))
        i += 3
      } else {
        out.append(bytes[i])
        i += 1
      }
    }
    return String(decoding: out, as: UTF8.self)
  }

  /// `&#xE00N;` for the reserved character with low nibble `nibble`.
  static func reference(_ nibble: UInt8) -> [UInt8] {
    Array("&#xE00".utf8) + [hexDigit(nibble), UInt8(ascii: ";")]
  }

  static func hexDigit(_ nibble: UInt8) -> UInt8 { nibble < 10 ? 0x30 + nibble : 0x41 + nibble - 10 }

  static func nibble(_ digit: UInt8) -> UInt8? {
    switch digit {
    case 0x30...0x39: return digit - 0x30
    case 0x41...0x46: return digit - 0x41 + 10
    default: return nil
    }
  }

  /// A chapter's source with every reserved character replaced by its token. With
  /// `keepingTokens`, tokens already there stay as they are (for text that mixes tokens with
  /// characters that cmark decoded from references).
  static func protect(_ source: String, keepingTokens: Bool = false) -> String {
    guard containsReserved(source) else { return source }
    let bytes = Array(source.utf8)
    var out: [UInt8] = []
    out.reserveCapacity(bytes.count + 16)
    var i = 0
    while i < bytes.count {
      if keepingTokens, i + 3 < bytes.count, bytes[i] == 0xEE, bytes[i + 1] == 0x80,
        bytes[i + 2] == tokenMark || bytes[i + 2] == referenceMark, nibble(bytes[i + 3]) != nil
      {
        out.append(contentsOf: bytes[i..<(i + 4)])
        i += 4
      } else if i + 2 < bytes.count, bytes[i] == 0xEE, bytes[i + 1] == 0x80, bytes[i + 2] & 0xF0 == 0x80 {
        out.append(contentsOf: [0xEE, 0x80, tokenMark, hexDigit(bytes[i + 2] & 0x0F)])
        i += 3
      } else {
        out.append(bytes[i])
        i += 1
      }
    }
    return String(decoding: out, as: UTF8.self)
  }

  /// Reference tokens back to the references as written, other tokens kept: for code and raw
  /// HTML, where cmark does not decode references (it then escapes or copies them as text).
  static func restoreReferences(_ text: String) -> String {
    guard containsReserved(text) else { return text }
    let bytes = Array(text.utf8)
    var out: [UInt8] = []
    out.reserveCapacity(bytes.count)
    var i = 0
    while i < bytes.count {
      if i + 3 < bytes.count, bytes[i] == 0xEE, bytes[i + 1] == 0x80, bytes[i + 2] == referenceMark,
        let nibble = nibble(bytes[i + 3])
      {
        out.append(contentsOf: reference(nibble))
        i += 4
      } else {
        out.append(bytes[i])
        i += 1
      }
    }
    return String(decoding: out, as: UTF8.self)
  }

  /// Tokens made by ``protect(_:)`` back to the characters they stand for (for the Swift tree);
  /// reference tokens become the reference as written, or with `referencesAsCharacters` (in
  /// text, where cmark decodes references) the character.
  static func restore(_ text: String, referencesAsCharacters: Bool = false) -> String {
    guard containsReserved(text) else { return text }
    let bytes = Array(text.utf8)
    var out: [UInt8] = []
    out.reserveCapacity(bytes.count)
    var i = 0
    while i < bytes.count {
      if i + 3 < bytes.count, bytes[i] == 0xEE, bytes[i + 1] == 0x80,
        bytes[i + 2] == tokenMark || bytes[i + 2] == referenceMark, let nibble = nibble(bytes[i + 3])
      {
        if bytes[i + 2] == tokenMark || referencesAsCharacters {
          out.append(contentsOf: [0xEE, 0x80, 0x80 | nibble])
        } else {
          out.append(contentsOf: reference(nibble))
        }
        i += 4
      } else {
        out.append(bytes[i])
        i += 1
      }
    }
    return String(decoding: out, as: UTF8.self)
  }
}
