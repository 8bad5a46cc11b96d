import Foundation
import Markdown
import Testing

/// cmark-gfm's own example suites (copied from cmark-gfm 0.29: CommonMark spec, GFM extensions,
/// regressions), run through our Markdown layer with math protection ON.
///
/// Requirement: wherever an example has no `$`, our output is cmark-gfm's, byte for byte; the
/// few examples that Debian's cmark-gfm 0.29.0.gfm.6 itself fails are listed. Examples with `$`
/// whose output the math rule changes are listed with the reason.
struct ConformanceExample: CustomTestStringConvertible, Sendable {
  var file: String
  var line: Int
  var extensions: [String]
  var markdown: String
  var html: String
  var testDescription: String { "\(file):\(line)" }
}

private let allExtensions = ["table", "strikethrough", "autolink", "tagfilter", "tasklist"]

private func loadExamples(_ file: String) -> [ConformanceExample] {
  let url = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
    .appendingPathComponent("Conformance").appendingPathComponent(file)
  guard let text = try? String(contentsOf: url, encoding: .utf8) else { return [] }
  let lines = text.components(separatedBy: "\n")
  let fence = String(repeating: "`", count: 32)
  var examples: [ConformanceExample] = []
  var i = 0
  while i < lines.count {
    if lines[i].hasPrefix(fence + " example") {
      let words = lines[i].dropFirst(fence.count + " example".count).split(separator: " ").map(String.init)
      let start = i + 1
      var j = start
      while lines[j] != "." { j += 1 }
      var k = j + 1
      while lines[k] != fence { k += 1 }
      func block(_ range: Range<Int>) -> String {
        range.isEmpty
          ? "" : lines[range].joined(separator: "\n").replacingOccurrences(of: "→", with: "\t") + "\n"
      }
      if !words.contains("disabled") {
        // extensions.txt examples run with every extension; the others with those they name.
        let extensions = file == "extensions.txt" ? allExtensions + ["footnotes"] + words : words
        examples.append(
          ConformanceExample(
            file: file, line: i + 1, extensions: extensions, markdown: block(start..<j),
            html: block((j + 1)..<k)))
      }
      i = k
    }
    i += 1
  }
  return examples
}

private func render(_ example: ConformanceExample, math: Bool) -> String {
  let options = Document.Options(
    math: math, extensions: example.extensions.filter { $0 != "footnotes" },
    footnotes: example.extensions.contains("footnotes"))
  return Document(parsing: example.markdown, options: options).render(.plain).html
}

/// Examples that Debian's cmark-gfm 0.29.0.gfm.6 itself does not reproduce: our layer with math
/// off is cmark-gfm, and the `cmark-gfm` CLI with the same options prints the same HTML.
private let knownCmarkFailures: Set<String> = [
  "extensions.txt:583",  // expected output is the placeholder `<IGNORE>` (a crash test)
  "extensions.txt:647",  // expects the footnote markup of an older cmark-gfm (`#fn1`, no data-*)
  "regression.txt:168",  // the same the footnote markup of an older cmark-gfm (`#fn1`, no data-*)
]

/// Examples whose output citations change (Pandoc's rules: an `@` after a non-alphanumeric
/// starts a narrative citation), and why.
private let citationChanges: [String: String] = [
  "extensions.txt:583": "`(_A_@_.A`: `@_.A` is a narrative citation",
  "extensions.txt:589": "`* @a.b.c@. x`: `@a.b.c` is a narrative citation",
]

/// Examples with `$` whose output the math rule changes, and why.
private let mathChanges: [String: String] = [:]

@Suite("cmark-gfm conformance")
struct ConformanceTests {
  static let examples = ["spec.txt", "extensions.txt", "regression.txt"].flatMap(loadExamples)

  @Test func suitesAreLoaded() {
    #expect(Self.examples.count > 700)
  }

  @Test func everyExampleWithoutDollarMatchesCmark() {
    var failures: [String] = []
    var passed = 0
    for example in Self.examples where !example.markdown.contains("$") {
      let ours = render(example, math: true)
      let plain = render(example, math: false)
      if ours != plain {
        if citationChanges[example.testDescription] != nil { continue }
        failures.append("\(example.testDescription): math protection changed the output")
      } else if plain != example.html && !knownCmarkFailures.contains(example.testDescription) {
        failures.append("\(example.testDescription): differs from the expected HTML:\n\(plain)")
      } else {
        passed += 1
      }
    }
    #expect(failures == [], "\(passed) passed")
  }

  @Test func dollarExamplesChangedByMathAreListed() {
    var changed: [String] = []
    for example in Self.examples where example.markdown.contains("$") {
      if render(example, math: true) != render(example, math: false) {
        changed.append(example.testDescription)
      }
    }
    #expect(changed.sorted() == mathChanges.keys.sorted())
  }
}
