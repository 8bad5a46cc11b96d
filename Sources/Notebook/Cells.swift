import Foundation
import Markdown

/// Options of a `{swift}` block, written Quarto-style as its leading comment lines:
///
///     //| echo: false
///     //| label: fig-four-point
///     //| caption: The connected four-point function against depth.
public struct BlockOptions: Sendable, Hashable, Codable {
  /// Show the code (default true).
  public var echo = true
  /// Show what the block prints, and its figures and tables (default true).
  public var output = true
  /// Run the block (default true); `false` shows it only.
  public var eval = true
  /// Anchor id of the block's first figure or table, referable as `[@label]` in the prose.
  public var label: String?
  /// Caption of the block's figure or table.
  public var caption: String?
  /// Seconds the whole chapter may run (the largest over its blocks counts).
  public var timeout: Int?
  /// Megabytes the block may print (stdout and stderr); past it the chapter is stopped with an
  /// error at the block. Default `NOTES_MAX_OUTPUT_MB`, else 4.
  public var maxOutput: Double?
  /// Show the code folded under "Code" (`<details>`; the output stays visible); nil: the
  /// book's default (`code-fold` in `notes.toml`). Presentation only: not part of the cache key.
  public var codeFold: Bool?

  public init() {}

  public static let keys = [
    "echo", "output", "eval", "label", "caption", "timeout", "max-output", "code-fold",
  ]
}

/// One piece of a chapter's Swift: a fenced `{swift}` block or an inline `` `{swift} expr` ``.
public struct Cell: Sendable, Hashable {
  public enum Kind: Sendable, Hashable {
    /// `code` is the block without its option lines; `codeLine` the source line of its first line.
    case block(code: String, codeLine: Int, options: BlockOptions)
    /// `expression` is the text after `{swift} `.
    case inline(expression: String)
  }

  /// Position among the chapter's cells (0-based, in source order).
  public var index: Int
  public var kind: Kind
  /// The Markdown node the cell replaces (see `Document.render(_:replacing:)`).
  public var nodeID: Int
  /// The source line of the fence or of the inline span.
  public var line: Int
  /// For an inline cell, the 1-based column of its expression in that line, when it can be
  /// found (so compiler diagnostics point at the right column).
  public var column: Int?
  /// For a block inside a blockquote or list item, how many columns of container prefix
  /// (`> `, list indentation) stand before its code in the source lines, so compiler columns
  /// can point at the chapter's columns.
  public var indent: Int = 0

  public var isBlock: Bool {
    if case .block = kind { return true } else { return false }
  }
  public var options: BlockOptions {
    if case .block(_, _, let options) = kind { return options } else { return BlockOptions() }
  }
}

/// A chapter seen as a notebook: its cells in order, with where they stand.
public struct NotebookChapter: Sendable {
  public var file: String
  public var slug: String
  public var cells: [Cell]
  /// Hints about the chapter's cells (an unterminated fence), at their lines.
  public var warnings: [Diagnostic] = []
  /// The blocks' `//| label:` options, in order, at the label's position.
  public var labels: [Document.Label] = []

  /// The chapter's timeout in seconds: the largest `timeout` option, else 600.
  public var timeout: Int { cells.compactMap(\.options.timeout).max() ?? 600 }

  /// Collects the cells of `document`. Malformed options are errors at their line.
  public init(document: Document, file: String, slug: String) throws(BuildFailure) {
    self.file = file
    self.slug = slug
    var cells: [Cell] = []
    var diagnostics: [Diagnostic] = []
    var warnings: [Diagnostic] = []
    let sourceLines = document.source.split(separator: "\n", omittingEmptySubsequences: false)
    /// Labels seen so far, with the line of their option.
    var labels: [String: Int] = [:]
    var labelPositions: [Document.Label] = []
    for node in document.nodes {
      switch node.kind {
      case .codeBlock(let info) where Self.isExecutable(info: info):
        do {
          let (code, options, skipped) = try Self.parseOptions(
            node.literal ?? "", firstLine: node.range.startLine + 1, file: file)
          let codeLine = node.range.startLine + 1 + skipped
          if let label = options.label {
            let line = Self.optionLine(
              "label", from: node.range.startLine + 1, count: skipped, in: sourceLines)
            let column = Self.column(of: label, after: "label", line: line, in: sourceLines)
            if !options.output || !options.eval {
              diagnostics.append(
                Diagnostic(
                  file: file, line: line, column: column,
                  message:
                    "a label needs the block's output; this block has \(options.eval ? "output" : "eval"): false"
                ))
            } else if let first = labels[label] {
              diagnostics.append(
                Diagnostic(
                  file: file, line: line, column: column,
                  message: "duplicate label '\(label)' (first at \(first))"))
            } else {
              labels[label] = line
              labelPositions.append(Document.Label(name: label, line: line, column: column ?? 1))
            }
          }
          if let hint = Self.unterminatedFence(node, lines: sourceLines, file: file) { warnings.append(hint) }
          cells.append(
            Cell(
              index: cells.count,
              kind: .block(code: code, codeLine: codeLine, options: options),
              nodeID: node.id, line: node.range.startLine, column: nil,
              indent: Self.indent(of: code, from: codeLine, in: sourceLines)))
        } catch {
          diagnostics.append(error)
        }
      case .code:
        // `{swift} expr` is a cell; a bare `{swift}` is text about the syntax.
        let literal = node.literal ?? ""
        guard literal.hasPrefix("{swift} ") || literal.hasPrefix("{swift}\t") else { continue }
        let expression = literal.dropFirst("{swift}".count).trimmingCharacters(in: .whitespaces)
        if expression.isEmpty {
          diagnostics.append(
            Diagnostic(file: file, line: node.range.startLine, message: "empty inline `{swift}` expression"))
          continue
        }
        var column: Int?
        let line = node.range.startLine
        if line >= 1, line <= sourceLines.count {
          let text = sourceLines[line - 1]
          if let span = text.range(of: "{swift}"), let found = text[span.upperBound...].range(of: expression)
          {
            column = text.utf8.distance(from: text.startIndex, to: found.lowerBound) + 1
          }
        }
        cells.append(
          Cell(
            index: cells.count, kind: .inline(expression: expression), nodeID: node.id, line: line,
            column: column))
      default:
        continue
      }
    }
    if !diagnostics.isEmpty { throw BuildFailure(diagnostics + warnings) }
    self.cells = cells
    self.warnings = warnings
    self.labels = labelPositions
  }

  /// The 1-based line of the `//| key:` option among the `count` option lines from `first`.
  static func optionLine(_ key: String, from first: Int, count: Int, in lines: [Substring]) -> Int {
    for line in first..<(first + count) where line >= 1 && line <= lines.count {
      let text = lines[line - 1]
      if let bar = text.range(of: "//|"),
        text[bar.upperBound...].trimmingCharacters(in: .whitespaces)
          .hasPrefix(key)
      {
        return line
      }
    }
    return first
  }

  /// The 1-based column (UTF-8, as compilers count) of `value` after `key` on `line`.
  static func column(of value: String, after key: String, line: Int, in lines: [Substring]) -> Int? {
    guard line >= 1 && line <= lines.count else { return nil }
    let text = lines[line - 1]
    guard let keyRange = text.range(of: key), let found = text[keyRange.upperBound...].range(of: value) else {
      return nil
    }
    return text.utf8.distance(from: text.startIndex, to: found.lowerBound) + 1
  }

  /// How many columns of container prefix stand before the code's lines in the source: the
  /// smallest over its non-blank lines (so every line gets the same shift and multi-line string
  /// literals keep their meaning); 0 at the top level.
  static func indent(of code: String, from codeLine: Int, in lines: [Substring]) -> Int {
    var smallest: Int?
    for (k, codeText) in code.split(separator: "\n", omittingEmptySubsequences: false).enumerated() {
      let line = codeLine + k
      guard line >= 1 && line <= lines.count, !codeText.allSatisfy({ $0 == " " || $0 == "\t" }) else {
        continue
      }
      var source = lines[line - 1]
      if source.hasSuffix("\r") { source = source.dropLast() }
      guard source.hasSuffix(codeText) else { return 0 }
      let offset = source.utf8.count - codeText.utf8.count
      smallest = min(smallest ?? offset, offset)
    }
    return smallest ?? 0
  }

  /// A hint when a `{swift}` fence is never closed: the block then holds the rest of the file
  /// (or of its blockquote or list item), which is rarely what the author meant.
  static func unterminatedFence(_ node: Node, lines: [Substring], file: String) -> Diagnostic? {
    let start = node.range.startLine
    let end = node.range.endLine
    guard start >= 1 && start <= lines.count else { return nil }
    func fence(_ line: Substring) -> (Character, Int)? {
      let body = line.drop { $0 == " " || $0 == "\t" || $0 == ">" }
      guard let mark = body.first, mark == "`" || mark == "~" else { return nil }
      let count = body.prefix { $0 == mark }.count
      return count >= 3 ? (mark, count) : nil
    }
    guard let (mark, count) = fence(lines[start - 1]) else { return nil }
    if end > start && end <= lines.count, let (closing, length) = fence(lines[end - 1]), closing == mark,
      length >= count,
      lines[end - 1].drop(while: { $0 == " " || $0 == "\t" || $0 == ">" }).allSatisfy({
        $0 == mark || $0 == " " || $0 == "\t" || $0 == "\r"
      })
    {
      return nil
    }
    let toEnd = end >= lines.count || lines[end...].allSatisfy { $0.allSatisfy(\.isWhitespace) }
    let fenceText = String(repeating: mark, count: count)
    return Diagnostic(
      file: file, line: start, severity: .warning,
      message: toEnd
        ? "this block runs to the end of the file: its \(fenceText) fence is never closed"
        : "this block runs to the end of its blockquote or list item: its \(fenceText) fence is never closed")
  }

  /// `{swift}`, also with attributes after it (`{swift #id}`, `{swift} note`).
  static func isExecutable(info: String) -> Bool {
    info == "{swift}" || info.hasPrefix("{swift}") || info.hasPrefix("{swift ")
  }

  /// Splits leading `//| key: value` lines off a block. Returns the remaining code, the options
  /// and how many lines were removed.
  static func parseOptions(_ code: String, firstLine: Int, file: String) throws(Diagnostic) -> (
    String, BlockOptions, Int
  ) {
    var options = BlockOptions()
    var lines = code.split(separator: "\n", omittingEmptySubsequences: false)
    var removed = 0
    var seen = Set<String>()
    while let first = lines.first, first.trimmingCharacters(in: .whitespaces).hasPrefix("//|") {
      let line = firstLine + removed
      let body = first.trimmingCharacters(in: .whitespaces).dropFirst(3)
      guard let colon = body.firstIndex(of: ":") else {
        throw Diagnostic(file: file, line: line, message: "malformed option: expected '//| key: value'")
      }
      let key = body[..<colon].trimmingCharacters(in: .whitespaces)
      let value = body[body.index(after: colon)...].trimmingCharacters(in: .whitespaces)
      guard BlockOptions.keys.contains(key) else {
        throw Diagnostic(
          file: file, line: line,
          message: "unknown option '\(key)' (known: \(BlockOptions.keys.joined(separator: ", ")))")
      }
      guard seen.insert(key).inserted else {
        throw Diagnostic(file: file, line: line, message: "option '\(key)' given twice")
      }
      func bool() throws(Diagnostic) -> Bool {
        switch value {
        case "true": return true
        case "false": return false
        default:
          throw Diagnostic(
            file: file, line: line, message: "option '\(key)' must be true or false, not '\(value)'")
        }
      }
      switch key {
      case "echo": options.echo = try bool()
      case "output": options.output = try bool()
      case "eval": options.eval = try bool()
      case "code-fold": options.codeFold = try bool()
      case "label":
        guard let firstChar = value.unicodeScalars.first, CharacterSet.letters.contains(firstChar),
          value.unicodeScalars.allSatisfy({
            CharacterSet.alphanumerics.contains($0) || $0 == "-" || $0 == "_"
          })
        else {
          throw Diagnostic(
            file: file, line: line,
            message: "label '\(value)' must start with a letter and hold only letters, digits, '-' and '_'")
        }
        options.label = value
      case "caption":
        guard !value.isEmpty else { throw Diagnostic(file: file, line: line, message: "empty caption") }
        options.caption = value
      case "timeout":
        guard let seconds = Int(value), seconds > 0 else {
          throw Diagnostic(
            file: file, line: line,
            message: "timeout must be a positive whole number of seconds, not '\(value)'")
        }
        options.timeout = seconds
      case "max-output":
        guard let megabytes = Double(value), megabytes.isFinite, megabytes > 0, megabytes <= 256 else {
          throw Diagnostic(
            file: file, line: line,
            message: "max-output must be a number of megabytes above 0 and at most 256, not '\(value)'")
        }
        options.maxOutput = megabytes
      default:
        break
      }
      lines.removeFirst()
      removed += 1
    }
    return (lines.joined(separator: "\n"), options, removed)
  }
}
