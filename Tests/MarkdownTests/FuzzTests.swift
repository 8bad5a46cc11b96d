import Foundation
import Markdown
import Testing

/// A fuzz test of the Markdown layer (issue 10): cmark-gfm, the math shield, splicing of
/// replacements (fake cell results, as the Splicer makes them) and run-time text, on generated
/// hostile inputs — deep nesting of `>`, lists and `[`, soups of `$`, backticks and
/// backslashes, private-use markers, invalid UTF-8, huge lines, unclosed fences.
///
/// Asserts: no crash, well-formed output (tags balanced, every `<` starts a tag, attributes
/// closed), valid UTF-8, no reserved private-use marker left; and linear time on the
/// pathological shapes (t(2N) ≤ 3·t(N), minimum of several runs, measured in the same run).
/// Bounded in time: a fixed budget of generated cases, seeded so that a failure reproduces.
@Suite("Markdown fuzz", .serialized)
struct FuzzTests {
  /// SplitMix64: small, seeded, good enough to pick pieces.
  struct Generator {
    var state: UInt64
    mutating func next() -> UInt64 {
      state &+= 0x9E37_79B9_7F4A_7C15
      var z = state
      z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
      z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
      return z ^ (z >> 31)
    }
    mutating func below(_ n: Int) -> Int { Int(next() % UInt64(n)) }
    mutating func pick<T>(_ items: [T]) -> T { items[below(items.count)] }
  }

  /// Pieces the inputs are made of. No raw HTML tags: those pass through by design (raw HTML
  /// is allowed), so the balance check would be about the author's HTML, not ours.
  static let pieces: [String] = [
    ">", "> ", "- ", "* ", "1. ", "   ", "\t", "[", "]", "(", ")", "](", "![", "[@fig-a]", "[^1]", "[^1]: ",
    "$", "$$", "$x$", "$a*b$", "$ ", " $", "$5", "\\$", "\\(", "\\)", "\\[", "\\]", "\\", "`", "``", "```",
    "```{swift}\n", "```\n", "~~~\n", "`{swift} x`", "`{swift} 2 + 2`", "*", "**", "_", "__", "~~", "|",
    "| a | b |\n",
    "|---|---|\n", "---\n", "# ", "## ", "\n", "\n\n", " ", "word", "text ", "a_1*b_2*c", "<", "< 3", "&",
    "&amp;",
    "&#xE000;", "http://x.y/$a$", "<http://x.y>", "\"", "'", "é", "α", "\u{301}", "🙂", "\u{E000}", "\u{E001}",
    "\u{E002}", "\u{E003}", "\u{E004}", "\u{E005}", "\u{E006}", "\u{E007}", "\u{E00F}", "\u{E000}0\u{E001}",
    "\u{E003}1\u{E004}", "\u{E005}x\u{E006}", "\u{FFFD}", "\r\n",
  ]

  /// A random chapter: pieces, sometimes a piece repeated into a deep nest or a huge line, and
  /// sometimes raw bytes that are not UTF-8 (decoded leniently, as a careless loader would).
  static func chapter(_ g: inout Generator) -> String {
    var bytes: [UInt8] = []
    let count = 1 + g.below(200)
    // At most ~30 KB, so that one case stays well inside the time budget.
    for _ in 0..<count where bytes.count < 30_000 {
      switch g.below(20) {
      case 0:
        bytes += Array(String(repeating: g.pick(pieces), count: 1 + g.below(2_000)).utf8)
      case 1:
        bytes += g.pick([
          [0xFF], [0xC0, 0x80], [0xED, 0xA0, 0x80], [0xEE, 0x80], [0xF4, 0x90, 0x80, 0x80], [0x80],
        ])
      default:
        bytes += Array(g.pick(pieces).utf8)
      }
    }
    return String(decoding: bytes, as: UTF8.self)
  }

  /// Replacements for some of the document's code nodes and code blocks, shaped like the
  /// Splicer's: escaped run-time text with math, a hostile value, an SVG-like block.
  static func replacements(for document: Document, _ g: inout Generator) -> [Int: Document.Replacement] {
    var result: [Int: Document.Replacement] = [:]
    for node in document.root.allNodes() {
      switch node.kind {
      case .code, .codeBlock:
        guard g.below(2) == 0 else { continue }
        let text = (0..<(1 + g.below(8))).map { _ in g.pick(pieces) }.joined()
        let html =
          node.kind == .code
          ? "<span class=\"notes-value\">\(HTMLEscaping.escape(text))</span>"
          : "<div class=\"notes-cell\"><figure><svg><title>\(HTMLEscaping.escape(text))</title></svg>"
            + "<figcaption>\(MathText.html(text))</figcaption></figure>"
            + "<pre>\(HTMLEscaping.escape(text))\u{E000}0\u{E001}</pre></div>"
        result[node.id] = Document.Replacement(html: html, text: text)
      default:
        continue
      }
    }
    return result
  }

  /// The tags HTML knows have no end tag.
  static let voidElements: Set<String> = ["img", "br", "hr", "input", "meta", "link", "col", "source"]

  /// Why `html` is not well formed, or nil: every `<` starts a tag, a comment or is escaped;
  /// attribute quotes close; end tags match start tags.
  static func problem(in html: String) -> String? {
    let bytes = Array(html.utf8)
    if SourceFile.firstInvalidUTF8Byte(bytes) != nil { return "not UTF-8" }
    if let index = html.unicodeScalars.firstIndex(where: MarkerEscaping.isReserved) {
      let scalar = html.unicodeScalars[index]
      let before = html.unicodeScalars[..<index].suffix(60)
      let after = html.unicodeScalars[index...].prefix(60)
      let context = (String(String.UnicodeScalarView(before)) + String(String.UnicodeScalarView(after)))
        .debugDescription
      return "a reserved marker U+\(String(scalar.value, radix: 16, uppercase: true)) is left: \(context)"
    }
    var stack: [String] = []
    var i = 0
    let n = bytes.count
    func isLetter(_ b: UInt8) -> Bool { (b | 0x20) >= 0x61 && (b | 0x20) <= 0x7A }
    while i < n {
      guard bytes[i] == UInt8(ascii: "<") else {
        i += 1
        continue
      }
      if bytes[i...].starts(with: Array("<!--".utf8)) {
        guard let end = html.utf8.index(html.utf8.startIndex, offsetBy: i, limitedBy: html.utf8.endIndex),
          let close = html[end...].range(of: "-->")
        else { return "unclosed comment at byte \(i)" }
        i = html.utf8.distance(from: html.utf8.startIndex, to: close.upperBound)
        continue
      }
      let closing = i + 1 < n && bytes[i + 1] == UInt8(ascii: "/")
      var j = i + (closing ? 2 : 1)
      guard j < n, isLetter(bytes[j]) else { return "a raw '<' at byte \(i)" }
      let nameStart = j
      while j < n, isLetter(bytes[j]) || (bytes[j] >= 0x30 && bytes[j] <= 0x39) { j += 1 }
      let name = String(decoding: bytes[nameStart..<j], as: UTF8.self).lowercased()
      // Attributes: quoted values may hold anything but their quote; no '<' outside quotes.
      var quote: UInt8? = nil
      while j < n {
        let b = bytes[j]
        if let q = quote {
          if b == q { quote = nil }
        } else if b == UInt8(ascii: "\"") || b == UInt8(ascii: "'") {
          quote = b
        } else if b == UInt8(ascii: ">") {
          break
        } else if b == UInt8(ascii: "<") {
          return "'<' inside the <\(name)> tag at byte \(j)"
        }
        j += 1
      }
      guard j < n else { return "unclosed <\(name) tag at byte \(i)" }
      let selfClosing = bytes[j - 1] == UInt8(ascii: "/")
      if closing {
        guard stack.last == name else {
          return "</\(name)> at byte \(i) closes <\(stack.last ?? "nothing")>"
        }
        stack.removeLast()
      } else if !voidElements.contains(name) && !selfClosing {
        stack.append(name)
      }
      i = j + 1
    }
    return stack.isEmpty ? nil : "unclosed <\(stack.joined(separator: "><"))>"
  }

  /// Parses and renders like a chapter build, with fake results spliced in.
  static func render(_ source: String, _ g: inout Generator) -> (Document, Document.Rendered) {
    let document = Document(parsing: source)
    let replacing = replacements(for: document, &g)
    return (document, document.render(replacing: replacing, reservedIDs: ["cell-1", "fig-a"]))
  }

  @Test func generatedChaptersRenderWellFormed() {
    // Bounded: a few seconds in a debug build on a shared CI core. For a longer hunt:
    // NOTES_FUZZ_SEED=… NOTES_FUZZ_SECONDS=… swift test --filter FuzzTests
    let environment = ProcessInfo.processInfo.environment
    var g = Generator(state: environment["NOTES_FUZZ_SEED"].flatMap { UInt64($0) } ?? 0x6E6F_7465_7331)
    let budget = environment["NOTES_FUZZ_SECONDS"].flatMap(Double.init) ?? 4
    let start = Date()
    var cases = 0
    while (budget > 4 || cases < 2_000) && Date().timeIntervalSince(start) < budget {
      let seed = g.state
      let source = Self.chapter(&g)
      let (document, rendered) = Self.render(source, &g)
      if let problem = Self.problem(in: rendered.html) {
        Issue.record("case \(cases) (seed \(seed)): \(problem)\n--- source\n\(source.debugDescription)")
        return
      }
      for heading in rendered.headings {
        if let problem = Self.problem(in: heading.html) {
          Issue.record("case \(cases) (seed \(seed)): heading: \(problem)\n\(source.debugDescription)")
          return
        }
      }
      // The tree has no markers the source did not have (unless it wrote them as references).
      let sourceMarkers = Set(source.unicodeScalars.filter(MarkerEscaping.isReserved))
      let references = source.contains("&#")
      for node in document.root.allNodes() where !references {
        if let literal = node.literal,
          literal.unicodeScalars.contains(where: {
            MarkerEscaping.isReserved($0) && !sourceMarkers.contains($0)
          })
        {
          let scalars = literal.unicodeScalars.map { "U+\(String($0.value, radix: 16))" }.joined(
            separator: " ")
          let message =
            "case \(cases) (seed \(seed)): a marker leaked into the tree: \(node.kind) \(scalars)"
            + "\n--- source\n\(source.debugDescription)"
          Issue.record("\(message)")
          return
        }
      }
      if let problem = Self.problem(in: MathText.html(source)) {
        Issue.record("case \(cases) (seed \(seed)): MathText: \(problem)")
        return
      }
      cases += 1
    }
    #expect(cases >= 20, "only \(cases) cases ran in the time budget")
  }

  /// Shapes that are quadratic for a naive implementation.
  static let shapes: [(name: String, make: @Sendable (Int) -> String)] = [
    ("nested [", { String(repeating: "[", count: $0) }),
    (
      "nested > with math",
      { String(repeating: ">", count: $0 / 10) + " $x$\n" + String(repeating: "a $b ", count: $0 / 6) }
    ),
    (
      "nested lists",
      { (0..<($0 / 40)).map { String(repeating: "  ", count: $0 % 20) + "- item $x$\n" }.joined() }
    ),
    ("$ soup", { String(repeating: "$a $ `$` \\$ $$ ", count: $0 / 16) }),
    ("backtick soup", { String(repeating: "`` a ` $b$ ", count: $0 / 12) }),
    ("\\( without closers", { String(repeating: "\\(a ", count: $0 / 4) }),
    ("private use", { String(repeating: "\u{E000}0\u{E001} $x$ ", count: $0 / 14) }),
    ("huge line", { String(repeating: "word *em* `c` $x$ [l](u) ", count: $0 / 26) }),
    ("unclosed fences", { String(repeating: "```{swift}\n$x$\n", count: $0 / 16) }),
    ("citation soup", { String(repeating: "-@a [@b, p. 3] @c [x] [see @d](u) @e [p. 1] ", count: $0 / 44) }),
    ("@ in one long word", { String(repeating: "-@a", count: $0 / 3) }),
    ("URL word with @", { "https://h.org/" + String(repeating: "@a/", count: $0 / 3) }),
    ("unclosed citation brackets", { String(repeating: "[see @a; ", count: $0 / 9) }),
  ]

  /// The best of several interleaved timings of `small` and `large` (so that a load spike on
  /// the machine hits both), in seconds.
  static func timings(_ small: String, _ large: String) -> (Double, Double) {
    var g = Generator(state: 1)
    var best = (Double.infinity, Double.infinity)
    for _ in 0..<3 {
      var start = DispatchTime.now().uptimeNanoseconds
      _ = render(small, &g)
      best.0 = min(best.0, Double(DispatchTime.now().uptimeNanoseconds - start) / 1e9)
      start = DispatchTime.now().uptimeNanoseconds
      _ = render(large, &g)
      best.1 = min(best.1, Double(DispatchTime.now().uptimeNanoseconds - start) / 1e9)
    }
    return best
  }

  @Test(arguments: shapes.indices)
  func linearTime(shape: Int) {
    let (name, make) = Self.shapes[shape]
    let n = 10_000
    let small = make(n)
    let large = make(2 * n)
    // Linear: t(2N) ≈ 2·t(N); quadratic would be 4. Measured again (up to three times) before
    // failing, as tests run in parallel on a shared machine.
    var report = ""
    var linear = false
    for _ in 0..<3 where !linear {
      let (t1, t2) = Self.timings(small, large)
      linear = t2 <= 3 * t1 + 0.002
      report += "t(N) = \(t1) s, t(2N) = \(t2) s, ratio \(t2 / t1); "
    }
    #expect(linear, "\(name): \(report)")
    var g = Generator(state: 1)
    let (_, rendered) = Self.render(large, &g)
    #expect(Self.problem(in: rendered.html) == nil, "\(name): \(Self.problem(in: rendered.html) ?? "")")
  }
}
