import Foundation
import Testing

@testable import Notebook

/// Issue 10, case 1: a `memo` is keyed by the libraries its value can depend on. Editing the
/// science library changes the memo hash; restyling the plotting library does not (it changes
/// the library hash, so chapters re-run and redraw).
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
    return root
  }

  @Test func figuresEditsKeepMemosAndScienceEditsDoNot() throws {
    let root = try package()
    defer { try? FileManager.default.removeItem(at: root) }
    let environment = ProcessInfo.processInfo.environment
    let before = try LibrarySet(packageDirectory: root, environment: environment)

    try Data("public let lineWidth = 2.5\n".utf8).write(
      to: root.appendingPathComponent("Sources/Figures/Figures.swift"))
    let restyled = try LibrarySet(packageDirectory: root, environment: environment)
    #expect(restyled.hash != before.hash)
    #expect(restyled.memoHash == before.memoHash)

    try Data("public func simulate() -> Double { 2 }\n".utf8).write(
      to: root.appendingPathComponent("Sources/Criticality/Criticality.swift"))
    let science = try LibrarySet(packageDirectory: root, environment: environment)
    #expect(science.hash != restyled.hash)
    #expect(science.memoHash != restyled.memoHash)
  }
}
