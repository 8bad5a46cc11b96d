import Bibliography
import Testing

@Suite("LaTeX in field text")
struct LaTeXTextTests {
  @Test(
    "Accents and special letters become Unicode",
    arguments: [
      ("{\\\"o}", "ö"), ("\\\"{o}", "ö"), ("\\\"o", "ö"), ("\\'e", "é"), ("{\\'e}", "é"), ("\\'{e}", "é"),
      ("\\`a", "à"), ("\\^o", "ô"), ("\\~n", "ñ"), ("\\c{c}", "ç"), ("\\c c", "ç"), ("\\v{s}", "š"),
      ("\\v s", "š"), ("\\u{g}", "ğ"), ("\\H{o}", "ő"), ("\\k{a}", "ą"), ("\\r{u}", "ů"), ("\\={a}", "ā"),
      ("\\.{z}", "ż"), ("\\d{s}", "ṣ"), ("\\'{\\i}", "í"), ("\\\"{\\i}", "ï"), ("{\\ss}", "ß"),
      ("\\ss{}", "ß"), ("{\\o}", "ø"), ("\\O", "Ø"), ("{\\aa}", "å"), ("\\AA{}", "Å"), ("\\ae", "æ"),
      ("\\oe", "œ"), ("{\\l}", "ł"), ("G{\\\"o}del", "Gödel"), ("Erd\\H{o}s", "Erdős"),
      ("Schr\\\"odinger", "Schrödinger"), ("Fran\\c{c}ois", "François"), ("Poincar\\'e", "Poincaré"),
      ("\\v{C}ech", "Čech"), ("Ne\\v{c}as", "Nečas"), ("{\\O}rsted", "Ørsted"), ("Stra{\\ss}e", "Straße"),
      ("\\o rsted", "ørsted"),
    ])
  func accents(latex: String, expected: String) {
    #expect(LaTeXText.plain(latex) == expected)
  }

  @Test(
    "Dashes, ties, escapes, quotes and braces",
    arguments: [
      ("287--320", "287–320"), ("a---b", "a—b"), ("well-known", "well-known"), ("Fig.~3", "Fig.\u{A0}3"),
      ("R\\&D", "R&D"), ("50\\% off", "50% off"), ("\\#1 and \\_x", "#1 and _x"),
      ("``quoted''", "“quoted”"), ("{The {RG} Flow of {NTK}s}", "The RG Flow of NTKs"),
      ("{Bayesian} inference", "Bayesian inference"), ("\\emph{Deep} \\textbf{nets}", "Deep nets"),
      ("\\textit{A}\\textsc{b}", "Ab"), ("\\unknown{kept}", "kept"),
      ("\\href{https://x.org}{the text}", "the text"), ("  spaces \n\n collapse  ", "spaces collapse"),
      ("costs \\$5", "costs $5"), ("x \\\\ y", "x y"),
    ])
  func specials(latex: String, expected: String) {
    #expect(LaTeXText.plain(latex) == expected)
  }

  @Test func mathIsKeptAndTypesetInHTML() {
    #expect(
      LaTeXText.plain("The $1/n$ expansion of $\\mathcal{N}(0,1)$")
        == "The $1/n$ expansion of $\\mathcal{N}(0,1)$")
    #expect(
      LaTeXText.html("The $1/n$ expansion & <more>")
        == "The <span class=\"math inline\">1/n</span> expansion &amp; &lt;more&gt;")
    // A dollar that was escaped in the .bib never opens math.
    #expect(LaTeXText.html("\\$5 and \\$10") == "$5 and $10")
  }

  @Test func htmlIsEscaped() {
    #expect(
      LaTeXText.html("<script>\"x\" & 'y'</script>") == "&lt;script&gt;&quot;x&quot; &amp; ’y’&lt;/script&gt;"
    )
  }
}
