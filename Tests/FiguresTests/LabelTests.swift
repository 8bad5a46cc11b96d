import Figures
import Foundation
import Testing

/// TeX-style labels, checked in the SVG parsed back: the text a reader sees, and the
/// geometry of sub- and superscripts (smaller, shifted by `dy`, baseline restored).
@Suite struct LabelTests {
  /// The `<text>` element drawing the x-axis label of a figure whose x label is `label`.
  func xLabelElement(_ label: String, sourceLocation: SourceLocation = #_sourceLocation) -> Element? {
    var fig = Figure(title: "labels", xLabel: label, yLabel: "")
    fig.line(x: [0.0, 1], y: [0.0, 1])
    guard let root = parsedSVG(fig.svg(), sourceLocation: sourceLocation) else { return nil }
    // The axis label is the text element with the largest font size below the frame.
    return root.elements(named: "text").first { $0.attributes["font-size"] == "16" }
  }

  struct Span {
    var text: String
    var dy: Double
    var fontSize: Double?
    var italic: Bool
  }

  /// The direct children of a text element as spans (plain text has dy 0).
  func spans(_ e: Element) -> [Span] {
    e.children.map { node in
      switch node {
      case .text(let t): Span(text: t, dy: 0, fontSize: nil, italic: false)
      case .element(let t):
        Span(
          text: t.text, dy: Double(t.attributes["dy"] ?? "0") ?? .nan,
          fontSize: t.attributes["font-size"].flatMap(Double.init),
          italic: t.attributes["font-style"] == "italic")
      }
    }
  }

  @Test func subscriptIsSmallerAndLower() throws {
    let e = try #require(xLabelElement("C_w"))
    #expect(e.text == "Cw")
    let s = spans(e)
    let w = try #require(s.first { $0.text == "w" })
    #expect(w.dy > 0)  // SVG y grows downwards
    #expect(try #require(w.fontSize) < 16)
    #expect(s.first { $0.text == "C" }?.italic == true)
  }

  @Test func superscriptGroupThenBaselineRestored() throws {
    let e = try #require(xLabelElement("z^{(l)} after"))
    #expect(e.text == "z(l) after")
    let s = spans(e)
    let firstShift = try #require(s.first { $0.dy != 0 })
    #expect(firstShift.dy < 0)
    #expect(try #require(firstShift.fontSize) < 16)
    // Everything after the script is back on the baseline.
    #expect(abs(s.map(\.dy).reduce(0, +)) < 1e-9)
    #expect(s.last?.text.hasSuffix("after") == true)
  }

  @Test func texCommandsAndUnicodeInputAgree() throws {
    #expect(try #require(xLabelElement("\\chi_\\perp")).text == "χ⊥")
    // The space after a script that is a control word stays.
    #expect(try #require(xLabelElement("\\chi_\\perp = 1")).text == "χ⊥ = 1")
    let tex = try #require(xLabelElement("\\kappa_4/(3G^2)"))
    let unicode = try #require(xLabelElement("κ_4/(3G^2)"))
    #expect(tex.text == "κ4/(3G2)")
    #expect(spans(tex).map(\.text) == spans(unicode).map(\.text))
    #expect(spans(tex).map(\.dy) == spans(unicode).map(\.dy))
    #expect(abs(spans(tex).map(\.dy).reduce(0, +)) < 1e-9)
  }

  @Test func symbolTable() throws {
    let e = try #require(xLabelElement("\\ell \\sigma\\infty\\pm\\cdot\\sqrt{n} \\alpha\\Omega"))
    // A control word swallows the space after it (as in TeX); other spaces are kept.
    #expect(e.text == "ℓσ∞±·√n αΩ")
    #expect(try #require(xLabelElement("\\sqrt{2\\pi}")).text == "√(2π)")
    #expect(try #require(xLabelElement("\\frac{1}{n}")).text == "1/n")
  }

  @Test func minusSignsAndHyphens() throws {
    #expect(try #require(xLabelElement("l-1")).text == "l−1")
    #expect(try #require(xLabelElement("-3")).text == "−3")
    #expect(try #require(xLabelElement("Monte-Carlo 4-point")).text == "Monte-Carlo 4-point")
  }

  @Test func italicOnlyForLoneLettersOrInsideDollars() throws {
    let words = spans(try #require(xLabelElement("depth l")))
    #expect(words.first { $0.text.contains("depth") }?.italic == false)
    #expect(words.first { $0.text == "l" }?.italic == true)
    let dollars = spans(try #require(xLabelElement("$xy$ plane")))
    #expect(dollars.first { $0.text == "xy" }?.italic == true)
    #expect(dollars.first { $0.text.contains("plane") }?.italic == false)
    let roman = spans(try #require(xLabelElement("N_{\\mathrm{eff}}")))
    #expect(roman.first { $0.text == "eff" }?.italic == false)
  }

  @Test func textIsEscaped() throws {
    let nasty = "a<b & c>\"d\" 'e' ]]>"
    var fig = Figure(title: nasty, xLabel: nasty, yLabel: "y")
    fig.line(x: [1.0, 2], y: [1.0, 2], label: nasty)
    let svg = fig.svg()
    let root = try #require(parsedSVG(svg))
    #expect(root.elements(named: "title").first?.text == nasty)
    #expect(root.elements(named: "text").contains { $0.text == nasty })
    #expect(!svg.contains("<b "))
  }

  @Test func malformedLabelsStillGiveWellFormedSVG() throws {
    let alphabet = Array("\\{}_^$ ab-'κ[]sqrtfrac&<")
    var random = TestRandom(seed: 99)
    for _ in 0..<150 {
      let length = Int(random.next() % 14)
      let label = String((0..<length).map { _ in alphabet[Int(random.next() % UInt64(alphabet.count))] })
      var fig = Figure(title: label, xLabel: label, yLabel: label)
      fig.line(x: [0.0, 1], y: [0.0, 1], label: label)
      let root = try #require(parsedSVG(fig.svg()), "label \(label)")
      #expect(root.elements(named: "title").count == 1)
    }
  }
}
