import Foundation
import Markdown
import Notebook
import Reference
import Search
import Site

/// What the build made of the libraries' API reference (printed by `notes build`).
public struct APIReferenceSummary: Sendable, Hashable {
  public var modules: [String]
  public var symbols: Int
  /// Public symbols without a doc comment of their own (listed on each module's page).
  public var undocumented: Int
  /// Whether the symbol graphs were extracted by this build (false: the cached ones were read).
  public var extracted: Bool
  /// Time spent on the reference: extraction (if any), reading and rendering.
  public var seconds: Double
}

extension Book {
  /// Bumped when the reference's pages or links are made differently: part of the cache key.
  static let referenceFormat = "notes-reference-v4"

  /// The API reference of the libraries chapters were compiled against (its pages and the
  /// links it gives to names in listings), from `<cache>/reference.json` when it was made for
  /// the same libraries; nil (with a warning) if the symbol graphs cannot be extracted or read:
  /// the chapters are still built.
  static func apiReference(
    _ libraries: LibrarySet?, cacheDirectory: URL, environment: [String: String], warnings: inout [Diagnostic]
  ) -> (reference: BuiltReference, summary: APIReferenceSummary)? {
    guard let libraries, APIReferenceSwitch.isOn(environment) else { return nil }
    let start = Date()
    let key = "\(referenceFormat)\0\(libraries.hash)\0\(libraries.modules.joined(separator: ","))"
    let cacheFile = cacheDirectory.appendingPathComponent("reference.json")
    struct Cached: Codable {
      var key: String
      var reference: BuiltReference
    }
    func summary(_ reference: BuiltReference, extracted: Bool) -> APIReferenceSummary {
      APIReferenceSummary(
        modules: reference.modules, symbols: reference.symbols, undocumented: reference.undocumented,
        extracted: extracted, seconds: Date().timeIntervalSince(start))
    }
    if let data = try? Data(contentsOf: cacheFile),
      let cached = try? JSONDecoder().decode(Cached.self, from: data),
      cached.key == key
    {
      return (cached.reference, summary(cached.reference, extracted: false))
    }
    let graphs: SymbolGraphs
    let reference: BuiltReference
    do {
      graphs = try SymbolGraphs.prepare(libraries, environment: environment)
      reference = BuiltReference(try APIReference.read(graphs.files.map(\.url)))
    } catch let diagnostic as Diagnostic {
      warnings.append(Diagnostic(file: diagnostic.file, severity: .warning, message: diagnostic.message))
      return nil
    } catch {
      warnings.append(
        Diagnostic(
          file: libraries.inputs.base.appendingPathComponent("symbol-graphs").path, severity: .warning,
          message: "the API reference was left out: cannot read the symbol graphs (\(error))"))
      return nil
    }
    // Stored like chapter results: written whole, then renamed (a torn file is a miss).
    let encoder = JSONEncoder()
    encoder.outputFormatting = [.sortedKeys]
    if let data = try? encoder.encode(Cached(key: key, reference: reference)) {
      try? FileManager.default.createDirectory(at: cacheDirectory, withIntermediateDirectories: true)
      let temporary = cacheDirectory.appendingPathComponent(".reference.\(getpid()).tmp")
      if (try? data.write(to: temporary)) != nil { _ = rename(temporary.path, cacheFile.path) }
    }
    return (reference, summary(reference, extracted: graphs.extracted))
  }

  /// The link of a name in a listing: to its entry if it has a doc comment.
  static func codeLink(_ reference: BuiltReference?) -> @Sendable (CodeReference) -> CodeLink? {
    { code in
      guard let target = reference?.link(usr: code.usr, typeName: code.isTypeName ? code.name : nil) else {
        return nil
      }
      return CodeLink(href: target.href, title: target.title)
    }
  }

  /// The API reference's module pages as search pages: one section per entry (its path as the
  /// heading, its doc comment as the text), after the chapters in the index.
  static func referenceSearchPages(_ reference: BuiltReference?) -> [SearchIndex.Page] {
    guard let reference else { return [] }
    var pages: [SearchIndex.Page] = []
    for entry in reference.searchEntries {
      if pages.last?.href != entry.href {
        pages.append(
          SearchIndex.Page(
            href: entry.href, title: entry.pageTitle, sections: [SearchIndex.Section(anchor: "", heading: "")]
          ))
      }
      pages[pages.count - 1].sections.append(
        SearchIndex.Section(anchor: entry.anchor, heading: entry.heading, text: entry.text))
    }
    return pages
  }
}
