/// JSON string literals that are also safe inside an HTML `<script>` element's text.
enum JSONText {
  /// `text` as a JSON string literal: quotes, backslashes and control characters escaped, and
  /// `<`, `>`, `&`, U+2028 and U+2029 as `\uXXXX` (so `</script>` cannot end the script and
  /// old JavaScript parsers accept the line separators), and the private-use characters the
  /// Markdown layer reserves as markers too. Everything else is kept as is.
  static func string(_ text: String) -> String {
    var out = "\""
    out.reserveCapacity(text.utf8.count + 2)
    for scalar in text.unicodeScalars {
      switch scalar {
      case "\"": out += "\\\""
      case "\\": out += "\\\\"
      case "\n": out += "\\n"
      case "\r": out += "\\r"
      case "\t": out += "\\t"
      case "<", ">", "&", "\u{2028}", "\u{2029}", "\u{E000}"..."\u{E00F}":
        out += "\\u" + hex4(scalar.value)
      default:
        if scalar.value < 0x20 {
          out += "\\u" + hex4(scalar.value)
        } else {
          out.unicodeScalars.append(scalar)
        }
      }
    }
    return out + "\""
  }

  private static func hex4(_ value: UInt32) -> String {
    let digits = String(value, radix: 16)
    return String(repeating: "0", count: max(0, 4 - digits.count)) + digits
  }
}
