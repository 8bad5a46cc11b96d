import NotebookRuntime
import Testing

/// How inline values read in the notes (issue 3): `Double` to 4 significant digits, exponent
/// style below 1e-4 and from 1e6 on, `Int` as is, `String` as text.
@Suite struct FormattingTests {
  @Test(arguments: [
    (2.0 / 3.0, "0.6667"),
    (0.5, "0.5"),
    (2.0, "2"),
    (-2.5, "-2.5"),
    (0.0, "0"),
    (100.0, "100"),
    (1.0 / 81920.0, "1.221e-05"),  // 1.2207e-05
    (0.000123456, "0.0001235"),  // 1e-4 and above: plain
    (6.02214076e23, "6.022e+23"),
    (999_999.7, "1e+06"),  // rounds up into the exponent range
    (9.99996, "10"),
    (12345.678, "12350"),  // four significant digits, not five
    (123_456.7, "123500"),
    (-0.00004, "-4e-05"),
  ])
  func doublesHaveFourSignificantDigits(value: Double, text: String) {
    #expect(value.notebookText == text)
    #expect(notebookText(of: value) == text)
  }

  @Test func nonFiniteDoubles() {
    #expect(Double.nan.notebookText == "NaN")
    #expect(Double.infinity.notebookText == "∞")
    #expect((-Double.infinity).notebookText == "−∞")
  }

  struct Custom: CustomStringConvertible {
    var description: String { "0.612 ± 0.013" }
  }

  @Test func otherValues() {
    #expect(notebookText(of: 42) == "42")
    #expect(notebookText(of: -7) == "-7")
    #expect(notebookText(of: "σ & <τ>") == "σ & <τ>")
    #expect(notebookText(of: true) == "true")
    #expect(notebookText(of: Float(1) / 3) == "0.3333")
    #expect(notebookText(of: Custom()) == "0.612 ± 0.013")
  }
}
