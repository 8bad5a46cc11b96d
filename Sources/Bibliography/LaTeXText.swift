import Foundation
import Markdown

/// BibTeX field text (LaTeX) → display text.
///
/// Accents in every form BibTeX files use (`{\"o}`, `\"{o}`, `\"o`, `\'e`, `\c{c}`, `\v{s}`,
/// `\'{\i}`) become precomposed Unicode; `\ss`, `\o`, `\aa`, `\ae`, `\l`… become their
/// letters; `--`/`---` en/em dashes; `~` a no-break space; `\&`, `\%`, `\#`, `\_` their
/// characters; ``` `` ``` and `''` curly quotes. Braces (`{Protected}` capitals) are removed:
/// titles are shown as written, never re-cased. Formatting commands (`\emph{…}`, `\textbf{…}`)
/// and unknown commands keep their argument's text. Math `$…$` is kept as written.
///
/// ``convert(_:)`` gives text in ``MathText``'s convention (math between dollars, a literal
/// dollar as `\$`); ``plain(_:)`` and ``html(_:)`` give the two forms shown.
public enum LaTeXText {
  /// Display text in ``MathText``'s convention.
  public static func convert(_ latex: String) -> String {
    var converter = Converter(Array(latex.unicodeScalars))
    let raw = converter.run()
    return collapseWhitespace(raw).precomposedStringWithCanonicalMapping
  }

  /// Plain text: math keeps its dollars, `\$` is a dollar sign.
  public static func plain(_ latex: String) -> String { plainText(fromConverted: convert(latex)) }

  /// Escaped HTML with math as KaTeX-ready spans (``MathText/html(_:)``).
  public static func html(_ latex: String) -> String { MathText.html(convert(latex)) }

  static func plainText(fromConverted text: String) -> String {
    MathText.segments(text).map {
      switch $0 {
      case .text(let t): return t
      case .math(let tex, let display): return display ? "$$\(tex)$$" : "$\(tex)$"
      }
    }.joined()
  }

  static func collapseWhitespace(_ text: String) -> String {
    var out = String.UnicodeScalarView()
    var pendingSpace = false
    for c in text.unicodeScalars {
      if c == " " || c == "\t" || c == "\n" || c == "\r" {
        pendingSpace = !out.isEmpty
      } else {
        if pendingSpace { out.append(" ") }
        pendingSpace = false
        out.append(c)
      }
    }
    return String(out)
  }

  /// Combining marks of the accent commands.
  static let accents: [String: Unicode.Scalar] = [
    "`": "\u{300}", "'": "\u{301}", "^": "\u{302}", "~": "\u{303}", "=": "\u{304}", "u": "\u{306}",
    ".": "\u{307}", "\"": "\u{308}", "r": "\u{30A}", "H": "\u{30B}", "v": "\u{30C}", "d": "\u{323}",
    "c": "\u{327}", "k": "\u{328}", "b": "\u{331}", "t": "\u{361}",
  ]

  /// Commands that stand for a character.
  static let symbols: [String: String] = [
    "ss": "ß", "SS": "SS", "o": "ø", "O": "Ø", "aa": "å", "AA": "Å", "ae": "æ", "AE": "Æ", "oe": "œ",
    "OE": "Œ", "l": "ł", "L": "Ł", "i": "ı", "j": "ȷ", "dh": "ð", "DH": "Ð", "th": "þ", "TH": "Þ",
    "ng": "ŋ", "NG": "Ŋ", "dj": "đ", "DJ": "Đ", "textendash": "–", "textemdash": "—",
    "textquoteleft": "‘", "textquoteright": "’", "textquotedblleft": "“", "textquotedblright": "”",
    "S": "§", "P": "¶", "copyright": "©", "textcopyright": "©", "dag": "†", "ddag": "‡",
    "ldots": "…", "dots": "…", "textellipsis": "…", "textasciitilde": "~", "textbackslash": "\\",
    "textunderscore": "_", "textbar": "|", "textless": "<", "textgreater": ">", "textdegree": "°",
    "LaTeX": "LaTeX", "TeX": "TeX", "BibTeX": "BibTeX", "guillemotleft": "«", "guillemotright": "»",
    "quad": " ", "qquad": " ", "space": " ", "relax": "", "/": "", "-": "", "par": " ",
  ]

  /// Single-character escapes: `\&` → `&`. A dollar stays escaped (``MathText``'s convention).
  static let escapes: [Unicode.Scalar: String] = [
    "&": "&", "%": "%", "#": "#", "_": "_", "{": "{", "}": "}", "$": "\\$", " ": " ", ",": "\u{2009}",
    ";": " ", ":": " ", "!": "", "\\": " ", "-": "", "/": "",
  ]

  /// How deeply accent arguments may nest (`\"{\"{…}}`) before the rest is taken as it is.
  static let maximumNesting = 16

  /// Converts in one pass: braces are dropped where they stand (no recursion, so nesting depth
  /// costs nothing); only an accent's or `\href`'s braced argument is converted on its own.
  private struct Converter {
    let s: [Unicode.Scalar]
    let nesting: Int
    var i = 0

    init(_ s: some Collection<Unicode.Scalar>, nesting: Int = 0) {
      self.s = Array(s)
      self.nesting = nesting
    }

    /// Converts to the end.
    mutating func run() -> String {
      var out = ""
      while i < s.count {
        let c = s[i]
        switch c {
        case "{", "}":
          i += 1
        case "$":
          out += math()
        case "\\":
          out += command()
        case "~":
          out += "\u{A0}"
          i += 1
        case "-":
          if i + 2 < s.count && s[i + 1] == "-" && s[i + 2] == "-" {
            out += "—"
            i += 3
          } else if i + 1 < s.count && s[i + 1] == "-" {
            out += "–"
            i += 2
          } else {
            out += "-"
            i += 1
          }
        case "`":
          if i + 1 < s.count && s[i + 1] == "`" {
            out += "“"
            i += 2
          } else {
            out += "‘"
            i += 1
          }
        case "'":
          if i + 1 < s.count && s[i + 1] == "'" {
            out += "”"
            i += 2
          } else {
            out += "’"
            i += 1
          }
        default:
          out.unicodeScalars.append(c)
          i += 1
        }
      }
      return out
    }

    /// `$…$` or `$$…$$` as written; an unclosed `$` is a dollar sign.
    mutating func math() -> String {
      let display = i + 1 < s.count && s[i + 1] == "$"
      let width = display ? 2 : 1
      var k = i + width
      while k < s.count {
        if s[k] == "\\" {
          k += 2
          continue
        }
        if s[k] == "$" && (!display || (k + 1 < s.count && s[k + 1] == "$")) {
          let end = k + width
          let text = String(String.UnicodeScalarView(s[i..<end]))
          i = end
          return text
        }
        k += 1
      }
      i += 1
      return "\\$"
    }

    static func isLetter(_ c: Unicode.Scalar) -> Bool { ("a"..."z").contains(c) || ("A"..."Z").contains(c) }

    mutating func skipBlanks() {
      while i < s.count, s[i] == " " || s[i] == "\t" || s[i] == "\n" || s[i] == "\r" { i += 1 }
    }

    mutating func command() -> String {
      i += 1  // the backslash
      guard i < s.count else { return "" }
      let first = s[i]
      var name: String
      if Self.isLetter(first) {
        let start = i
        while i < s.count, Self.isLetter(s[i]) { i += 1 }
        name = String(String.UnicodeScalarView(s[start..<i]))
      } else {
        i += 1
        name = String(first)
        if LaTeXText.accents[name] == nil {
          return LaTeXText.escapes[first] ?? String(first)
        }
      }
      if let mark = LaTeXText.accents[name] {
        if Self.isLetter(first) { skipBlanks() }
        return accent(mark)
      }
      if Self.isLetter(first) { skipBlanks() }
      if let symbol = LaTeXText.symbols[name] { return symbol }
      if name == "href", i < s.count, s[i] == "{" {
        // \href{url}{text}: the text.
        _ = group()
        skipBlanks()
      }
      // Formatting and unknown commands: the command goes, its argument (if any) stays.
      return ""
    }

    /// The inside of the balanced `{…}` at `i` (to the end if it is never closed); `i` moves past it.
    mutating func group() -> ArraySlice<Unicode.Scalar> {
      let start = i + 1
      var depth = 0
      while i < s.count {
        if s[i] == "{" {
          depth += 1
        } else if s[i] == "}" {
          depth -= 1
          if depth == 0 {
            i += 1
            return s[start..<(i - 1)]
          }
        }
        i += 1
      }
      return s[min(start, s.count)..<s.count]
    }

    /// The accent `mark` on the next character or group.
    mutating func accent(_ mark: Unicode.Scalar) -> String {
      var base: String
      if i < s.count && s[i] == "{" {
        let inner = group()
        if nesting >= LaTeXText.maximumNesting {
          base = String(String.UnicodeScalarView(inner.filter { $0 != "{" && $0 != "}" }))
        } else {
          var converter = Converter(inner, nesting: nesting + 1)
          base = converter.run()
        }
      } else if i < s.count && s[i] == "\\" {
        base = command()
      } else if i < s.count {
        base = String(s[i])
        i += 1
      } else {
        base = ""
      }
      var scalars = Array(base.unicodeScalars)
      guard !scalars.isEmpty else { return String(mark) }
      // A dotless i or j takes the accent as a plain i or j.
      if scalars[0] == "ı" { scalars[0] = "i" }
      if scalars[0] == "ȷ" { scalars[0] = "j" }
      var out = String.UnicodeScalarView()
      out.append(scalars[0])
      out.append(mark)
      out.append(contentsOf: scalars.dropFirst())
      return String(out)
    }
  }
}
