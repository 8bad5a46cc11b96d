/// A piece of a label drawn in one style.
struct TextRun: Equatable, Sendable {
  var text: String
  /// Baseline offset in units of the base font size, positive upwards.
  var shift: Double = 0
  /// Font size relative to the base size.
  var scale: Double = 1
  var italic = false
  var bold = false
}

/// TeX-style labels (`C_w`, `z^{(l)}`, `\chi_\perp`, `\kappa_4/(3G^2)`, Unicode `κ_4`) turned
/// into styled runs that SVG draws with `<tspan>`s: subscripts and superscripts are smaller
/// (72 %, at least 50 %) and moved by `dy` (down 0.22 em, up 0.38 em of the enclosing size),
/// which every browser supports, unlike `baseline-shift`.
///
/// Without `$` in the label the whole label is read as math, with two text-friendly rules:
/// a Latin letter is set italic only when it stands alone (`n`, `C_w`, `2(l-1)/n`, not the
/// letters of `density`), and `-` between two letters stays a hyphen (`Monte-Carlo`), else it
/// becomes a minus sign. With `$…$` only the delimited parts are math and all their Latin
/// letters are italic, as in TeX.
enum MathText {
  static func parse(_ label: String) -> [TextRun] {
    var parser = MathParser(label)
    parser.parseSequence(MathParser.Style(), untilBrace: false)
    return parser.runs
  }

  /// The content of an SVG `<text>` element drawing `runs` at `fontSize` (text escaped). The
  /// baseline is restored after every shifted run, so the text that follows sits right.
  static func svgContent(_ runs: [TextRun], fontSize: Double) -> String {
    var out = ""
    var currentTenths = 0
    var previousItalic = false
    for run in runs {
      var attributes = ""
      // Italic correction: a superscript after a slanted letter moves right by 0.1 em.
      if previousItalic && run.shift > 0 {
        attributes += " dx=\"" + NumberFormatting.coordinate(0.1 * fontSize) + "\""
      }
      previousItalic = run.italic
      let tenths = Int((-run.shift * fontSize * 10).rounded())
      if tenths != currentTenths {
        attributes += " dy=\"" + NumberFormatting.coordinate(Double(tenths - currentTenths) / 10) + "\""
        currentTenths = tenths
      }
      if run.scale != 1 {
        attributes += " font-size=\"" + NumberFormatting.coordinate(fontSize * run.scale) + "\""
      }
      if run.italic { attributes += " font-style=\"italic\"" }
      if run.bold { attributes += " font-weight=\"bold\"" }
      let text = XML.escape(run.text)
      out += attributes.isEmpty ? text : "<tspan" + attributes + ">" + text + "</tspan>"
    }
    return out
  }

  /// The label as plain Unicode for descriptions: symbols resolved, sub- and superscripts
  /// marked with `_` and `^` (`\chi_\perp` → `χ_⊥`, `z^{(l)}` → `z^(l)`).
  static func plain(_ runs: [TextRun]) -> String {
    runs.map { run in
      guard run.shift != 0 else { return run.text }
      let body = run.text.count > 1 ? "{" + run.text + "}" : run.text
      return (run.shift < 0 ? "_" : "^") + body
    }.joined()
  }

  static func plain(_ label: String) -> String { plain(parse(label)) }

  /// Estimated drawn width in user units of `runs` at `fontSize`: the sum of the runs'
  /// ``TextMetrics`` advances at their sizes (bold 10 % wider), plus the 0.1 em italic
  /// correction that ``svgContent(_:fontSize:)`` puts before a superscript. Within about 3 %
  /// of Chromium's width with KaTeX_Main (see ``TextMetrics``).
  static func width(_ runs: [TextRun], fontSize: Double) -> Double {
    var sum = 0.0
    var previousItalic = false
    for run in runs {
      if previousItalic && run.shift > 0 { sum += 0.1 * fontSize }
      previousItalic = run.italic
      sum +=
        TextMetrics.width(run.text, fontSize: fontSize * run.scale, italic: run.italic) * (run.bold ? 1.1 : 1)
    }
    return sum
  }
}

/// Recursive-descent reader of the label grammar described at ``MathText``.
struct MathParser {
  struct Style {
    var shift = 0.0
    var scale = 1.0
    var upright = false
    var bold = false
  }

  let chars: [Character]
  let explicitMath: Bool
  var inMath: Bool
  var i = 0
  var runs: [TextRun] = []

  init(_ label: String) {
    chars = Array(label)
    var dollars = false
    var previous: Character = " "
    for c in chars {
      if c == "$" && previous != "\\" { dollars = true }
      previous = c
    }
    explicitMath = dollars
    inMath = !dollars
  }

  mutating func parseSequence(_ outer: Style, untilBrace: Bool) {
    var style = outer
    while i < chars.count {
      if chars[i] == "}" {
        i += 1
        if untilBrace { return }
        continue
      }
      parseAtom(&style)
    }
  }

  /// One character, group, command or script, read from position `i`.
  mutating func parseAtom(_ style: inout Style) {
    let c = chars[i]
    switch c {
    case "{":
      i += 1
      parseSequence(style, untilBrace: true)
    case "$" where explicitMath:
      i += 1
      inMath.toggle()
    case "_" where inMath, "^" where inMath:
      i += 1
      var script = style
      script.shift += (c == "_" ? -0.22 : 0.38) * style.scale
      script.scale = max(style.scale * 0.72, 0.5)
      parseArgument(script)
    case "\\":
      parseCommand(&style)
    default:
      i += 1
      emitCharacter(c, at: i - 1, style)
    }
  }

  /// A macro or script argument: a braced group or a single atom.
  mutating func parseArgument(_ style: Style) {
    while i < chars.count, chars[i] == " " { i += 1 }
    guard i < chars.count else { return }
    if chars[i] == "{" {
      i += 1
      parseSequence(style, untilBrace: true)
    } else {
      var s = style
      let start = i
      parseAtom(&s)
      // A control word as a script (`\chi_\perp = 1`) must not swallow the space that
      // follows the script: that space belongs to the outer level.
      if chars[start] == "\\", i > start + 1, chars[i - 1] == " " { i -= 1 }
    }
  }

  /// Whether the argument starting at `i` is one character or one control word, so that it
  /// needs no parentheses after `√` or around a `/`.
  func argumentIsSimple() -> Bool {
    var j = i
    while j < chars.count, chars[j] == " " { j += 1 }
    guard j < chars.count else { return true }
    guard chars[j] == "{" else { return true }
    var depth = 0
    var content: [Character] = []
    while j < chars.count {
      if chars[j] == "{" {
        depth += 1
        if depth == 1 {
          j += 1
          continue
        }
      }
      if chars[j] == "}" {
        depth -= 1
        if depth == 0 { break }
      }
      content.append(chars[j])
      j += 1
    }
    if content.count <= 1 { return true }
    if content.first == "\\" { return content.dropFirst().allSatisfy { $0.isLetter } }
    return content.allSatisfy { $0.isNumber }
  }

  mutating func parseCommand(_ style: inout Style) {
    i += 1
    guard i < chars.count else {
      emit("\\", style, italic: false)
      return
    }
    let first = chars[i]
    if !(first.isASCII && first.isLetter) {
      i += 1
      switch first {
      case ",", ">", ":": emit("\u{2009}", style, italic: false)
      case ";": emit("\u{2005}", style, italic: false)
      case " ": emit(" ", style, italic: false)
      case "!": break
      default: emit(String(first), style, italic: false)
      }
      return
    }
    var name = ""
    while i < chars.count, chars[i].isASCII, chars[i].isLetter {
      name.append(chars[i])
      i += 1
    }
    if let symbol = MathSymbols.table[name] {
      emit(symbol, style, italic: false)
      // A control word swallows the space after it, as in TeX.
      if i < chars.count, chars[i] == " " { i += 1 }
      return
    }
    if MathSymbols.ignored.contains(name) {
      if i < chars.count, chars[i] == "." { i += 1 }
      return
    }
    switch name {
    case _ where MathSymbols.upright.contains(name):
      var s = style
      s.upright = true
      parseArgument(s)
    case _ where MathSymbols.bold.contains(name):
      var s = style
      s.bold = true
      parseArgument(s)
    case "rm":
      style.upright = true
    case "bf":
      style.bold = true
    case "mathit", "textit", "it":
      parseArgument(style)
    case "sqrt":
      if i < chars.count, chars[i] == "[" {
        while i < chars.count, chars[i] != "]" { i += 1 }
        i += 1
      }
      emit("√", style, italic: false)
      wrapped(style)
    case "frac", "dfrac", "tfrac":
      wrapped(style)
      emit("/", style, italic: false)
      wrapped(style)
    default:
      emit(name, style, italic: false)
    }
  }

  /// An argument, in parentheses unless it is a single symbol.
  mutating func wrapped(_ style: Style) {
    let simple = argumentIsSimple()
    if !simple { emit("(", style, italic: false) }
    parseArgument(style)
    if !simple { emit(")", style, italic: false) }
  }

  func isLatinLetter(_ c: Character) -> Bool { c.isASCII && c.isLetter }

  /// A `-` joining a word (`4-point`, `Monte-Carlo`, `x-axis`): after a letter or digit and
  /// before a word of two or more letters. Otherwise (`l-1`, `-3`, `l-n`) it is a minus.
  func isHyphen(at index: Int) -> Bool {
    guard index > 0, index + 2 < chars.count else { return false }
    let before = chars[index - 1]
    return (before.isLetter || before.isNumber) && chars[index + 1].isLetter && chars[index + 2].isLetter
  }

  mutating func emitCharacter(_ c: Character, at index: Int, _ style: Style) {
    let before: Character = index > 0 ? chars[index - 1] : " "
    let after: Character = index + 1 < chars.count ? chars[index + 1] : " "
    if c == "-" && inMath && !(!explicitMath && isHyphen(at: index)) {
      emit("−", style, italic: false)
      return
    }
    if c == "'" && inMath && explicitMath {
      emit("′", style, italic: false)
      return
    }
    var italic = false
    if inMath && !style.upright && isLatinLetter(c) {
      italic = explicitMath || (!isLatinLetter(before) && !isLatinLetter(after) && before != "\\")
    }
    emit(String(c), style, italic: italic)
  }

  mutating func emit(_ text: String, _ style: Style, italic: Bool) {
    let run = TextRun(
      text: text, shift: style.shift, scale: style.scale, italic: italic, bold: style.bold)
    if var last = runs.last, last.shift == run.shift, last.scale == run.scale,
      last.italic == run.italic, last.bold == run.bold
    {
      last.text += text
      runs[runs.count - 1] = last
    } else {
      runs.append(run)
    }
  }
}
