import Foundation

/// The page templates, stylesheet and extra files of a site: the compiled-in defaults, each
/// replaced by the file of the same name in a user's `theme/` folder when present.
///
/// `theme/page.mustache`, `theme/index.mustache`, `theme/print.mustache` and `theme/style.css` replace the defaults;
/// any other `NAME.mustache` at the top of `theme/` is a partial (`{{> NAME}}`); every other
/// file under `theme/` (not hidden, not a template) is copied to `assets/theme/` with its
/// relative path. Symlinks to files are read through; symlinks to folders are skipped.
struct Theme {
  var pageTemplate: Source
  var indexTemplate: Source
  /// `print.html`, the whole book on one page (`theme/print.mustache`).
  var printTemplate = Source(text: DefaultPrintTemplate.text, origin: "default print template")
  var styleSheet: String
  var partials: [(name: String, source: Source)] = []
  /// Files for `assets/theme/`, keyed by path relative to `theme/`, sorted.
  var files: [(path: String, data: Data)] = []

  /// A template's text and where it came from, for error messages.
  struct Source {
    var text: String
    var origin: String
    /// The theme file it was read from; nil for a compiled-in default.
    var file: String? = nil
  }

  static let defaults = Theme(
    pageTemplate: Source(text: DefaultPageTemplate.text, origin: "default page template"),
    indexTemplate: Source(text: DefaultIndexTemplate.text, origin: "default index template"),
    styleSheet: DefaultStyleSheet.text,
    partials: [
      ("assets", Source(text: DefaultAssetsPartial.text, origin: "default assets partial")),
      ("pager", Source(text: DefaultPagerPartial.text, origin: "default pager partial")),
      ("sections", Source(text: DefaultSectionsPartial.text, origin: "default sections partial")),
      ("search", Source(text: DefaultSearchPartial.text, origin: "default search partial")),
      ("cover", Source(text: DefaultCoverPartial.text, origin: "default cover partial")),
      ("tocChapter", Source(text: DefaultTocChapterPartial.text, origin: "default tocChapter partial")),
      (
        "referenceLinks",
        Source(text: DefaultReferenceLinksPartial.text, origin: "default referenceLinks partial")
      ),
    ]
  )

  /// Loads `directory` over the defaults; a nil or missing directory gives the defaults.
  static func load(from directory: URL?) throws -> Theme {
    var theme = Theme.defaults
    guard let directory else { return theme }
    let root = directory.path
    switch FileSystem.resolvedKind(root) {
    case .missing: return theme
    case .directory: break
    default: throw SiteError(at: root, "the theme path is not a folder")
    }
    for name in FileSystem.sortedNames(in: root) ?? [] where !name.hasPrefix(".") {
      let path = root + "/" + name
      guard FileSystem.resolvedKind(path) == .regularFile else { continue }
      switch name {
      case "page.mustache": theme.pageTemplate = Source(text: try readText(path), origin: path, file: path)
      case "index.mustache": theme.indexTemplate = Source(text: try readText(path), origin: path, file: path)
      case "print.mustache": theme.printTemplate = Source(text: try readText(path), origin: path, file: path)
      case "style.css": theme.styleSheet = try readText(path)
      default:
        if name.hasSuffix(".mustache") {
          let partial = String(name.dropLast(".mustache".count))
          // A user's partial replaces a default one of the same name.
          theme.partials.removeAll { $0.name == partial }
          theme.partials.append((partial, Source(text: try readText(path), origin: path, file: path)))
        }
      }
    }
    theme.files = try collectFiles(root: root, relative: "")
    return theme
  }

  /// Every non-template, non-hidden regular file below `root/relative`, sorted by path.
  private static func collectFiles(root: String, relative: String) throws -> [(path: String, data: Data)] {
    let folder = relative.isEmpty ? root : root + "/" + relative
    var result: [(path: String, data: Data)] = []
    for name in FileSystem.sortedNames(in: folder) ?? [] where !name.hasPrefix(".") {
      let rel = relative.isEmpty ? name : relative + "/" + name
      let path = root + "/" + rel
      let isSymlink = FileSystem.kind(path) == .symlink
      switch FileSystem.resolvedKind(path) {
      case .directory where !isSymlink:
        result += try collectFiles(root: root, relative: rel)
      case .regularFile:
        if relative.isEmpty && (name == "style.css" || name.hasSuffix(".mustache")) { continue }
        if name.hasSuffix(".mustache") { continue }
        guard let data = FileManager.default.contents(atPath: path) else {
          throw SiteError(at: path, "cannot read theme file")
        }
        result.append((rel, data))
      default:
        continue
      }
    }
    return result
  }

  private static func readText(_ path: String) throws -> String {
    guard let data = FileManager.default.contents(atPath: path) else {
      throw SiteError(at: path, "cannot read theme file")
    }
    guard let text = String(data: data, encoding: .utf8) else {
      throw SiteError(at: path, "not UTF-8")
    }
    return text
  }
}
