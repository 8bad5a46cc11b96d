import Foundation

/// A chapter's text as read from disk, checked to be UTF-8.
public struct SourceFile: Sendable, Hashable {
  /// How diagnostics name the file, e.g. `chapters/02-two-point.md`.
  public var displayPath: String
  public var text: String

  public init(displayPath: String, text: String) {
    self.displayPath = displayPath
    self.text = text
  }

  /// Reads `url`; a file that cannot be read or is not UTF-8 is a ``Diagnostic`` naming the
  /// first offending byte (`chapters/x.md: not UTF-8 at byte 1234`). A UTF-8 byte-order mark is
  /// dropped; CRLF line ends are kept (cmark-gfm handles them).
  public static func read(_ url: URL, displayPath: String) throws(Diagnostic) -> SourceFile {
    let data: Data
    do {
      data = try Data(contentsOf: url)
    } catch {
      throw Diagnostic(file: displayPath, message: "cannot read file (\(Self.reason(error)))")
    }
    var bytes = [UInt8](data)
    if bytes.starts(with: [0xEF, 0xBB, 0xBF]) { bytes.removeFirst(3) }
    if let offset = firstInvalidUTF8Byte(bytes) {
      throw Diagnostic(file: displayPath, message: "not UTF-8 at byte \(offset)")
    }
    if let nul = bytes.firstIndex(of: 0) {
      throw Diagnostic(file: displayPath, message: "contains a NUL byte at byte \(nul): not a text file")
    }
    return SourceFile(displayPath: displayPath, text: String(decoding: bytes, as: UTF8.self))
  }

  private static func reason(_ error: Error) -> String {
    let ns = error as NSError
    if let underlying = ns.userInfo[NSUnderlyingErrorKey] as? NSError, underlying.domain == NSPOSIXErrorDomain
    {
      return String(cString: strerror(Int32(underlying.code)))
    }
    return ns.localizedDescription
  }

  /// The offset of the first byte that is not part of a well-formed UTF-8 sequence (RFC 3629:
  /// no overlongs, no surrogates, nothing above U+10FFFF), or nil.
  public static func firstInvalidUTF8Byte(_ bytes: [UInt8]) -> Int? {
    var i = 0
    let n = bytes.count
    while i < n {
      let b = bytes[i]
      if b < 0x80 {
        i += 1
        continue
      }
      let length: Int
      var lower: UInt8 = 0x80
      var upper: UInt8 = 0xBF
      switch b {
      case 0xC2...0xDF: length = 2
      case 0xE0:
        length = 3
        lower = 0xA0
      case 0xE1...0xEC, 0xEE...0xEF: length = 3
      case 0xED:
        length = 3
        upper = 0x9F
      case 0xF0:
        length = 4
        lower = 0x90
      case 0xF1...0xF3: length = 4
      case 0xF4:
        length = 4
        upper = 0x8F
      default: return i
      }
      guard i + length <= n else { return i }
      if bytes[i + 1] < lower || bytes[i + 1] > upper { return i }
      for k in 2..<max(2, length) where bytes[i + k] & 0xC0 != 0x80 { return i }
      i += length
    }
    return nil
  }
}
