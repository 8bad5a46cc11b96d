/// Small text helpers for building page contexts.
enum HTMLText {
  /// Percent-encodes a file name for use in a relative URL (`href`): keeps RFC 3986
  /// unreserved characters and non-ASCII text, encodes the rest byte by byte.
  static func urlPath(_ name: String) -> String {
    var out = ""
    for scalar in name.unicodeScalars {
      if !scalar.isASCII
        || scalar.properties.isAlphabetic || ("0"..."9").contains(scalar)
        || "-._~".unicodeScalars.contains(scalar)
      {
        out.unicodeScalars.append(scalar)
      } else {
        for byte in String(scalar).utf8 {
          out += "%" + String(byte, radix: 16, uppercase: true).leftPadded(to: 2)
        }
      }
    }
    return out
  }
}

extension String {
  fileprivate func leftPadded(to width: Int) -> String {
    count >= width ? self : String(repeating: "0", count: width - count) + self
  }
}
