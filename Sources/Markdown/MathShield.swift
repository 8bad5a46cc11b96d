/// TeX math protection: finds `$…$`, `$$…$$`, `\(…\)` and `\[…\]` in Markdown source and
/// replaces each with an opaque token before cmark-gfm sees it, so that emphasis, escapes,
/// links, HTML and table-cell splitting never touch math. Tokens are restored after rendering.
/// Citations and cross-references (``CitationLexer``'s forms) are protected the same way.
///
/// Where math opens and closes is ``MathLexer``'s business (Pandoc's `tex_math_dollars` rules,
/// the same for run-time text); this type adds what only Markdown has: `$` inside code spans
/// and code blocks is literal, a link destination is never math, `[@label]` is a
/// cross-reference. Display math may span lines, never a blank line. Line structure is kept: a math span over k lines
/// becomes a token followed by k−1 continuation lines, so source positions stay exact.
struct MathShield {
  /// One protected span of math, in source order.
  struct Span: Equatable {
    var tex: String
    var display: Bool
    var line: Int
    /// Set for a cross-reference or citation, `[@label]`, `[@a; @b]`, `[see @a, p. 3]` or
    /// narrative `@a` (then `tex` is empty): the reference as written, brackets included
    /// (``labels`` holds the labels one by one, ``citation`` the parsed form).
    var reference: String? = nil
    /// The labels of a cross-reference, in order.
    var labels: [String] = []
    /// The reference parsed by ``CitationLexer`` (prefixes, locators, narrative or not).
    var citation: Citation? = nil
    /// The column (1-based, in bytes) where a cross-reference, an equation's `{#eq-…}` or a
    /// heading's `{#…}` begins.
    var column: Int = 0
    /// `{#eq-name}` after display math: the equation's label.
    var equationLabel: String? = nil
    /// `{#name}` at the end of an ATX heading: the heading's label (then `tex` is empty and the
    /// token renders as nothing).
    var headingLabel: String? = nil
    /// The line of an equation's `{#eq-…}` (its closing line).
    var labelLine: Int = 0
    /// The span as written, delimiters included (reserved characters as their tokens): what
    /// it stands for where cmark saw code or raw HTML instead of text.
    var source: String = ""
  }

  private(set) var spans: [Span] = []

  /// Private-use code points delimit tokens; cmark passes them through as ordinary text.
  static let open: Character = "\u{E000}"
  static let close: Character = "\u{E001}"
  static let continuation: Character = "\u{E002}"

  /// Returns `source` with every math span replaced by a token. `codeLines[i]` is true for
  /// lines (0-based) inside code blocks or HTML blocks, which are copied verbatim.
  mutating func protect(_ source: String, verbatimLines: Set<Int>) -> String {
    let lines = source.utf8.split(separator: UInt8(ascii: "\n"), omittingEmptySubsequences: false)
    var out: [UInt8] = []
    out.reserveCapacity(source.utf8.count + 64)
    // Process runs of consecutive non-verbatim lines ("paragraph regions", split at blank lines).
    var region: [ArraySlice<UInt8>] = []
    var regionStart = 0
    func flush(_ out: inout [UInt8], _ shield: inout MathShield) {
      if region.isEmpty { return }
      shield.protectRegion(region, firstLine: regionStart, into: &out)
      region.removeAll(keepingCapacity: true)
    }
    for (index, lineSub) in lines.enumerated() {
      let line = ArraySlice(lineSub)
      let isBlank = line.allSatisfy { $0 == 0x20 || $0 == 0x09 || $0 == 0x0D }
      if verbatimLines.contains(index) || isBlank {
        flush(&out, &self)
        // Verbatim as far as cmark's first parse could tell (an unclosed fence's last line may
        // be text): references to markers are tokens here too.
        appendReplacingReservedReferences(line, to: &out)
        if index < lines.count - 1 { out.append(0x0A) }
        continue
      }
      if region.isEmpty { regionStart = index }
      region.append(line)
      if index == lines.count - 1 { flush(&out, &self) }
    }
    flush(&out, &self)
    return String(decoding: out, as: UTF8.self)
  }

  /// Scans one region (lines without their newlines), writing the protected text to `out`
  /// followed by a newline after every line except possibly the file's last.
  private mutating func protectRegion(
    _ region: [ArraySlice<UInt8>], firstLine: Int, into out: inout [UInt8]
  ) {
    // Join the region with "\n" to scan code spans and math across line ends.
    var text: [UInt8] = []
    var lineStarts: [Int] = []
    for (k, line) in region.enumerated() {
      lineStarts.append(text.count)
      appendReplacingReservedReferences(line, to: &text)
      if k < region.count - 1 { text.append(0x0A) }
    }
    let n = text.count
    func lineOf(_ offset: Int) -> Int {
      var lo = 0
      var hi = lineStarts.count - 1
      while lo < hi {
        let mid = (lo + hi + 1) / 2
        if lineStarts[mid] <= offset { lo = mid } else { hi = mid - 1 }
      }
      return lo
    }
    var lexer = MathLexer(text)
    // Backtick runs by length, for matching code spans in linear time.
    var i = 0
    // Where the current run of non-space bytes began (a URL's `@` is not a citation), and how far
    // it has been searched for `://` (each byte once: linear time).
    var wordStart = 0
    // Up to where the text of a link runs (no citations in it).
    var noCitationBefore = 0
    var urlScan = (start: -1, upTo: 0, isURL: false)
    /// Whether the `@` at `i` is in a word that holds `://` before it or starts with `www.`.
    func inURL(_ i: Int) -> Bool {
      if urlScan.start != wordStart {
        urlScan = (wordStart, wordStart, text[wordStart..<i].starts(with: Array("www.".utf8)))
      }
      var p = max(urlScan.upTo, wordStart + 2)
      while !urlScan.isURL && p < i {
        if text[p] == 0x2F && text[p - 1] == 0x2F && text[p - 2] == 0x3A { urlScan.isURL = true }
        p += 1
      }
      urlScan.upTo = max(urlScan.upTo, i)
      return urlScan.isURL
    }
    var result: [UInt8] = []
    result.reserveCapacity(n)
    var runsByLength: [Int: [Int]] = [:]
    do {
      var j = 0
      while j < n {
        if text[j] == 0x60 {
          var k = j
          while k < n && text[k] == 0x60 { k += 1 }
          // A run preceded by a backslash still counts as a closer, not as an opener.
          runsByLength[k - j, default: []].append(j)
          j = k
        } else {
          j += 1
        }
      }
    }
    var runCursor: [Int: Int] = [:]
    func nextRun(length: Int, after position: Int) -> Int? {
      guard let runs = runsByLength[length] else { return nil }
      var c = runCursor[length] ?? 0
      while c < runs.count && runs[c] <= position { c += 1 }
      runCursor[length] = c
      return c < runs.count ? runs[c] : nil
    }
    /// Code spans bind more tightly than math (as in CommonMark they do than emphasis): a
    /// `$…$` whose closer lies inside a code span that opens within it is not math
    /// ("costs $10 here, and `$code$`" has a code span, not math).
    func cutsCodeSpan(_ match: MathLexer.Match) -> Bool {
      var p = match.content.lowerBound
      let end = match.content.upperBound
      while p < end {
        guard text[p] == 0x60 else {
          p += 1
          continue
        }
        var k = p
        while k < n && text[k] == 0x60 { k += 1 }
        if let runs = runsByLength[k - p] {
          // The next run of the same length after this one closes the code span.
          var lo = 0
          var hi = runs.count
          while lo < hi {
            let mid = (lo + hi) / 2
            if runs[mid] <= p { lo = mid + 1 } else { hi = mid }
          }
          if lo < runs.count {
            if runs[lo] >= end { return true }
            // A code span inside the math: skip it whole.
            k = runs[lo] + (k - p)
          }
        }
        p = k
      }
      return false
    }
    /// Emits the math; display math followed on its closing line by `{#eq-name}` is a
    /// labelled equation. Returns where scanning goes on.
    func emit(_ match: MathLexer.Match, opener: Int) -> Int {
      var equation: (label: String, line: Int, column: Int)? = nil
      var end = match.end
      if match.display {
        var k = match.end
        while k < n && (text[k] == 0x20 || text[k] == 0x09) { k += 1 }
        if k + 1 < n, text[k] == 0x7B, text[k + 1] == 0x23, let (label, j) = attribute(text, at: k),
          label.hasPrefix("eq-")
        {
          let line = lineOf(k)
          equation = (label, firstLine + line + 1, k - lineStarts[line] + 1)
          end = j
        }
      }
      emitMath(
        text, match.content.lowerBound, match.content.upperBound, display: match.display,
        startLine: firstLine + lineOf(opener), lineOfEnd: lineOf(match.content.upperBound),
        lineOfStart: lineOf(opener), source: text[opener..<match.end], into: &result)
      if let equation {
        spans[spans.count - 1].equationLabel = equation.label
        spans[spans.count - 1].labelLine = equation.line
        spans[spans.count - 1].column = equation.column
      }
      return end
    }

    while i < n {
      let c = text[i]
      if c == 0x5C /* \ */ && i + 1 < n {
        if let match = lexer.backslashMath(at: i) {
          i = emit(match, opener: i)
          continue
        }
        result.append(c)
        result.append(text[i + 1])
        i += 2
        continue
      }
      if isSpace(c) { wordStart = i + 1 }
      if c == 0x3C /* < */, let j = autolinkEnd(text, at: i) {
        // An autolink `<https://host/@user>` or `<a@b.org>` is never a citation.
        result.append(contentsOf: text[i..<j])
        i = j
        continue
      }
      if c == 0x5B /* [ */, let close = linkTextEnd(text, at: i) {
        // A link's text holds no citations (`[@a](url)` is a link).
        noCitationBefore = close
      }
      if let (citation, j) =
        c == 0x5B /* [ */
        ? (i < noCitationBefore ? nil : bracketedCitation(text, at: i))
        : c == 0x40 /* @ */ && i >= noCitationBefore && !inURL(i) ? narrativeCitation(text, at: i) : nil
      {
        // A cross-reference or citation: `[@fig-a]`, `[@fig-a; @fig-b]`, `[see @a, ch. 3]`,
        // narrative `@a` or `@a [p. 3]`.
        let index = spans.count
        let line = lineOf(i)
        let written = String(decoding: text[i..<j], as: UTF8.self)
        spans.append(
          Span(
            tex: "", display: false, line: firstLine + line + 1,
            reference: MarkerEscaping.restore(written), labels: citation.keys, citation: citation,
            column: i - lineStarts[line] + 1, source: written))
        result.append(contentsOf: Array(String(MathShield.open).utf8))
        result.append(contentsOf: Array(String(index).utf8))
        result.append(contentsOf: Array(String(MathShield.close).utf8))
        i = j
        continue
      }
      if c == 0x7B /* { */, i + 1 < n, text[i + 1] == 0x23 /* # */, let (label, j) = attribute(text, at: i),
        isHeadingEnd(text, at: i, end: j, lineStart: lineStarts[lineOf(i)])
      {
        // `## Heading {#sec-name}`: the heading's label; the spaces before it go too.
        while let last = result.last, last == 0x20 || last == 0x09 { result.removeLast() }
        let line = lineOf(i)
        let index = spans.count
        spans.append(
          Span(
            tex: "", display: false, line: firstLine + line + 1, column: i - lineStarts[line] + 1,
            headingLabel: label, source: String(decoding: text[i..<j], as: UTF8.self)))
        result.append(contentsOf: Array(String(MathShield.open).utf8))
        result.append(contentsOf: Array(String(index).utf8))
        result.append(contentsOf: Array(String(MathShield.close).utf8))
        i = j
        continue
      }
      if c == 0x5D /* ] */ && i + 1 < n && text[i + 1] == 0x28 /* ( */ {
        // A link destination is never math: copy `](…)` through its balanced `)`, or up to
        // the first space (a title may follow, which is text again).
        var j = i + 2
        var depth = 1
        while j < n {
          let b = text[j]
          if b == 0x5C {
            j += 2
            continue
          }
          if isSpace(b) { break }
          if b == 0x28 { depth += 1 }
          if b == 0x29 {
            depth -= 1
            if depth == 0 {
              j += 1
              break
            }
          }
          j += 1
        }
        j = min(j, n)
        result.append(contentsOf: text[i..<j])
        i = j
        continue
      }
      if c == 0x60 /* ` */ {
        // Code spans take precedence over math that opens inside them.
        var k = i
        while k < n && text[k] == 0x60 { k += 1 }
        let length = k - i
        if let close = nextRun(length: length, after: i) {
          result.append(contentsOf: text[i..<(close + length)])
          i = close + length
        } else {
          result.append(contentsOf: text[i..<k])
          i = k
        }
        continue
      }
      if c == 0x24 /* $ */, let match = lexer.dollarMath(at: i), !cutsCodeSpan(match) {
        i = emit(match, opener: i)
        continue
      }
      result.append(c)
      i += 1
    }
    out.append(contentsOf: result)
    out.append(0x0A)
  }

  /// Appends `line`, with every numeric character reference to a reserved marker (`&#xE000;`,
  /// which cmark would decode into a marker) written as that character's token instead
  /// (``MarkerEscaping``; it renders as the same reference). Also inside what looks like a code
  /// span: whether it is one is cmark's call (an autolink may swallow a backtick), and a marker
  /// must not be forgeable either way.
  private func appendReplacingReservedReferences(_ line: ArraySlice<UInt8>, to text: inout [UInt8]) {
    guard line.contains(0x26) else {
      text.append(contentsOf: line)
      return
    }
    let bytes = Array(line)
    var k = 0
    while k < bytes.count {
      if bytes[k] == 0x26, let (scalar, end) = reservedReference(bytes, at: k) {
        text.append(
          contentsOf: [
            0xEE, 0x80, MarkerEscaping.referenceMark, MarkerEscaping.hexDigit(UInt8(scalar & 0xF)),
          ])
        k = end
      } else {
        text.append(bytes[k])
        k += 1
      }
    }
  }

  /// A numeric character reference (`&#xE000;`, `&#57344;`) to a reserved marker at `i`: the
  /// code point and the offset after the `;`.
  private func reservedReference(_ t: [UInt8], at i: Int) -> (UInt32, Int)? {
    let n = t.count
    guard i + 3 < n, t[i + 1] == 0x23 /* # */ else { return nil }
    var j = i + 2
    let hex = t[j] == 0x78 || t[j] == 0x58
    if hex { j += 1 }
    var value: UInt32 = 0
    let start = j
    while j < n, j - start < 8 {
      let b = t[j]
      let digit: UInt32
      switch b {
      case 0x30...0x39: digit = UInt32(b - 0x30)
      case 0x61...0x66 where hex: digit = UInt32(b - 0x61 + 10)
      case 0x41...0x46 where hex: digit = UInt32(b - 0x41 + 10)
      default: digit = 99
      }
      if digit == 99 { break }
      value = value * (hex ? 16 : 10) + digit
      j += 1
    }
    guard j > start, j < n, t[j] == 0x3B /* ; */, (0xE000...0xE00F).contains(value) else { return nil }
    return (value, j + 1)
  }

  private func isAlphanumeric(_ b: UInt8) -> Bool { MathLexer.isAlphanumeric(b) }

  private func isSpace(_ b: UInt8) -> Bool { MathLexer.isSpace(b) }

  /// A label's characters: letters, digits, `-`, `_`, `:` and `.` (not last).
  private func isLabelByte(_ b: UInt8) -> Bool {
    isAlphanumeric(b) || b == 0x2D || b == 0x5F || b == 0x3A || b == 0x2E
  }

  /// A bracketed citation or cross-reference at `i` (the `[`), as ``CitationLexer`` reads it
  /// (`[@a]`, `[@a; @b]`, `[see @a, ch. 3]`), and the index after its `]`; nil when the brackets
  /// hold another `[`, are a link (`[@a](…)`, `[@a][ref]`) or not every item has a key.
  private func bracketedCitation(_ t: [UInt8], at i: Int) -> (Citation, Int)? {
    var j = i + 1
    var hasAt = false
    while j < t.count, t[j] != 0x5D {
      if t[j] == 0x5B { return nil }
      if t[j] == 0x40 { hasAt = true }
      j += t[j] == 0x5C ? 2 : 1
    }
    guard hasAt, j < t.count else { return nil }
    if j + 1 < t.count, t[j + 1] == 0x28 || t[j + 1] == 0x5B { return nil }
    let written = MarkerEscaping.restore(String(decoding: t[i...j], as: UTF8.self))
    guard let citation = CitationLexer.bracketed(written) else { return nil }
    return (citation, j + 1)
  }

  /// The `]` of `[…]` at `i` when a link destination or label follows it (`[text](…)`,
  /// `[text][ref]`) and the brackets hold no other `[`; nil otherwise.
  private func linkTextEnd(_ t: [UInt8], at i: Int) -> Int? {
    var j = i + 1
    while j < t.count, t[j] != 0x5D {
      if t[j] == 0x5B { return nil }
      j += t[j] == 0x5C ? 2 : 1
    }
    guard j + 1 < t.count, t[j + 1] == 0x28 || t[j + 1] == 0x5B else { return nil }
    return j
  }

  /// A narrative citation or cross-reference at `i` (the `@`): `@key`, `@key [p. 3]`, and the
  /// index after it. Pandoc's rules: not after a letter or digit (an e-mail address); the caller
  /// rules out URLs.
  private func narrativeCitation(_ t: [UInt8], at i: Int) -> (Citation, Int)? {
    let n = t.count
    guard i + 1 < n, isAlphanumeric(t[i + 1]) || t[i + 1] == 0x5F || t[i + 1] == 0x7B else { return nil }
    if i > 0, isAlphanumeric(t[i - 1]) || t[i - 1] >= 0x80 || t[i - 1] == 0x5C { return nil }
    // The key's bytes (and a locator in brackets after it): what CitationLexer looks at.
    var j = i + 1
    if t[j] == 0x7B {
      while j < n, t[j] != 0x7D, t[j] != 0x0A { j += 1 }
      j = min(j + 1, n)
    } else {
      while j < n, isAlphanumeric(t[j]) || t[j] >= 0x80 || isKeyPunctuation(t[j]) { j += 1 }
    }
    var end = j
    var k = j
    if k < n, t[k] == 0x20 { k += 1 }
    if k < n, t[k] == 0x5B {
      var m = k + 1
      while m < n, t[m] != 0x5D, t[m] != 0x5B { m += 1 }
      if m < n, t[m] == 0x5D { end = min(m + 2, n) }
    }
    let candidate = MarkerEscaping.restore(String(decoding: t[i..<end], as: UTF8.self))
    guard let match = CitationLexer.citations(in: candidate).first,
      match.range.lowerBound == candidate.startIndex, match.citation.form == .narrative
    else { return nil }
    // Back to bytes: the match is a prefix of what the bytes say (markers are restored only in
    // keys, which never hold them).
    let length = candidate[match.range].utf8.count
    return (match.citation, i + length)
  }

  /// `_` and what ``CitationLexer`` allows inside a key: `:.#$%&-+?<>~/`.
  private func isKeyPunctuation(_ b: UInt8) -> Bool {
    b == 0x5F || b == 0x3A || b == 0x2E || b == 0x23 || b == 0x24 || b == 0x25 || b == 0x26 || b == 0x2D
      || b == 0x2B || b == 0x3F || b == 0x3C || b == 0x3E || b == 0x7E || b == 0x2F
  }

  /// The index after an autolink `<scheme:…>` or `<user@host>` at `i`, or nil.
  private func autolinkEnd(_ t: [UInt8], at i: Int) -> Int? {
    var j = i + 1
    guard j < t.count, isAlphanumeric(t[j]) else { return nil }
    var sawMark = false
    while j < t.count, t[j] != 0x3E {
      if isSpace(t[j]) || t[j] == 0x3C { return nil }
      if t[j] == 0x3A || t[j] == 0x40 { sawMark = true }
      j += 1
    }
    return j < t.count && sawMark ? j + 1 : nil
  }

  /// `{#label}` at `i`: the label and the index after the `}`.
  private func attribute(_ t: [UInt8], at i: Int) -> (String, Int)? {
    guard i + 2 < t.count, t[i] == 0x7B, t[i + 1] == 0x23, isAlphanumeric(t[i + 2]) else { return nil }
    var j = i + 2
    while j < t.count && isLabelByte(t[j]) { j += 1 }
    guard j < t.count, t[j] == 0x7D else { return nil }
    return (String(decoding: t[(i + 2)..<j], as: UTF8.self), j + 1)
  }

  /// Whether `{#…}` at `start..<end` ends an ATX heading line (`#`s after up to three spaces,
  /// then a space; only spaces and closing `#`s… are not allowed after it), or the first line
  /// of a callout (`> [!KIND] …`).
  private func isHeadingEnd(_ t: [UInt8], at start: Int, end: Int, lineStart: Int) -> Bool {
    var k = end
    while k < t.count && (t[k] == 0x20 || t[k] == 0x09 || t[k] == 0x0D) { k += 1 }
    guard k == t.count || t[k] == 0x0A else { return false }
    var p = lineStart
    // The first line of a callout, `> [!EXERCISE] Title {#exr-name}`.
    var q = lineStart
    var quotes = 0
    while q < start && (t[q] == 0x20 || t[q] == 0x09 || t[q] == 0x3E) {
      if t[q] == 0x3E { quotes += 1 }
      q += 1
    }
    if quotes > 0, q + 2 < start, t[q] == 0x5B, t[q + 1] == 0x21 {
      var r = q + 2
      while r < start, (t[r] >= 0x41 && t[r] <= 0x5A) || (t[r] >= 0x61 && t[r] <= 0x7A) { r += 1 }
      if r > q + 2, r < start, t[r] == 0x5D { return true }
    }
    var spaces = 0
    while p < start && t[p] == 0x20 && spaces < 3 {
      p += 1
      spaces += 1
    }
    var hashes = 0
    while p < start && t[p] == 0x23 {
      p += 1
      hashes += 1
    }
    return (1...6).contains(hashes) && p < start && (t[p] == 0x20 || t[p] == 0x09)
  }

  /// Appends a token for `t[start..<end]`, plus one continuation line for every line break the
  /// math covers. Continuation lines repeat the opening line's blockquote prefix (`> `).
  private mutating func emitMath(
    _ t: [UInt8], _ start: Int, _ end: Int, display: Bool, startLine: Int,
    lineOfEnd: Int, lineOfStart: Int, source: ArraySlice<UInt8>, into out: inout [UInt8]
  ) {
    var tex = Array(t[start..<end])
    let breaks = lineOfEnd - lineOfStart
    var prefix: [UInt8] = []
    if breaks > 0 {
      // The container prefix of the line where the math opens: spaces and `>` markers.
      var ls = start
      while ls > 0 && t[ls - 1] != 0x0A { ls -= 1 }
      var p = ls
      while p < start && (t[p] == 0x20 || t[p] == 0x09 || t[p] == 0x3E) { p += 1 }
      prefix = Array(t[ls..<p])
      if prefix.contains(0x3E) {
        // Strip the same blockquote markers from the math's continuation lines.
        var cleaned: [UInt8] = []
        var atLineStart = false
        for b in tex {
          if b == 0x0A {
            atLineStart = true
            cleaned.append(b)
            continue
          }
          if atLineStart && (b == 0x20 || b == 0x09 || b == 0x3E) { continue }
          atLineStart = false
          cleaned.append(b)
        }
        tex = cleaned
      } else {
        prefix = prefix.filter { $0 == 0x20 || $0 == 0x09 }
      }
    }
    let index = spans.count
    spans.append(
      Span(
        tex: MarkerEscaping.restore(String(decoding: tex, as: UTF8.self)), display: display,
        line: startLine + 1, source: String(decoding: source, as: UTF8.self)))
    out.append(contentsOf: Array(String(MathShield.open).utf8))
    out.append(contentsOf: Array(String(index).utf8))
    out.append(contentsOf: Array(String(MathShield.close).utf8))
    for _ in 0..<breaks {
      out.append(0x0A)
      out.append(contentsOf: prefix)
      out.append(contentsOf: Array(String(MathShield.continuation).utf8))
    }
  }
}
