import Markdown
import Notebook

/// Where a name in a listing links: its API reference entry and the entry's one-line summary
/// (plain text, the link's hover title).
public struct CodeLink: Sendable, Hashable {
  public var href: String
  public var title: String
  public init(href: String, title: String) {
    self.href = href
    self.title = title
  }
}

/// A block's code as escaped HTML for `<pre><code>`, with the names that ``CodeReference``s
/// locate wrapped in `<a class="api-link">` when `link` knows their entry.
///
/// highlight.js re-tokenizes the listing in the browser from its text; `assets/notes.js` puts
/// the links back over the highlighted tokens (by character offset), so they survive it.
enum LinkedListing {
  static func html(_ code: String, references: [CodeReference], link: (CodeReference) -> CodeLink?) -> String
  {
    guard !references.isEmpty else { return HTMLEscaping.escape(code) }
    let byLine = Dictionary(grouping: references, by: \.line)
    var out = ""
    let lines = code.split(separator: "\n", omittingEmptySubsequences: false)
    for (number, line) in lines.enumerated() {
      if number > 0 { out += "\n" }
      let bytes = Array(line.utf8)
      var position = 0
      for reference in (byLine[number] ?? []).sorted(by: { $0.column < $1.column }) {
        let end = reference.column + reference.length
        // A reference that overlaps the previous one or does not spell its name here (the code
        // changed under a stale result) is left as text.
        guard reference.column >= position, end <= bytes.count,
          String(decoding: bytes[reference.column..<end], as: UTF8.self) == reference.name,
          let target = link(reference)
        else { continue }
        out += HTMLEscaping.escape(String(decoding: bytes[position..<reference.column], as: UTF8.self))
        out +=
          "<a class=\"api-link\" href=\"\(HTMLEscaping.escape(target.href))\" title=\"\(HTMLEscaping.escape(target.title))\">"
          + HTMLEscaping.escape(reference.name) + "</a>"
        position = end
      }
      out += HTMLEscaping.escape(String(decoding: bytes[position...], as: UTF8.self))
    }
    return out
  }
}
