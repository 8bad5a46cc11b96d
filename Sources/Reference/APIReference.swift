import Foundation

/// The public API of the chapter libraries, from their symbol graphs: one ``Module`` per
/// library module, its symbols nested under their types and ordered as DocC orders a page
/// (topic groups by kind, then by name).
public struct APIReference: Sendable {
  /// One documented symbol (or an undocumented one, listed as such).
  public struct Entry: Sendable {
    /// The symbol graph's precise identifier (the compiler's USR).
    public var usr: String
    /// `swift.struct`, `swift.method`, …
    public var kind: String
    /// The symbol's name (`ensemble(inputs:samples:seed:)`) and its path from the module
    /// (`["MLP", "ensemble(inputs:samples:seed:)"]`).
    public var title: String
    public var path: [String]
    public var declaration: [SymbolGraph.Fragment]
    /// Its own doc comment; nil when it has none (an inherited one is in `inheritedDoc`).
    public var doc: DocComment?
    /// The doc comment of the requirement it implements, from another module (e.g. Swift's
    /// `description`), shown but not counted as documentation.
    public var inheritedDoc: DocComment?
    /// The `id` of its entry on the module's page: its path, with characters other than
    /// letters, digits, `.`, `_` and `-` spelled out (``anchor(for:)``); an overload's with the
    /// start of its USR's hash.
    public var anchor: String
    /// The USR of the type it is a member of, if it is one.
    public var parent: String?
    /// Its members, in page order.
    public var members: [String] = []
    /// The module whose page lists it.
    public var module: String

    /// It has a doc comment: its own, or the one of the protocol requirement it implements
    /// (DocC shows that one too).
    public var isDocumented: Bool { doc != nil || inheritedDoc != nil }

    /// The first paragraph of its doc comment as plain text, for a link's hover title.
    public var summaryText: String {
      (doc ?? inheritedDoc)?.summary.replacingOccurrences(of: "`", with: "")
        .split(whereSeparator: \.isWhitespace).joined(separator: " ") ?? ""
    }
  }

  public struct Module: Sendable {
    public var name: String
    /// Top-level symbols in page order.
    public var topLevel: [String]
    /// Every symbol of the module without a doc comment (own or inherited), in page order.
    public var undocumented: [String]
    /// How many public symbols the module has.
    public var symbolCount: Int
  }

  public var modules: [Module]
  public var entries: [String: Entry]

  /// Symbols whose USR marks them as synthesized by the compiler are not the author's API.
  static func isSynthesized(_ usr: String) -> Bool { usr.contains("::SYNTHESIZED::") }

  /// The reference for the modules' graphs, in the given order.
  public init(graphs: [SymbolGraph]) {
    var entries: [String: Entry] = [:]
    var modules: [Module] = []
    for graph in graphs {
      let module = graph.module.name
      let symbols = graph.symbols.filter { !Self.isSynthesized($0.identifier.precise) }
      let usrs = Set(symbols.map(\.identifier.precise))
      var parents: [String: String] = [:]
      for relation in graph.relationships where relation.kind == "memberOf" && usrs.contains(relation.target)
      {
        parents[relation.source] = parents[relation.source] ?? relation.target
      }
      var local: [String: Entry] = [:]
      for symbol in symbols {
        let usr = symbol.identifier.precise
        let comment = symbol.docComment.map { DocComment(lines: $0.lines.map(\.text)) }
        let own = symbol.docComment.map { $0.module == nil || $0.module == module } ?? false
        local[usr] = Entry(
          usr: usr, kind: symbol.kind.identifier, title: symbol.names.title, path: symbol.pathComponents,
          declaration: symbol.declarationFragments ?? [], doc: own ? comment : nil,
          inheritedDoc: own ? nil : comment, anchor: "", parent: parents[usr], module: module)
      }
      // Anchors: the path, made safe; overloads (same path) told apart by their USR's hash.
      let byAnchor = Dictionary(grouping: local.keys, by: { Self.anchor(for: local[$0]!.path) })
      for (anchor, group) in byAnchor {
        for usr in group {
          local[usr]!.anchor = group.count == 1 ? anchor : anchor + "-" + Self.shortHash(usr)
        }
      }
      // Members under their type, in DocC's order.
      var children: [String: [String]] = [:]
      for (usr, entry) in local { if let parent = entry.parent { children[parent, default: []].append(usr) } }
      for (parent, members) in children {
        local[parent]!.members = members.sorted { Self.precedes(local[$0]!, local[$1]!) }
      }
      let topLevel = local.values.filter { $0.parent == nil }.sorted(by: Self.precedes).map(\.usr)
      var ordered: [String] = []
      func walk(_ usr: String) {
        ordered.append(usr)
        for member in local[usr]!.members { walk(member) }
      }
      for usr in topLevel { walk(usr) }
      modules.append(
        Module(
          name: module, topLevel: topLevel, undocumented: ordered.filter { !local[$0]!.isDocumented },
          symbolCount: local.count))
      entries.merge(local) { first, _ in first }
    }
    self.modules = modules
    self.entries = entries
  }

  /// Reads the graph files and builds the reference.
  public static func read(_ files: [URL]) throws -> APIReference {
    APIReference(graphs: try files.map(SymbolGraph.read))
  }

  /// DocC's topic groups, in page order: types, then members by kind.
  static let groups: [(kinds: [String], title: String)] = [
    (["swift.protocol"], "Protocols"),
    (["swift.class"], "Classes"),
    (["swift.struct"], "Structures"),
    (["swift.enum"], "Enumerations"),
    (["swift.typealias"], "Type Aliases"),
    (["swift.init"], "Initializers"),
    (["swift.enum.case"], "Enumeration Cases"),
    (["swift.property"], "Instance Properties"),
    (["swift.method"], "Instance Methods"),
    (["swift.subscript"], "Subscripts"),
    (["swift.type.property"], "Type Properties"),
    (["swift.type.method"], "Type Methods"),
    (["swift.func"], "Functions"),
    (["swift.var"], "Variables"),
    (["swift.func.op"], "Operators"),
    (["swift.associatedtype"], "Associated Types"),
  ]

  /// The title of the group that `kind` belongs to, and its place in the page.
  public static func group(of kind: String) -> (rank: Int, title: String) {
    if let index = groups.firstIndex(where: { $0.kinds.contains(kind) }) {
      return (index, groups[index].title)
    }
    return (groups.count, "Other")
  }

  /// Page order: by group, then by name (byte order), then by USR.
  static func precedes(_ a: Entry, _ b: Entry) -> Bool {
    let ga = group(of: a.kind).rank
    let gb = group(of: b.kind).rank
    if ga != gb { return ga < gb }
    if a.title != b.title { return a.title.utf8.lexicographicallyPrecedes(b.title.utf8) }
    return a.usr.utf8.lexicographicallyPrecedes(b.usr.utf8)
  }

  /// `["MLP", "ensemble(inputs:samples:seed:)"]` → `MLP.ensemble(inputs:samples:seed:)` with
  /// every character but ASCII letters, digits, `.`, `_`, `(`, `)`, `:` and `-` written `~XX`
  /// (its UTF-8 bytes in hex), so operators get ids too: `Estimate.~2B(_:_:)`.
  public static func anchor(for path: [String]) -> String {
    var out = ""
    for byte in path.joined(separator: ".").utf8 {
      let scalar = Unicode.Scalar(byte)
      if (byte < 0x80 && (Character(scalar).isLetter || Character(scalar).isNumber))
        || "._():-".unicodeScalars.contains(scalar)
      {
        out.unicodeScalars.append(scalar)
      } else {
        out += "~" + String(byte, radix: 16, uppercase: true)
      }
    }
    return out
  }

  /// The entry of a name the compiler resolved in a listing: the declaration's own entry, or
  /// for an initializer called by its type's name, the type's.
  public func entry(usr: String, typeName: String? = nil) -> Entry? {
    guard let entry = entries[usr] else { return nil }
    if let typeName, entry.kind == "swift.init", let parent = entry.parent.flatMap({ entries[$0] }),
      parent.title == typeName
    {
      return parent
    }
    return entry
  }

  /// 8 hex digits of the FNV-1a hash of `text`: stable across builds and machines.
  static func shortHash(_ text: String) -> String {
    var hash: UInt64 = 0xcbf2_9ce4_8422_2325
    for byte in text.utf8 {
      hash ^= UInt64(byte)
      hash = hash &* 0x100_0000_01b3
    }
    let hex = String(hash, radix: 16)
    return String((String(repeating: "0", count: 16 - hex.count) + hex).prefix(8))
  }

  /// Every public symbol without its own doc comment, over all modules.
  public var undocumentedCount: Int { modules.reduce(0) { $0 + $1.undocumented.count } }
  public var symbolCount: Int { modules.reduce(0) { $0 + $1.symbolCount } }
}
