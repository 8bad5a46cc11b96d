import Foundation
import Markdown
import Testing

@testable import Notebook

/// Issue 10, case 1: a `memo` is keyed by the libraries its value can depend on. Editing the
/// science library changes the memo hash; restyling the plotting library (a presentation
/// product) does not (it changes the library hash, so chapters re-run and redraw). The hashes
/// read the package's manifest (SwiftPM's `dump-package`), not a list kept in the engine.
@Suite struct LibraryHashTests {
  func package() throws -> URL {
    let root = FileManager.default.temporaryDirectory.appendingPathComponent(
      "notes-libhash-\(UUID().uuidString)")
    for (module, text) in [
      ("Figures", "public let lineWidth = 1.5\n"),
      ("Criticality", "public func simulate() -> Double { 1 }\n"),
      ("NotebookRuntime", "public let runtime = 1\n"),
    ] {
      let folder = root.appendingPathComponent("Sources/\(module)")
      try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
      try Data(text.utf8).write(to: folder.appendingPathComponent("\(module).swift"))
    }
    try Data(
      """
      // swift-tools-version:6.0
      import PackageDescription
      let package = Package(
        name: "course",
        products: [
          .library(name: "Figures", targets: ["Figures"]),
          .library(name: "Criticality", targets: ["Criticality"]),
          .library(name: "NotebookRuntime", targets: ["NotebookRuntime"]),
        ],
        targets: [
          .target(name: "Figures"), .target(name: "Criticality"),
          .target(name: "NotebookRuntime", dependencies: ["Figures"]),
        ])
      """.utf8
    ).write(to: root.appendingPathComponent("Package.swift"))
    return root
  }

  func inputs(_ root: URL) throws -> LibrarySet.Inputs {
    try LibrarySet.Inputs(
      LibraryRequest(packageDirectory: root, bookRoot: root), environment: ProcessInfo.processInfo.environment
    )
  }

  @Test func figuresEditsKeepMemosAndScienceEditsDoNot() throws {
    let root = try package()
    defer { try? FileManager.default.removeItem(at: root) }
    let before = try inputs(root)
    #expect(before.modules == ["NotebookRuntime", "Figures", "Criticality"])

    try Data("public let lineWidth = 2.5\n".utf8).write(
      to: root.appendingPathComponent("Sources/Figures/Figures.swift"))
    let restyled = try inputs(root)
    #expect(restyled.hash != before.hash)
    #expect(restyled.memoHash == before.memoHash)

    try Data("public func simulate() -> Double { 2 }\n".utf8).write(
      to: root.appendingPathComponent("Sources/Criticality/Criticality.swift"))
    let science = try inputs(root)
    #expect(science.hash != restyled.hash)
    #expect(science.memoHash != restyled.memoHash)
  }

  @Test func notesTomlImportsChooseTheModulesAndUnknownNamesAreErrors() throws {
    let root = try package()
    defer { try? FileManager.default.removeItem(at: root) }
    let environment = ProcessInfo.processInfo.environment
    let chosen = try LibrarySet.Inputs(
      LibraryRequest(packageDirectory: root, bookRoot: root, imports: ["Criticality"]),
      environment: environment)
    #expect(chosen.modules == ["NotebookRuntime", "Criticality"])
    #expect(throws: Diagnostic.self) {
      try LibrarySet.Inputs(
        LibraryRequest(packageDirectory: root, bookRoot: root, imports: ["Optics"]), environment: environment)
    }
  }

  @Test func aBookWithoutAPackageGetsTheShippedRuntimeAndFigures() throws {
    let root = FileManager.default.temporaryDirectory.appendingPathComponent(
      "notes-nopkg-\(UUID().uuidString)")
    try FileManager.default.createDirectory(at: root, withIntermediateDirectories: true)
    defer { try? FileManager.default.removeItem(at: root) }
    let inputs = try LibrarySet.Inputs(
      LibraryRequest(packageDirectory: nil, bookRoot: root), environment: ProcessInfo.processInfo.environment)
    #expect(inputs.modules == ["NotebookRuntime", "Figures"])
    #expect(inputs.base.path == root.appendingPathComponent(".build-notes").path)
  }

  /// The per-file digest cache: an edit is seen whether it changes the size, the time stamp,
  /// or neither (a same-size edit within the build's second is not trusted to the stamp).
  @Test func fileDigestsSeeEveryEdit() throws {
    let root = FileManager.default.temporaryDirectory.appendingPathComponent(
      "notes-digests-\(UUID().uuidString)")
    try FileManager.default.createDirectory(at: root, withIntermediateDirectories: true)
    defer { try? FileManager.default.removeItem(at: root) }
    let file = root.appendingPathComponent("a.swift")
    let store = root.appendingPathComponent("digests.json")
    func digest() -> String {
      let digests = FileDigests(store)
      defer { digests.save() }
      return digests.digest(of: file)
    }
    let old = Date(timeIntervalSinceNow: -60)
    try Data("let a = 1\n".utf8).write(to: file)
    try FileManager.default.setAttributes([.modificationDate: old], ofItemAtPath: file.path)
    let first = digest()
    #expect(digest() == first)
    // Same size, new time stamp.
    try Data("let a = 2\n".utf8).write(to: file)
    let second = digest()
    #expect(second != first)
    // Same size and a time stamp within the store's last two seconds: not trusted.
    try Data("let a = 3\n".utf8).write(to: file)
    let now = Date()
    try FileManager.default.setAttributes([.modificationDate: now], ofItemAtPath: file.path)
    let third = digest()
    try Data("let a = 4\n".utf8).write(to: file)
    try FileManager.default.setAttributes([.modificationDate: now], ofItemAtPath: file.path)
    #expect(digest() != third)
  }
}
