import Foundation
import Markdown
import Testing

@testable import Reference

/// A symbol graph with a documented struct, its initializer, an overloaded method and an
/// undocumented property, as `swift-symbolgraph-extract` writes one.
let sampleGraph = #"""
  {"module": {"name": "Lib"},
   "symbols": [
    {"kind": {"identifier": "swift.struct", "displayName": "Structure"}, "identifier": {"precise": "s:3Lib3MLPV"},
     "pathComponents": ["MLP"], "names": {"title": "MLP"},
     "docComment": {"module": "Lib", "lines": [{"text": "A network with $n_0$ inputs."}, {"text": ""}, {"text": "More about it."}]},
     "declarationFragments": [{"kind": "keyword", "spelling": "struct"}, {"kind": "text", "spelling": " "}, {"kind": "identifier", "spelling": "MLP"}]},
    {"kind": {"identifier": "swift.init", "displayName": "Initializer"}, "identifier": {"precise": "s:3Lib3MLPV5widthACSi_tcfc"},
     "pathComponents": ["MLP", "init(width:)"], "names": {"title": "init(width:)"},
     "docComment": {"lines": [{"text": "Makes one."}, {"text": "- Parameter width: The width $n$."}]},
     "declarationFragments": [{"kind": "keyword", "spelling": "init"}, {"kind": "text", "spelling": "(width: "}, {"kind": "typeIdentifier", "spelling": "Int", "preciseIdentifier": "s:Si"}, {"kind": "text", "spelling": ")"}]},
    {"kind": {"identifier": "swift.method", "displayName": "Instance Method"}, "identifier": {"precise": "s:3Lib3MLPV4stepSiyF"},
     "pathComponents": ["MLP", "step()"], "names": {"title": "step()"},
     "docComment": {"lines": [{"text": "Steps."}, {"text": "- Returns: The count."}, {"text": "- Throws: Never."}]}},
    {"kind": {"identifier": "swift.method", "displayName": "Instance Method"}, "identifier": {"precise": "s:3Lib3MLPV4stepSdyF"},
     "pathComponents": ["MLP", "step()"], "names": {"title": "step()"},
     "docComment": {"lines": [{"text": "Steps in reals."}]}},
    {"kind": {"identifier": "swift.property", "displayName": "Instance Property"}, "identifier": {"precise": "s:3Lib3MLPV5widthSivp"},
     "pathComponents": ["MLP", "width"], "names": {"title": "width"}},
    {"kind": {"identifier": "swift.func.op", "displayName": "Operator"}, "identifier": {"precise": "s:SQsE2neoiySbx_xtFZ::SYNTHESIZED::s:3Lib3MLPV"},
     "pathComponents": ["MLP", "!=(_:_:)"], "names": {"title": "!=(_:_:)"}}
   ],
   "relationships": [
    {"kind": "memberOf", "source": "s:3Lib3MLPV5widthACSi_tcfc", "target": "s:3Lib3MLPV"},
    {"kind": "memberOf", "source": "s:3Lib3MLPV4stepSiyF", "target": "s:3Lib3MLPV"},
    {"kind": "memberOf", "source": "s:3Lib3MLPV4stepSdyF", "target": "s:3Lib3MLPV"},
    {"kind": "memberOf", "source": "s:3Lib3MLPV5widthSivp", "target": "s:3Lib3MLPV"}
   ]}
  """#

func sampleReference() throws -> APIReference {
  APIReference(graphs: [try JSONDecoder().decode(SymbolGraph.self, from: Data(sampleGraph.utf8))])
}

@Suite struct DocCommentTests {
  @Test func summaryDiscussionAndSections() {
    let doc = DocComment(lines: [
      "Computes $K^{(l)}$ for a layer.", "Second line of the summary.", "", "The discussion.", "",
      "- Parameters:", "  - layer: The layer `l`,", "    from 1.", "  - input: An input.",
      "- Returns: The kernel.",
      "- Throws: `CriticalityError` if the layer is out of range.",
    ])
    #expect(doc.summary == "Computes $K^{(l)}$ for a layer.\nSecond line of the summary.")
    #expect(doc.discussion == "The discussion.")
    #expect(doc.parameters.map(\.name) == ["layer", "input"])
    #expect(doc.parameters.first?.text == "The layer `l`,\nfrom 1.")
    #expect(doc.returns == "The kernel.")
    #expect(doc.throwsText == "`CriticalityError` if the layer is out of range.")
  }

  @Test func singleParameterAndIndentedCodeStayInTheDiscussion() {
    let doc = DocComment(lines: [
      "Summary.", "", "    z = W x", "", "- Parameter n: The width.", "- Note: kept.",
    ])
    #expect(doc.summary == "Summary.")
    #expect(doc.discussion == "    z = W x\n\n- Note: kept.")
    #expect(doc.parameters.map(\.name) == ["n"])
  }
}

@Suite struct APIReferenceTests {
  @Test func membersAreNestedOrderedAndSynthesizedOnesLeftOut() throws {
    let reference = try sampleReference()
    #expect(reference.modules.map(\.name) == ["Lib"])
    #expect(reference.modules[0].topLevel == ["s:3Lib3MLPV"])
    let members = reference.entries["s:3Lib3MLPV"]!.members.map { reference.entries[$0]!.title }
    // DocC's order: initializers, properties, methods.
    #expect(members == ["init(width:)", "width", "step()", "step()"])
    #expect(reference.symbolCount == 5)
    #expect(reference.modules[0].undocumented == ["s:3Lib3MLPV5widthSivp"])
  }

  @Test func anchorsAreStableAndOverloadsDistinct() throws {
    let reference = try sampleReference()
    #expect(reference.entries["s:3Lib3MLPV"]!.anchor == "MLP")
    #expect(reference.entries["s:3Lib3MLPV5widthACSi_tcfc"]!.anchor == "MLP.init(width:)")
    let a = reference.entries["s:3Lib3MLPV4stepSiyF"]!.anchor
    let b = reference.entries["s:3Lib3MLPV4stepSdyF"]!.anchor
    #expect(a != b && a.hasPrefix("MLP.step()-") && b.hasPrefix("MLP.step()-"))
    #expect(try sampleReference().entries["s:3Lib3MLPV4stepSiyF"]!.anchor == a)
    #expect(APIReference.anchor(for: ["Estimate", "+(_:_:)"]) == "Estimate.~2B(_:_:)")
  }

  @Test func anInitializerCalledByItsTypeNameLinksTheType() throws {
    let reference = try sampleReference()
    #expect(reference.entry(usr: "s:3Lib3MLPV5widthACSi_tcfc", typeName: "MLP")?.usr == "s:3Lib3MLPV")
    #expect(reference.entry(usr: "s:3Lib3MLPV5widthACSi_tcfc")?.usr == "s:3Lib3MLPV5widthACSi_tcfc")
    #expect(reference.entry(usr: "s:7chapter8ensembleSivp") == nil)
    #expect(reference.entries["s:3Lib3MLPV"]!.summaryText == "A network with $n_0$ inputs.")
  }
}

@Suite struct ReferencePagesTests {
  @Test func thePageShowsDeclarationsDocCommentsWithMathAndTheUndocumented() throws {
    let page = ReferencePages.pages(try sampleReference())[0]
    #expect(page.slug == "reference-Lib")
    #expect(page.hasMath)
    let body = page.bodyHTML
    #expect(body.contains("<section class=\"api-entry\" id=\"MLP\">"))
    #expect(
      body.contains("<span class=\"api-keyword\">struct</span> <span class=\"api-identifier\">MLP</span>"))
    #expect(body.contains("<span class=\"math inline\">"))
    #expect(
      body.contains("<h6 class=\"api-section\">Parameters</h6>")
        || body.contains("class=\"api-section\">Parameters"))
    #expect(body.contains("<dt><code>width</code></dt>"))
    #expect(body.contains("Return Value") && body.contains("Throws"))
    #expect(body.contains("<h2 id=\"undocumented\">"))
    #expect(body.contains("<a href=\"#MLP.width\"><code>MLP.width</code></a>"))
    #expect(page.sections.map(\.anchor).contains("MLP"))
  }
}
