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

  public init() {}

  public static let keys = ["echo", "output", "eval", "label", "caption", "timeout", "max-output"]
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

  /// The chapter's timeout in seconds: the largest `timeout` option, else 600.
  public var timeout: Int { cells.compactMap(\.options.timeout).max() ?? 600 }

  /// Collects the cells of `document`. Malformed options are errors at their line.
  public init(document: Document, file: String, slug: String) throws(BuildFailure) {
    self.file = file
    self.slug = slug
    var cells: [Cell] = []
    var diagnostics: [Diagnostic] = []
    let sourceLines = document.source.split(separator: "\n", omittingEmptySubsequences: false)
    for node in document.root.allNodes() {
      switch node.kind {
      case .codeBlock(let info) where Self.isExecutable(info: info):
        do {
          let (code, options, skipped) = try Self.parseOptions(
            node.literal ?? "", firstLine: node.range.startLine + 1, file: file)
          cells.append(
            Cell(
              index: cells.count,
              kind: .block(code: code, codeLine: node.range.startLine + 1 + skipped, options: options),
              nodeID: node.id, line: node.range.startLine, column: nil))
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
    if !diagnostics.isEmpty { throw BuildFailure(diagnostics) }
    self.cells = cells
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
