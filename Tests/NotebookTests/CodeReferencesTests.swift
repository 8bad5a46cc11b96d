import Foundation
import Markdown
import Testing

@testable import Notebook

/// `ASTReferences`: the compiler's JSON AST → the names in blocks (BookTests' `LinkedListingTests`
/// turn them into links in the listing's HTML).
@Suite struct CodeReferencesTests {
  /// A chapter whose second block sits in a block quote: the generator indents its lines.
  static let text = """
    # T

    ```{swift}
    let ens = try net.ensemble(inputs: [[1]], samples: 2, seed: 1)
    ```

    > ```{swift}
    > let ensemble = ens.normalizedFourthCumulant(layer: 1)
    > print(ensemble)
    > ```

    """

  static func program() throws -> (NotebookChapter, ChapterProgram) {
    let chapter = try NotebookChapter(document: Document(parsing: text), file: "chapters/x.md", slug: "x")
    return (chapter, ChapterProgram(chapter: chapter))
  }

  /// The UTF-8 offset of the `occurrence`-th `needle` in `source`.
  static func offset(of needle: String, in source: String, occurrence: Int = 1) -> Int {
    var range = source.startIndex..<source.endIndex
    var found = source.startIndex
    for _ in 0..<occurrence {
      found = source.range(of: needle, range: range)!.lowerBound
      range = source.index(after: found)..<source.endIndex
    }
    return source.utf8.distance(from: source.utf8.startIndex, to: found)
  }

  /// A JSON AST with the nodes the compiler writes for these names.
  static func ast(_ source: String) -> Data {
    let method = offset(of: "ensemble(", in: source)
    let net = offset(of: "net.", in: source)
    let cumulantBase = offset(of: "ens.normalized", in: source)
    let cumulant = offset(of: "normalizedFourthCumulant", in: source)
    let local = offset(of: "ensemble)", in: source)
    let json = """
      {"_kind": "source_file", "items": [
        {"_kind": "declref_expr", "range": {"start": \(method), "end": \(method)},
         "decl": {"base_name": "ensemble", "decl_usr": "s:11Criticality3MLPV8ensembleF"}},
        {"_kind": "declref_expr", "range": {"start": \(net), "end": \(net)},
         "decl": {"base_name": "net", "decl_usr": "s:7chapter3net11Criticality3MLPVvp"}},
        {"_kind": "call_expr", "fn": {"_kind": "declref_expr", "range": {"start": \(cumulant), "end": \(cumulant)},
          "decl": {"base_name": "normalizedFourthCumulant", "decl_usr": "s:11Criticality8EnsembleV24normalizedF"}}},
        {"_kind": "member_ref_expr", "range": {"start": \(cumulantBase), "end": \(cumulant)},
         "decl": {"base_name": "wrongName", "decl_usr": "s:11Criticality8EnsembleV5wrongSivp"}},
        {"_kind": "declref_expr", "range": {"start": \(local), "end": \(local)},
         "decl": {"base_name": "ensemble", "decl_usr": "s:7chapter8ensembleSdvp"}}
      ]}
      """
    return Data(json.utf8)
  }

  @Test func namesMapToTheirBlockLineAndColumnAndLocalsAreLeftOut() throws {
    let (_, program) = try Self.program()
    let references = ASTReferences.references(astJSON: Self.ast(program.source), program: program)
    #expect(references.map(\.name) == ["ensemble", "normalizedFourthCumulant"])
    // `let ens = try net.ensemble(`: column 18 of line 0 of the first block.
    #expect(references.first?.cell == 0 && references.first?.line == 0 && references.first?.column == 18)
    // In the quoted block the generator indented the line by 2; the column is the listing's.
    let cumulant = try #require(references.last)
    #expect(cumulant.line == 0 && cumulant.column == 19 && cumulant.length == 24)
    #expect(cumulant.usr == "s:11Criticality8EnsembleV24normalizedF")
  }
}
