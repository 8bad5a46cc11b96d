import Figures
import Foundation
import Testing

#if canImport(FoundationXML)
  import FoundationXML
#endif

/// Deterministic normal samples for test figures: SplitMix64 (Steele et al. 2014) feeding
/// the Box–Muller transform. Independent of the Criticality library on purpose.
struct TestRandom {
  var state: UInt64

  init(seed: UInt64) { state = seed }

  mutating func next() -> UInt64 {
    state &+= 0x9E37_79B9_7F4A_7C15
    var z = state
    z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
    z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
    return z ^ (z >> 31)
  }

  /// Uniform in (0, 1).
  mutating func uniform() -> Double { (Double(next() >> 11) + 0.5) / 9_007_199_254_740_992 }

  mutating func normal() -> Double {
    (-2 * log(uniform())).squareRoot() * cos(2 * Double.pi * uniform())
  }
}

/// What the engine's `show(_:)` does with a figure, as far as this library is concerned.
@discardableResult
func show(_ figure: some FigureRendering) -> String {
  figure.svg()
}

/// Snapshot comparison, byte for byte, against `Snapshots/<name>.svg`.
///
/// To rewrite the expected files after a deliberate change of the drawing, run
///     NOTES_RECORD_SNAPSHOTS=1 swift test --filter FiguresTests
/// and look at the new SVGs (e.g. in a browser) before committing them.
func expectSnapshot(_ content: String, named name: String, sourceLocation: SourceLocation = #_sourceLocation)
{
  let sourceDirectory = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
    .appendingPathComponent("Snapshots")
  let fileName = name + ".svg"
  if ProcessInfo.processInfo.environment["NOTES_RECORD_SNAPSHOTS"] == "1" {
    try? FileManager.default.createDirectory(at: sourceDirectory, withIntermediateDirectories: true)
    try! content.write(
      to: sourceDirectory.appendingPathComponent(fileName), atomically: true, encoding: .utf8)
    return
  }
  let bundled = Bundle.module.url(forResource: "Snapshots", withExtension: nil)?.appendingPathComponent(
    fileName)
  let candidates = [bundled, sourceDirectory.appendingPathComponent(fileName)].compactMap { $0 }
  guard let url = candidates.first(where: { FileManager.default.fileExists(atPath: $0.path) }),
    let expected = try? String(contentsOf: url, encoding: .utf8)
  else {
    Issue.record(
      "missing snapshot \(fileName): run with NOTES_RECORD_SNAPSHOTS=1", sourceLocation: sourceLocation)
    return
  }
  guard content != expected else { return }
  // Report the first differing line, not the whole document.
  let new = content.split(separator: "\n", omittingEmptySubsequences: false)
  let old = expected.split(separator: "\n", omittingEmptySubsequences: false)
  let line =
    zip(new, old).enumerated().first { $0.element.0 != $0.element.1 }?.offset ?? min(new.count, old.count)
  let got = line < new.count ? String(new[line].prefix(200)) : "<end>"
  let want = line < old.count ? String(old[line].prefix(200)) : "<end>"
  Issue.record(
    "SVG differs from snapshot \(fileName) at line \(line + 1):\n  got:      \(got)\n  expected: \(want)",
    sourceLocation: sourceLocation)
}

/// An XML element parsed back from an SVG.
final class Element {
  let name: String
  let attributes: [String: String]
  var children: [Node] = []
  weak var parent: Element?

  init(name: String, attributes: [String: String]) {
    self.name = name
    self.attributes = attributes
  }

  enum Node {
    case element(Element)
    case text(String)
  }

  /// All descendant elements (and self) in document order.
  var all: [Element] {
    [self]
      + children.flatMap { node -> [Element] in
        if case .element(let e) = node { return e.all }
        return []
      }
  }

  /// Concatenated text of this element and its descendants.
  var text: String {
    children.map { node in
      switch node {
      case .element(let e): e.text
      case .text(let t): t
      }
    }.joined()
  }

  func elements(named n: String) -> [Element] { all.filter { $0.name == n } }
}

/// Parses `xml` with Foundation's `XMLParser`; `nil` (and the parser's error) if not
/// well-formed.
final class TreeBuilder: NSObject, XMLParserDelegate {
  var root: Element?
  var stack: [Element] = []
  var error: Error?

  static func parse(_ xml: String) -> (Element?, Error?) {
    let builder = TreeBuilder()
    let parser = XMLParser(data: Data(xml.utf8))
    parser.delegate = builder
    let ok = parser.parse()
    return (ok ? builder.root : nil, parser.parserError ?? builder.error)
  }

  func parser(
    _ parser: XMLParser, didStartElement elementName: String, namespaceURI: String?, qualifiedName: String?,
    attributes: [String: String]
  ) {
    let e = Element(name: elementName, attributes: attributes)
    if let top = stack.last {
      top.children.append(.element(e))
      e.parent = top
    } else {
      root = e
    }
    stack.append(e)
  }

  func parser(
    _ parser: XMLParser, didEndElement elementName: String, namespaceURI: String?, qualifiedName: String?
  ) {
    stack.removeLast()
  }

  func parser(_ parser: XMLParser, foundCharacters string: String) {
    stack.last?.children.append(.text(string))
  }

  func parser(_ parser: XMLParser, parseErrorOccurred parseError: Error) { error = parseError }
}

/// The parsed SVG, recording a test issue if it is not well-formed.
func parsedSVG(_ svg: String, sourceLocation: SourceLocation = #_sourceLocation) -> Element? {
  let (root, error) = TreeBuilder.parse(svg)
  if root == nil {
    Issue.record("SVG is not well-formed XML: \(String(describing: error))", sourceLocation: sourceLocation)
  }
  return root
}
