import Foundation

/// The parts of a symbol graph file (`<Module>.symbols.json`, as `swift-symbolgraph-extract`
/// writes it) that the reference uses.
public struct SymbolGraph: Sendable, Decodable {
  public struct Module: Sendable, Decodable {
    public var name: String
  }

  public struct Fragment: Sendable, Decodable, Hashable {
    /// `keyword`, `identifier`, `typeIdentifier`, `externalParam`, `text`, …
    public var kind: String
    public var spelling: String
    /// The USR of the type a `typeIdentifier` names.
    public var preciseIdentifier: String?
  }

  public struct DocComment: Sendable, Decodable {
    public struct Line: Sendable, Decodable {
      public var text: String
    }
    /// The module whose source holds the comment (another module's when inherited).
    public var module: String?
    public var lines: [Line]
  }

  public struct Symbol: Sendable, Decodable {
    public struct Kind: Sendable, Decodable {
      /// `swift.struct`, `swift.method`, `swift.init`, …
      public var identifier: String
      public var displayName: String
    }
    public struct Identifier: Sendable, Decodable {
      public var precise: String
    }
    public struct Names: Sendable, Decodable {
      public var title: String
    }
    public struct Location: Sendable, Decodable {
      public struct Position: Sendable, Decodable {
        public var line: Int
        public var character: Int
      }
      public var uri: String
      public var position: Position
    }
    public var kind: Kind
    public var identifier: Identifier
    public var pathComponents: [String]
    public var names: Names
    public var docComment: DocComment?
    public var declarationFragments: [Fragment]?
    public var location: Location?
  }

  public struct Relationship: Sendable, Decodable {
    /// `memberOf`, `conformsTo`, `defaultImplementationOf`, …
    public var kind: String
    public var source: String
    public var target: String
  }

  public var module: Module
  public var symbols: [Symbol]
  public var relationships: [Relationship]

  /// Reads a symbol graph file.
  public static func read(_ url: URL) throws -> SymbolGraph {
    try JSONDecoder().decode(SymbolGraph.self, from: Data(contentsOf: url))
  }
}
