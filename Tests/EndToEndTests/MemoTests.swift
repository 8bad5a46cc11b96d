import Foundation
import Testing

/// Issue 10, case 1: a `memo` value is reused only while it cannot have changed: same name and
/// arguments, same code in every cell up to the one that calls it; `--force` recomputes it.
@Suite struct MemoTests {
  /// A chapter whose block memoizes a value computed by a function defined in an earlier
  /// block, and says (in its output) whether the closure ran.
  static func chapter(
    value: String = "41", helper: String = "40", below: String = "print(\"below\")", prose: String = "Prose."
  )
    -> String
  {
    """
    # Memo

    \(prose)

    ```{swift}
    func base() -> Int { \(helper) }
    ```

    ```{swift}
    let v = memo("v", 1) { () -> Int in
      print("closure ran")
      return base() + \(value) - 40
    }
    print("v =", v)
    ```

    ```{swift}
    \(below)
    ```

    """
  }

  /// The printed output of the memo block: whether the closure ran, and the value.
  func outcome(_ book: Workspace) throws -> (ran: Bool, value: String?) {
    let page = try book.read("build/01-memo.html")
    let value = HTML.first("<pre>(?:closure ran\n)?v = ([0-9-]+)\n</pre>", in: page)
    return (page.contains("<pre>closure ran\n"), value)
  }

  func build(_ book: Workspace, _ arguments: String...) throws {
    let result = try NotesCLI.run(["build"] + arguments, in: book.root)
    try #require(result.status == 0, "\(result)")
  }

  @Test func editingTheClosureRecomputesAndProseOrCodeBelowDoesNot() async throws {
    try await ChapterLibraries.ready()
    let book = try Workspace()
    try book.write("chapters/01-memo.md", Self.chapter())
    try build(book)
    #expect(try outcome(book) == (true, "41"))

    // The closure's code changes: the page shows the new value, not the stored one.
    try book.write("chapters/01-memo.md", Self.chapter(value: "42"))
    try build(book)
    #expect(try outcome(book) == (true, "42"))

    // A function it calls, defined in a block above, changes: recomputed.
    try book.write("chapters/01-memo.md", Self.chapter(value: "42", helper: "50"))
    try build(book)
    #expect(try outcome(book) == (true, "52"))

    // A block below changes (the chapter re-runs), and prose: the memo is kept.
    try book.write(
      "chapters/01-memo.md", Self.chapter(value: "42", helper: "50", below: "print(\"below, edited\")"))
    try build(book)
    #expect(try outcome(book) == (false, "52"))
    try book.write(
      "chapters/01-memo.md",
      Self.chapter(value: "42", helper: "50", below: "print(\"below, edited\")", prose: "New prose.\n\nMore.")
    )
    try build(book)
    #expect(try outcome(book) == (false, "52"))

    // --force recomputes memos too.
    try build(book, "--force")
    #expect(try outcome(book) == (true, "52"))
  }

  @Test func aCorruptOrForeignMemoFileIsRecomputed() async throws {
    try await ChapterLibraries.ready()
    let book = try Workspace()
    try book.write("chapters/01-memo.md", Self.chapter())
    try build(book)
    let folder = book.url("build/.notes/cache/memo")
    let files = try FileManager.default.contentsOfDirectory(atPath: folder.path).filter {
      $0.hasSuffix(".json")
    }
    try #require(files.count == 1)
    // The file holds the key it was computed for; a value stored under another key is not trusted.
    let stored = try book.read("build/.notes/cache/memo/\(files[0])")
    #expect(stored.contains("\"key\":\"\(files[0].dropLast(5))\""), "\(stored)")
    try book.write("build/.notes/cache/memo/\(files[0])", "{\"key\":\"other\",\"value\":7}")
    try book.write("chapters/01-memo.md", Self.chapter(below: "print(\"rerun\")"))
    try build(book)
    #expect(try outcome(book) == (true, "41"))
  }
}
