import Markdown
import Testing

/// Renders `source` as a chapter would be (math protected, plain cmark options otherwise).
private func html(_ source: String) -> String {
  Document(parsing: source).render(.plain).html
}

/// The TeX of every math node, in order.
private func math(_ source: String) -> [String] {
  Document(parsing: source).root.allNodes().compactMap {
    if case .math = $0.kind { return $0.literal } else { return nil }
  }
}

@Suite("Math survives Markdown")
struct MathShieldTests {
  @Test(
    "Cases plain cmark mangles come out exactly as written",
    arguments: [
      ("$z_i^{(l)}*w_{ij}$ and $a*b$", ["z_i^{(l)}*w_{ij}", "a*b"]),
      ("$\\mathbf{x}_{*}$ then $y_{*}$", ["\\mathbf{x}_{*}", "y_{*}"]),
      ("$\\{a,b\\}$", ["\\{a,b\\}"]),
      ("$a \\\\ b$", ["a \\\\ b"]),
      ("$[a](b)$", ["[a](b)"]),
      ("$a<b>c$", ["a<b>c"]),
      ("\\(x_1 * y_2\\) and \\[E[z^4]\\]", ["x_1 * y_2", "E[z^4]"]),
      ("$$\n\\sum_i z_i^{(l)} *\nw_{ij}\n$$", ["\n\\sum_i z_i^{(l)} *\nw_{ij}\n"]),
    ])
  func mangledCases(source: String, expected: [String]) {
    #expect(math(source) == expected)
  }

  @Test func inlineAndDisplayMarkup() {
    #expect(
      html("$a*b$ and $c_1$")
        == "<p><span class=\"math inline\">a*b</span> and <span class=\"math inline\">c_1</span></p>\n")
    #expect(html("$a<b>c$") == "<p><span class=\"math inline\">a&lt;b&gt;c</span></p>\n")
    #expect(html("$$x^2$$") == "<div class=\"math display\">x^2</div>\n")
    #expect(html("Text $$x^2$$ text") == "<p>Text <span class=\"math display\">x^2</span> text</p>\n")
  }

  @Test func pipeInsideTableCell() {
    let out = html("| a | b |\n|---|---|\n| $|x|$ | 2 |\n")
    #expect(out.contains("<td><span class=\"math inline\">|x|</span></td>"))
    #expect(out.contains("<td>2</td>"))
  }

  @Test func dollarsThatAreNotMath() {
    #expect(math("costs $5 and $10") == [])
    #expect(html("costs $5 and $10") == "<p>costs $5 and $10</p>\n")
    #expect(html("a \\$ sign and \\$x$") == "<p>a $ sign and $x$</p>\n")
    #expect(math("`$a*b$` in code") == [])
    #expect(html("`$a*b$` in code") == "<p><code>$a*b$</code> in code</p>\n")
    #expect(html("```\n$a*b$\n```\n") == "<pre><code>$a*b$\n</code></pre>\n")
    #expect(html("    $a*b$ indented code\n") == "<pre><code>$a*b$ indented code\n</code></pre>\n")
    #expect(math("$ a$ and $b $") == [])
  }

  @Test func dollarInsideMathEscaped() {
    #expect(math("$a \\$ b$") == ["a \\$ b"])
  }

  @Test func multiLineDisplayMathKeepsLineNumbers() {
    let source = "Intro\n\n$$\na\n+ b\n$$\n\n# Heading\n\n*x*\n"
    let doc = Document(parsing: source)
    let heading = doc.root.allNodes().first {
      if case .heading = $0.kind { return true } else { return false }
    }
    #expect(heading?.range.startLine == 8)
    let emphasis = doc.root.allNodes().first { $0.kind == .emphasis }
    #expect(emphasis?.range.startLine == 10)
    #expect(math(source) == ["\na\n+ b\n"])
    #expect(doc.render(.plain).html.contains("<div class=\"math display\">\na\n+ b\n</div>"))
  }

  @Test func mathInBlockquoteAcrossLines() {
    let out = html("> $$\n> a + b\n> $$\n")
    #expect(out == "<blockquote>\n<div class=\"math display\">\na + b\n</div>\n</blockquote>\n")
  }

  /// Pandoc's `tex_math_dollars` cases (issue 10, case 11), with one addition: code spans bind
  /// more tightly than math (Pandoc makes "$a `b$ c`" math; here it is a code span).
  @Test(
    "Dollars follow Pandoc's rules",
    arguments: [
      ("It costs $5 and $10 here, and `$code$` stays code.", [String]()),
      ("costs $5 and $10", []),
      ("$1 + $2", []),
      ("$a$", ["a"]),
      ("$ a$", []),
      ("$a $", []),
      ("$a$5", []),
      ("$a$1 $b$", ["b"]),
      ("$a$ b", ["a"]),
      ("a$b$c", ["b"]),
      ("$x$y$", ["x"]),
      ("\\$a$", []),
      ("$a \\$ b$", ["a \\$ b"]),
      ("$\\$$", ["\\$"]),
      ("$$a$$", ["a"]),
      ("$$ a + b $$", [" a + b "]),
      ("`$a$` and $b$", ["b"]),
      ("$a `b$ c`", []),
      ("$a `b` c$", ["a `b` c"]),
      ("$a\nb$", ["a\nb"]),
      ("$a\n$b", []),
      ("$a\n\n$", []),
    ])
  func pandocDollarRules(source: String, expected: [String]) {
    #expect(math(source) == expected, "\(source)")
  }

  @Test func codeSpanWinsOverMathThatOpensInsideIt() {
    #expect(
      html("It costs $5 and $10 here, and `$code$` stays code.")
        == "<p>It costs $5 and $10 here, and <code>$code$</code> stays code.</p>\n")
  }

  @Test(
    "Run-time text: escaped, math typeset by the same rules",
    arguments: [
      ("costs $5 and $10", "costs $5 and $10"),
      ("a_1*b_2*c", "a_1*b_2*c"),
      ("<img src=x onerror=\"alert(1)\">", "&lt;img src=x onerror=&quot;alert(1)&quot;&gt;"),
      ("$C_W$ = 2", "<span class=\"math inline\">C_W</span> = 2"),
      ("$a<b$", "<span class=\"math inline\">a&lt;b</span>"),
      ("\\$5", "$5"),
      ("$$x$$", "<span class=\"math display\">x</span>"),
      ("\\(x\\)", "<span class=\"math inline\">x</span>"),
      ("**bold** `code`", "**bold** `code`"),
    ])
  func mathText(text: String, expected: String) {
    #expect(MathText.html(text) == expected)
  }

  @Test func mathOffReproducesPlainCmark() {
    let doc = Document(parsing: "$a*b*c$", options: .init(math: false))
    #expect(doc.render(.plain).html == "<p>$a<em>b</em>c$</p>\n")
  }
}
