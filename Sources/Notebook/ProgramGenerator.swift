import NotebookWire

/// Turns a chapter's cells into one Swift program (a `main.swift`), in chapter order, so that
/// all blocks share one top-level scope like a notebook and inline expressions see everything
/// defined above them.
///
/// Every piece of author code is preceded by `#sourceLocation(file: "chapters/x.md", line: N)`,
/// so compiler diagnostics, `fatalError` messages and crash backtraces name the Markdown line.
public struct ChapterProgram: Sendable, Hashable {
  /// The program as compiled.
  public var source: String
  /// The program without its line directives: what the cache key hashes, so that moving a
  /// block down the page (inserting prose above it) does not re-execute it.
  public var keySource: String
  /// Where each evaluated block's code sits in ``source``: what maps the compiler's byte
  /// offsets back to the listing (see ``CodeReference``).
  public var blockSpans: [BlockSpan] = []

  /// A block's code in the generated program: `length` UTF-8 bytes from `start`, every
  /// non-empty line shifted right by `indent` spaces.
  public struct BlockSpan: Sendable, Hashable {
    public var cell: Int
    public var start: Int
    public var length: Int
    public var indent: Int
  }

  /// What every chapter program imports whatever the book's package: Foundation and the
  /// runtime (`show`, `memo`, the wire frames). The package's libraries are not listed here:
  /// they come from ``LibrarySet/modules``.
  public static let runtimeImports = ["Foundation", LibrarySet.Inputs.runtimeModule]

  /// The program for `chapter`, importing `imports` (`Foundation` and the modules of
  /// ``LibrarySet/modules``) before the first cell.
  public init(chapter: NotebookChapter, imports: [String] = runtimeImports) {
    var source = ""
    var key = ""
    var spans: [BlockSpan] = []
    func emit(_ line: String, directive: Bool = false, keyOnly: Bool = false) {
      if !keyOnly { source += line + "\n" }
      if !directive { key += line + "\n" }
    }
    let file = Self.stringLiteral(chapter.file)
    for module in imports { emit("import \(module)") }
    emit("_notebookStart()")
    // The code of every cell so far: what a `memo` called in the current cell can depend on
    // (with the libraries'), whatever the lines it sits on.
    var codeSoFar = SHA256()
    for cell in chapter.cells {
      switch cell.kind {
      case .block(let code, _, let options) where options.eval:
        codeSoFar.update("block\0\(code)\0")
      case .inline(let expression):
        codeSoFar.update("inline\0\(expression)\0")
      case .block:
        continue
      }
      var scope = codeSoFar
      emit("_notebookMemoScope(\(Self.stringLiteral(scope.finalize())))")
      switch cell.kind {
      case .block(let code, let codeLine, let options):
        guard options.eval else { continue }
        emit("_notebookBegin(\(cell.index))")
        // The output cap changes whether the block fails: part of the key, not of the program.
        if let megabytes = options.maxOutput { emit("// max-output: \(megabytes)", keyOnly: true) }
        emit("#sourceLocation(file: \(file), line: \(codeLine))", directive: true)
        let body = code.hasSuffix("\n") ? String(code.dropLast()) : code
        let start = source.utf8.count
        if cell.indent > 0 {
          // A block inside `> ` or a list item: shifted to its columns in the chapter so that
          // compiler columns match the source; the key keeps the code as written.
          let pad = String(repeating: " ", count: cell.indent)
          source +=
            body.split(separator: "\n", omittingEmptySubsequences: false)
            .map { $0.isEmpty ? "" : pad + $0 }.joined(separator: "\n") + "\n"
          key += body + "\n"
        } else {
          emit(body)
        }
        spans.append(
          BlockSpan(cell: cell.index, start: start, length: source.utf8.count - start, indent: cell.indent))
        emit("#sourceLocation()", directive: true)
        emit("_notebookEnd(\(cell.index))")
      case .inline(let expression):
        emit("_notebookInline(\(cell.index)) {")
        emit("#sourceLocation(file: \(file), line: \(cell.line))", directive: true)
        // Indented to its column in the Markdown line, so diagnostics point at it.
        emit(String(repeating: " ", count: max(0, (cell.column ?? 1) - 1)) + expression)
        emit("#sourceLocation()", directive: true)
        emit("}")
      }
    }
    emit("_notebookFinish()")
    self.source = source
    self.keySource = key
    self.blockSpans = spans
  }

  /// A Swift string literal for `text`.
  static func stringLiteral(_ text: String) -> String {
    var out = "\""
    for ch in text.unicodeScalars {
      switch ch {
      case "\\": out += "\\\\"
      case "\"": out += "\\\""
      case "\n": out += "\\n"
      default: out.unicodeScalars.append(ch)
      }
    }
    return out + "\""
  }
}
