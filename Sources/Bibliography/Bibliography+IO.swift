import Foundation
import Markdown

extension Bibliography {
  /// Reads a `.bib` already read from disk (diagnostics name `source.displayPath`).
  public init(source: SourceFile) {
    self.init(parsing: source.text, file: source.displayPath)
  }

  /// Reads the `.bib` at `url`, checked to be UTF-8 like a chapter (``SourceFile/read(_:displayPath:)``);
  /// what is wrong inside it is in ``diagnostics``.
  public static func read(_ url: URL, displayPath: String = "references.bib") throws(Diagnostic)
    -> Bibliography
  {
    Bibliography(source: try SourceFile.read(url, displayPath: displayPath))
  }

  /// A reference list of `keys` (sorted, each once, unknown keys left out) as HTML: an
  /// `<ol class="references">` whose items carry the anchors ``anchor(for:)``; empty when none
  /// is known.
  public func referenceListHTML(_ keys: some Sequence<String>) -> String {
    let items = sorted(keys)
    guard !items.isEmpty else { return "" }
    var out = "<ol class=\"references\">\n"
    for entry in items {
      let id = HTMLEscaping.escape(Bibliography.anchor(for: entry.key))
      out += "<li id=\"\(id)\">\(referenceHTML(entry.key) ?? "")</li>\n"
    }
    return out + "</ol>\n"
  }
}
