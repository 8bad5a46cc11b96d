/// Approximate advance widths, in em, of a Times/Computer-Modern-like serif: enough to size
/// margins and legends (within about 10 %) without access to the fonts.
enum TextMetrics {
  static func advance(_ c: Character) -> Double {
    switch c {
    case " ", "\u{2009}", "\u{2005}": return 0.25
    case "\u{2003}": return 1
    case "0"..."9": return 0.5
    case "i", "j", "l", "t", "f", "r": return 0.3
    case "m", "w": return 0.75
    case "a"..."z": return 0.47
    case "I", "J": return 0.35
    case "M", "W": return 0.9
    case "A"..."Z": return 0.68
    case ".", ",", ":", ";", "'", "!", "|", "′": return 0.27
    case "(", ")", "[", "]", "{", "}", "/": return 0.33
    case "−", "+", "=", "×", "±", "<", ">", "≤", "≥", "≈", "∼": return 0.78
    case "·": return 0.28
    case "∞", "∝": return 0.8
    case "…", "⋯": return 0.9
    default:
      return c.isLetter ? 0.55 : 0.6
    }
  }

  /// Width in user units of plain `text` at `fontSize`.
  static func width(_ text: String, fontSize: Double) -> Double {
    text.reduce(0) { $0 + advance($1) } * fontSize
  }
}

/// Escaping of text for XML content and attribute values.
enum XML {
  /// `text` with `&`, `<`, `>`, `"` and `'` replaced by entities, and control characters
  /// other than tab and newline (not allowed in XML 1.0) removed.
  static func escape(_ text: String) -> String {
    var out = ""
    out.reserveCapacity(text.utf8.count)
    for scalar in text.unicodeScalars {
      switch scalar {
      case "&": out += "&amp;"
      case "<": out += "&lt;"
      case ">": out += "&gt;"
      case "\"": out += "&quot;"
      case "'": out += "&#39;"
      case "\t", "\n": out.unicodeScalars.append(scalar)
      default:
        if scalar.value < 0x20 || (0xFFFE...0xFFFF).contains(scalar.value)
          || (0xD800...0xDFFF).contains(scalar.value)
        {
          continue
        }
        out.unicodeScalars.append(scalar)
      }
    }
    return out
  }
}
