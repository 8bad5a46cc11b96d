/// Picks which KaTeX font files to ship and trims `katex.min.css` to match.
enum KaTeXFonts {
  /// Browser font formats, best first.
  static let formats = ["woff2", "woff", "ttf"]

  /// For each font face (file name without extension) the file in the best available format;
  /// sorted by name. Names with other extensions are ignored.
  static func choose(from names: [String]) -> [String] {
    var best: [String: (rank: Int, name: String)] = [:]
    for name in names {
      guard let dot = name.lastIndex(of: ".") else { continue }
      let face = String(name[..<dot])
      let ext = String(name[name.index(after: dot)...]).lowercased()
      guard let rank = formats.firstIndex(of: ext) else { continue }
      if let current = best[face], current.rank <= rank { continue }
      best[face] = (rank, name)
    }
    return best.values.map(\.name).byteSorted()
  }

  /// Rewrites every `src:` list of the stylesheet's `@font-face` rules to keep only the
  /// `url(fonts/NAME) format(…)` entries whose NAME is in `kept`, so the CSS names no file
  /// that is not shipped. A list with no kept entry is left unchanged.
  static func trimFontURLs(in css: String, keeping kept: Set<String>) -> String {
    var out = ""
    var rest = Substring(css)
    while let src = rest.range(of: "src:") {
      out += rest[..<src.upperBound]
      rest = rest[src.upperBound...]
      let end = rest.firstIndex(where: { $0 == ";" || $0 == "}" }) ?? rest.endIndex
      let list = rest[..<end]
      let entries = list.split(separator: ",", omittingEmptySubsequences: false)
      let keptEntries = entries.filter { entry in
        guard let open = entry.range(of: "url("), let close = entry[open.upperBound...].firstIndex(of: ")")
        else { return true }
        var url = entry[open.upperBound..<close]
        url = url.trimmingQuotes()
        guard url.hasPrefix("fonts/") else { return true }
        return kept.contains(String(url.dropFirst("fonts/".count)))
      }
      out += keptEntries.isEmpty ? String(list) : keptEntries.joined(separator: ",")
      rest = rest[end...]
    }
    out += rest
    return out
  }
}

extension Substring {
  fileprivate func trimmingQuotes() -> Substring {
    var s = self
    while let f = s.first, f == "\"" || f == "'" || f == " " { s = s.dropFirst() }
    while let l = s.last, l == "\"" || l == "'" || l == " " { s = s.dropLast() }
    return s
  }
}
