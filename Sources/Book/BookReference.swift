import Foundation
import Markdown
import Notebook
import Reference
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
  /// The API reference of the libraries chapters were compiled against, its pages, and the
  /// links it gives to names in listings; nil (with a warning) if the symbol graphs cannot be
  /// extracted or read: the chapters are still built.
  static func apiReference(
    _ libraries: LibrarySet?, environment: [String: String], warnings: inout [Diagnostic]
  ) -> (
    reference: APIReference, pages: [ChapterPage], summary: APIReferenceSummary
  )? {
    guard let libraries, APIReferenceSwitch.isOn(environment) else { return nil }
    let start = Date()
    let graphs: SymbolGraphs
    let reference: APIReference
    do {
      graphs = try SymbolGraphs.prepare(libraries, environment: environment)
      reference = try APIReference.read(graphs.files.map(\.url))
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
    let pages = ReferencePages.pages(reference)
    let summary = APIReferenceSummary(
      modules: reference.modules.map(\.name), symbols: reference.symbolCount,
      undocumented: reference.undocumentedCount, extracted: graphs.extracted,
      seconds: Date().timeIntervalSince(start))
    return (reference, pages, summary)
  }

  /// The link of a name in a listing: to its entry if it has a doc comment.
  static func codeLink(_ reference: APIReference?) -> (CodeReference) -> CodeLink? {
    { code in
      guard let reference,
        let entry = reference.entry(usr: code.usr, typeName: code.isTypeName ? code.name : nil),
        entry.isDocumented
      else { return nil }
      return CodeLink(href: ReferencePages.href(entry), title: entry.summaryText)
    }
  }
}
