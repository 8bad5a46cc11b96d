/// Adds a self-link `<a class="anchor" href="#ID" aria-label="Link to this section">¶</a>` at
/// the end of every `<h2>`…`<h6>` element that has an `id` attribute, so readers can copy a
/// link to a section (CSS shows it on hover). Headings that already contain `class="anchor"`
/// and `<h1>` are left alone; everything else is copied byte for byte. Linear in the length.
enum HeadingAnchors {
  static func add(to html: String) -> String {
    let bytes = Array(html.utf8)
    var out: [UInt8] = []
    out.reserveCapacity(bytes.count + 256)
    var i = 0
    var pending: (level: UInt8, id: [UInt8])? = nil
    while i < bytes.count {
      guard bytes[i] == UInt8(ascii: "<"), i + 3 < bytes.count else {
        out.append(bytes[i])
        i += 1
        continue
      }
      let isClose = bytes[i + 1] == UInt8(ascii: "/")
      let h = isClose ? i + 2 : i + 1
      if h + 2 < bytes.count, bytes[h] | 0x20 == UInt8(ascii: "h"),
        (UInt8(ascii: "2")...UInt8(ascii: "6")).contains(bytes[h + 1]),
        [UInt8(ascii: ">"), UInt8(ascii: " "), UInt8(ascii: "\t"), UInt8(ascii: "\n")].contains(bytes[h + 2])
      {
        let level = bytes[h + 1]
        if isClose, let open = pending, open.level == level {
          out.append(contentsOf: anchor(for: open.id))
          pending = nil
        } else if !isClose, let end = bytes[h...].firstIndex(of: UInt8(ascii: ">")) {
          let tag = Array(bytes[i...end])
          if let id = idAttribute(in: tag), !containsAnchor(bytes, from: end) {
            pending = (level, id)
          } else {
            pending = nil
          }
        }
      }
      out.append(bytes[i])
      i += 1
    }
    return String(decoding: out, as: UTF8.self)
  }

  private static func anchor(for id: [UInt8]) -> [UInt8] {
    Array("<a class=\"anchor\" href=\"#".utf8) + id
      + Array("\" aria-label=\"Link to this section\">¶</a>".utf8)
  }

  /// The raw (still HTML-escaped) value of `id="…"` or `id='…'` in an opening tag.
  static func idAttribute(in tag: [UInt8]) -> [UInt8]? {
    var k = 0
    while k + 4 < tag.count {
      let before = tag[k]
      if before == UInt8(ascii: " ") || before == UInt8(ascii: "\t") || before == UInt8(ascii: "\n"),
        tag[k + 1] | 0x20 == UInt8(ascii: "i"), tag[k + 2] | 0x20 == UInt8(ascii: "d"),
        tag[k + 3] == UInt8(ascii: "=")
      {
        let quote = tag[k + 4]
        guard quote == UInt8(ascii: "\"") || quote == UInt8(ascii: "'") else { return nil }
        guard let close = tag[(k + 5)...].firstIndex(of: quote), close > k + 5 else { return nil }
        return Array(tag[(k + 5)..<close])
      }
      k += 1
    }
    return nil
  }

  /// Whether the heading starting after `start` already holds an anchor before its end.
  private static func containsAnchor(_ bytes: [UInt8], from start: Int) -> Bool {
    let needle = Array("class=\"anchor\"".utf8)
    var k = start
    while k + needle.count <= bytes.count {
      if bytes[k] == UInt8(ascii: "<"), k + 2 < bytes.count, bytes[k + 1] == UInt8(ascii: "/"),
        bytes[k + 2] | 0x20 == UInt8(ascii: "h")
      {
        return false
      }
      if bytes[k] == needle[0], Array(bytes[k..<(k + needle.count)]) == needle { return true }
      k += 1
    }
    return false
  }
}
