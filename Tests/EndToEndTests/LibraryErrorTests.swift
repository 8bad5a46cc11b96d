import Foundation
import Testing

#if canImport(Glibc)
  import Glibc
#endif

/// Issue 10, case 9: misuse of a library API reaches the author with the library's own message
/// and the chapter line that made the call, although the libraries are compiled `-O` (where a
/// `precondition` loses its message); `reportProgress(.nan)` is not a crash.
@Suite struct LibraryErrorTests {
  @Test func misuseOfTheEnsembleNamesTheMistakeAndTheLine() async throws {
    try await ChapterLibraries.ready()
    let book = try Workspace()
    let text = """
      # Misuse

      ```{swift}
      let network = MLP.deepLinear(inputWidth: 2, width: 4, depth: 3)
      let ens = try network.ensemble(inputs: [[1, 0]], samples: 10, seed: 1, recordedUnits: 1)
      reportProgress(.nan)
      reportProgress(.infinity)
      print(ens.values(layer: 2, unit: 3).count)
      ```
      """
    try book.write("chapters/01-misuse.md", text)
    let result = try book.notes("build")
    #expect(result.status == 1, "\(result)")
    let fence = try #require(SourceText.fence(before: "ens.values", in: text))
    let call = try #require(SourceText.line(of: "ens.values", in: text))
    let error = try #require(
      result.stderr.split(separator: "\n").first { $0.hasPrefix("chapters/01-misuse.md:\(fence): error: ") },
      "\(result)")
    #expect(
      error.contains("Ensemble.values: unit 3 of layer 2 was not recorded; units 0..<1 were"), "\(result)")
    #expect(result.stderr.contains("chapters/01-misuse.md:\(call): note: the failure is here"), "\(result)")
  }
}

/// Issue 10, case 14 (part): a package folder that cannot be written (the chapter libraries and
/// the compiler's module cache live in its `.build-notes/`) is reported as such, not as a
/// compile error of the chapter. Run as an unprivileged user, since root writes anywhere.
@Suite struct UnwritablePackageTests {
  @Test func anUnwritablePackageFolderIsReportedAsSuch() async throws {
    try await ChapterLibraries.ready()
    guard getuid() == 0, FileManager.default.isExecutableFile(atPath: "/usr/bin/setpriv") else {
      // Only root can run notes as another user; others cannot simulate the case without
      // making the shared package folder read-only for every other test.
      return
    }
    let book = try Workspace()
    try book.write("chapters/01-one.md", "# One\n\n```{swift}\nprint(1)\n```\n")
    // The book is the unprivileged user's; the package (root's) is not writable for them.
    chmod(book.root.path, 0o777)
    chmod(book.url("chapters").path, 0o777)
    let process = Process()
    process.executableURL = URL(fileURLWithPath: "/usr/bin/setpriv")
    process.arguments = [
      "--reuid=65534", "--regid=65534", "--clear-groups", NotesCLI.executable.path, "build",
    ]
    process.currentDirectoryURL = book.root
    var environment = ProcessInfo.processInfo.environment
    environment["NOTES_PACKAGE_DIR"] = NotesCLI.checkout.path
    process.environment = environment
    let stderr = Pipe()
    process.standardError = stderr
    process.standardOutput = FileHandle.nullDevice
    try process.run()
    let text = String(decoding: stderr.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
    process.waitUntilExit()
    #expect(process.terminationStatus == 1, "\(text)")
    #expect(text.contains(".build-notes"), "\(text)")
    #expect(text.contains("error: cannot write here: permission denied"), "\(text)")
    #expect(!text.contains("does not compile"), "\(text)")
  }

  /// An output folder that cannot be written is reported before the switch starts, so no
  /// journal is left half done and the previous site stays. Made immutable (`chattr +i`), which
  /// holds for root too; skipped where that is not possible.
  @Test func anUnwritableOutputFolderIsReportedBeforeTheSwitch() throws {
    let book = try Workspace()
    try book.write("chapters/01-one.md", "# One\n\nVersion one.\n")
    try #require(try book.notes("build").status == 0)
    try book.write("chapters/01-one.md", "# One\n\nVersion two.\n")
    let before = try book.tree("build", excluding: [".notes"])
    func chattr(_ flag: String) -> Bool {
      let process = Process()
      process.executableURL = URL(fileURLWithPath: "/usr/bin/chattr")
      process.arguments = [flag, book.url("build").path]
      process.standardError = FileHandle.nullDevice
      guard (try? process.run()) != nil else { return false }
      process.waitUntilExit()
      return process.terminationStatus == 0
    }
    guard chattr("+i") else { return }
    defer { _ = chattr("-i") }
    let result = try book.notes("build")
    #expect(result.status == 1, "\(result)")
    #expect(result.stderr.contains("build: error: cannot write here: "), "\(result)")
    #expect(!book.exists("build/.notes/switch"))
    #expect(Tree.differences(before, try book.tree("build", excluding: [".notes"])) == [])
  }
}
