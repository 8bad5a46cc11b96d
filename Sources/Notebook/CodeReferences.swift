import Foundation

/// A name in a block's code that the compiler resolved to a declaration outside the chapter:
/// where it is in the listing and the declaration's USR (the symbol graph's precise
/// identifier). The API reference turns those it documents into links.
public struct CodeReference: Sendable, Codable, Hashable {
  /// The block (``Cell/index``).
  public var cell: Int
  /// The line in the block's code, from 0.
  public var line: Int
  /// The name's first byte in that line (UTF-8 offset), and its length in bytes.
  public var column: Int
  public var length: Int
  /// The name as written.
  public var name: String
  /// The declaration's USR, e.g. `s:11Criticality3MLPV`.
  public var usr: String
  /// The declaration is an initializer called by its type's name (`MLP(…)`): the name is the
  /// type's, and links to the type.
  public var isTypeName: Bool

  public init(
    cell: Int, line: Int, column: Int, length: Int, name: String, usr: String, isTypeName: Bool = false
  ) {
    self.cell = cell
    self.line = line
    self.column = column
    self.length = length
    self.name = name
    self.usr = usr
    self.isTypeName = isTypeName
  }
}

/// Reads the compiler's JSON AST dump of a chapter program (`swiftc -dump-ast -dump-ast-format
/// json`) for the declarations its blocks refer to.
///
/// Only what the type checker resolved counts: `declref_expr` (functions, variables, enum cases,
/// initializers), `member_ref_expr` (properties) and `type_expr` (a type used as a value, as in
/// `MLP.deepLinear`). A name is kept only if the source at the node's position spells the
/// declaration's name, and only if the declaration is not the chapter's own (its USR does not
/// start with `s:7chapter`): a local `let ensemble` never becomes a reference to
/// `MLP.ensemble(inputs:samples:seed:)`.
public enum ASTReferences {
  /// The references in `program`'s blocks, sorted by cell, line and column, without duplicates.
  public static func references(astJSON: Data, program: ChapterProgram) -> [CodeReference] {
    guard let root = try? JSONSerialization.jsonObject(with: astJSON) else { return [] }
    let source = Array(program.source.utf8)
    var found = Set<CodeReference>()
    func visit(_ value: Any) {
      if let list = value as? [Any] {
        for item in list { visit(item) }
        return
      }
      guard let node = value as? [String: Any] else { return }
      if let kind = node["_kind"] as? String, let range = node["range"] as? [String: Any],
        let start = range["start"] as? Int, let end = range["end"] as? Int
      {
        switch kind {
        case "declref_expr", "member_ref_expr":
          if let decl = node["decl"] as? [String: Any], let usr = decl["decl_usr"] as? String,
            let baseName = decl["base_name"] as? String
          {
            // A member reference spans `base.name`: its last token is the name.
            let offset = kind == "member_ref_expr" ? end : start
            if let reference = reference(
              at: offset, usr: usr, baseName: baseName, source: source, program: program)
            {
              found.insert(reference)
            }
          }
        case "type_expr":
          // `$s11Criticality3MLPVmD`: the metatype of the nominal type `s:11Criticality3MLPV`.
          if let type = node["type"] as? String, type.hasPrefix("$s"), type.hasSuffix("mD") {
            let usr = "s:" + type.dropFirst(2).dropLast(2)
            if let reference = reference(at: start, usr: usr, baseName: nil, source: source, program: program)
            {
              found.insert(reference)
            }
          }
        default: break
        }
      }
      for child in node.values where child is [Any] || child is [String: Any] { visit(child) }
    }
    visit(root)
    return found.sorted { ($0.cell, $0.line, $0.column, $0.usr) < ($1.cell, $1.line, $1.column, $1.usr) }
  }

  /// The reference at byte `offset` of the program, if it lies in a block and the identifier
  /// there is the declaration's name (`baseName`; for `init`, any type name; nil: any name).
  static func reference(
    at offset: Int, usr: String, baseName: String?, source: [UInt8], program: ChapterProgram
  ) -> CodeReference? {
    guard !usr.hasPrefix("s:7chapter"), offset >= 0, offset < source.count,
      let span = program.blockSpans.first(where: { offset >= $0.start && offset < $0.start + $0.length })
    else { return nil }
    var endIndex = offset
    while endIndex < source.count, isIdentifierByte(source[endIndex]) { endIndex += 1 }
    guard endIndex > offset else { return nil }
    let name = String(decoding: source[offset..<endIndex], as: UTF8.self)
    let isTypeName = baseName == "init"
    if let baseName, !isTypeName, name != baseName { return nil }
    if isTypeName, name.first?.isUppercase != true { return nil }
    // The line and column inside the block, the indentation the generator added removed.
    var line = 0
    var lineStart = span.start
    for index in span.start..<offset where source[index] == UInt8(ascii: "\n") {
      line += 1
      lineStart = index + 1
    }
    let column = offset - lineStart - span.indent
    guard column >= 0 else { return nil }
    return CodeReference(
      cell: span.cell, line: line, column: column, length: endIndex - offset, name: name, usr: usr,
      isTypeName: isTypeName)
  }

  static func isIdentifierByte(_ byte: UInt8) -> Bool {
    (byte >= UInt8(ascii: "a") && byte <= UInt8(ascii: "z"))
      || (byte >= UInt8(ascii: "A") && byte <= UInt8(ascii: "Z"))
      || (byte >= UInt8(ascii: "0") && byte <= UInt8(ascii: "9")) || byte == UInt8(ascii: "_") || byte >= 0x80
  }
}
