import Foundation

/// Copies of the third-party browser libraries, read from their Debian folders with every
/// symlink resolved, so the site holds real files and can be zipped and moved.
enum VendorAssets {
  /// KaTeX for `assets/`: `katex.min.css` (font URLs trimmed to the copied files),
  /// `katex.min.js` (Debian's is a symlink to the unminified `katex.js`) and `fonts/`, one
  /// file per font face: `.woff2` if present, else `.woff`, else `.ttf`.
  static func katex(from folder: URL) throws -> [(path: String, data: Data)] {
    let root = folder.path
    let install = "install it with `apt-get install libjs-katex`"
    guard FileSystem.resolvedKind(root) == .directory else {
      throw SiteError("KaTeX is needed for math but \(root) does not exist; \(install)")
    }
    let css = try readFirst(["katex.min.css", "katex.css"], in: root, what: "KaTeX", install: install)
    let js = try readFirst(["katex.min.js", "katex.js"], in: root, what: "KaTeX", install: install)
    let fontsFolder = root + "/fonts"
    guard FileSystem.resolvedKind(fontsFolder) == .directory,
      let fontNames = FileSystem.sortedNames(in: fontsFolder)
    else {
      throw SiteError(
        "KaTeX is needed for math but its fonts folder \(fontsFolder) is missing; \(install) (its fonts come with fonts-katex)"
      )
    }
    let chosen = KaTeXFonts.choose(
      from: fontNames.filter { FileSystem.resolvedKind(fontsFolder + "/" + $0) == .regularFile })
    guard !chosen.isEmpty else {
      throw SiteError(
        "KaTeX is needed for math but \(fontsFolder) holds no .woff2/.woff/.ttf fonts; \(install) (its fonts come with fonts-katex)"
      )
    }
    var files: [(path: String, data: Data)] = []
    files.append(
      (
        "katex.min.css",
        Data(KaTeXFonts.trimFontURLs(in: String(decoding: css, as: UTF8.self), keeping: Set(chosen)).utf8)
      ))
    files.append(("katex.min.js", js))
    for name in chosen {
      guard let data = FileManager.default.contents(atPath: fontsFolder + "/" + name) else {
        throw SiteError("cannot read KaTeX font \(fontsFolder)/\(name)")
      }
      files.append(("fonts/" + name, data))
    }
    return files
  }

  /// Style sheets tried, in order, for the light and dark listings.
  static let lightStyles = ["atom-one-light.css", "github.css", "default.css"]
  static let darkStyles = ["atom-one-dark.css", "a11y-dark.css", "dark.css"]

  /// highlight.js for `assets/`: `highlight.min.js` and `highlight-light.css` /
  /// `highlight-dark.css` from its `styles/` folder.
  static func highlightJS(from folder: URL) throws -> [(path: String, data: Data)] {
    let root = folder.path
    let install = "install it with `apt-get install libjs-highlight.js`"
    guard FileSystem.resolvedKind(root) == .directory else {
      throw SiteError("highlight.js is needed for code listings but \(root) does not exist; \(install)")
    }
    let js = try readFirst(
      ["highlight.min.js", "highlight.js"], in: root, what: "highlight.js", install: install)
    let light = try readFirst(
      lightStyles.map { "styles/" + $0 }, in: root, what: "highlight.js", install: install)
    let dark = try readFirst(
      darkStyles.map { "styles/" + $0 }, in: root, what: "highlight.js", install: install)
    return [("highlight-dark.css", dark), ("highlight-light.css", light), ("highlight.min.js", js)]
  }

  /// The contents of the first of `names` that is a readable file in `root`.
  private static func readFirst(_ names: [String], in root: String, what: String, install: String) throws
    -> Data
  {
    for name in names where FileSystem.resolvedKind(root + "/" + name) == .regularFile {
      if let data = FileManager.default.contents(atPath: root + "/" + name) { return data }
    }
    throw SiteError(
      "\(what) is needed but \(root)/\(names[0]) is missing; \(install)")
  }
}
