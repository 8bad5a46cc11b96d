import Foundation
import Site

/// The API reference as the build uses it: its rendered pages and, per USR, where a name in a
/// listing links. Codable, so that a warm build reads one cache file instead of decoding the
/// symbol graphs and rendering every doc comment again.
public struct BuiltReference: Sendable, Codable {
  /// Where a documented symbol's name links, and for an initializer, its type's entry (used
  /// when the initializer is called by the type's name).
  public struct Link: Sendable, Codable {
    var href: String
    var title: String
    var typeName: String?
    var typeHref: String?
    var typeTitle: String?
  }

  /// One entry as the search index takes it: where it is, its name, and its doc comment as
  /// text (Markdown source: words and TeX, as a reader would search them).
  public struct SearchEntry: Sendable, Codable, Equatable {
    /// The module page (`reference-Criticality.html`) and its title.
    public var href: String
    public var pageTitle: String
    /// The entry's `id` on that page, and its path (`MLP.ensemble(inputs:samples:seed:)`).
    public var anchor: String
    public var heading: String
    public var text: String
  }

  public var modules: [String]
  public var symbols: Int
  public var undocumented: Int
  /// The site's reference pages, one per module.
  public var pages: [ChapterPage]
  var links: [String: Link]
  /// Every entry of every module page, in page order (modules, then DocC's order within).
  public var searchEntries: [SearchEntry]

  /// The pages and links of `reference`.
  public init(_ reference: APIReference) {
    modules = reference.modules.map(\.name)
    symbols = reference.symbolCount
    undocumented = reference.undocumentedCount
    pages = ReferencePages.pages(reference)
    var links: [String: Link] = [:]
    for (usr, entry) in reference.entries where entry.isDocumented {
      var link = Link(href: ReferencePages.href(entry), title: entry.summaryText)
      if entry.kind == "swift.init", let parent = entry.parent.flatMap({ reference.entries[$0] }),
        parent.isDocumented
      {
        link.typeName = parent.title
        link.typeHref = ReferencePages.href(parent)
        link.typeTitle = parent.summaryText
      }
      links[usr] = link
    }
    self.links = links
    var searchEntries: [SearchEntry] = []
    for module in reference.modules {
      let href = ReferencePages.slug(of: module.name) + ".html"
      let pageTitle =
        pages.first { $0.slug == ReferencePages.slug(of: module.name) }?.titleText ?? module.name
      func add(_ usr: String) {
        guard let entry = reference.entries[usr] else { return }
        var text: [String] = []
        if let doc = entry.doc ?? entry.inheritedDoc {
          text = [doc.summary, doc.discussion] + doc.parameters.map { "\($0.name): \($0.text)" }
          text += [doc.returns, doc.throwsText].compactMap { $0 }
        }
        searchEntries.append(
          SearchEntry(
            href: href, pageTitle: pageTitle, anchor: entry.anchor,
            heading: entry.path.joined(separator: "."),
            text: text.filter { !$0.isEmpty }.joined(separator: "\n")))
        entry.members.forEach(add)
      }
      module.topLevel.forEach(add)
    }
    self.searchEntries = searchEntries
  }

  /// The entry a name resolved by the compiler links to (`typeName`: the name as written, when
  /// it is an initializer called by its type's name), if it is documented.
  public func link(usr: String, typeName: String? = nil) -> (href: String, title: String)? {
    guard let link = links[usr] else { return nil }
    if let typeName, typeName == link.typeName, let href = link.typeHref {
      return (href, link.typeTitle ?? "")
    }
    return (link.href, link.title)
  }
}
