import Foundation
import Testing

/// A temporary book folder (the working directory of `notes`), removed when the value goes away.
/// Fixture books are copied in from `Fixtures/<name>/`.
final class Workspace: @unchecked Sendable {
  let root: URL

  init(fixture: String? = nil) throws {
    root = FileManager.default.temporaryDirectory
      .appendingPathComponent("notes-e2e-\(UUID().uuidString)")
    try FileManager.default.createDirectory(at: root, withIntermediateDirectories: true)
    if let fixture {
      let source = Fixtures.url.appendingPathComponent(fixture)
      for name in try FileManager.default.contentsOfDirectory(atPath: source.path) {
        try FileManager.default.copyItem(
          at: source.appendingPathComponent(name), to: root.appendingPathComponent(name))
      }
    }
  }

  deinit { try? FileManager.default.removeItem(at: root) }

  func url(_ path: String) -> URL { root.appendingPathComponent(path) }

  /// Runs `notes` here.
  func notes(_ arguments: String..., environment: [String: String] = [:]) throws -> NotesCLI.Result {
    try NotesCLI.run(arguments, in: root, environment: environment)
  }

  func write(_ path: String, _ text: String) throws {
    try write(path, bytes: Data(text.utf8))
  }

  func write(_ path: String, bytes: Data) throws {
    let url = url(path)
    try FileManager.default.createDirectory(
      at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
    try bytes.write(to: url)
  }

  func read(_ path: String) throws -> String {
    String(decoding: try Data(contentsOf: url(path)), as: UTF8.self)
  }

  func exists(_ path: String) -> Bool { FileManager.default.fileExists(atPath: url(path).path) }

  /// Copies a fixture chapter (`Fixtures/chapters/<name>`) into `chapters/<as>`.
  func addChapter(_ name: String, as target: String? = nil) throws {
    let text = try String(
      contentsOf: Fixtures.url.appendingPathComponent("chapters").appendingPathComponent(name),
      encoding: .utf8)
    try write("chapters/\(target ?? name)", text)
  }

  /// Replaces the first occurrence of `old` in a file (the edit must apply).
  func edit(_ path: String, replacing old: String, with new: String) throws {
    let text = try read(path)
    guard let range = text.range(of: old) else {
      Issue.record("\(path) does not contain \(old.debugDescription)")
      return
    }
    try write(path, text.replacingCharacters(in: range, with: new))
  }

  /// Every file, folder and link under `path` (relative paths → contents), skipping the
  /// top-level entries in `excluding`. Folders map to "<dir>", links to "-> target".
  func tree(_ path: String = ".", excluding: Set<String> = []) throws -> [String: Data] {
    try Tree.snapshot(url(path), excluding: excluding)
  }

  /// The modification date of a file.
  func modified(_ path: String) throws -> Date {
    try FileManager.default.attributesOfItem(atPath: url(path).path)[.modificationDate] as! Date
  }

  func setModified(_ path: String, to date: Date) throws {
    try FileManager.default.setAttributes([.modificationDate: date], ofItemAtPath: url(path).path)
  }
}

/// Where the fixture books and chapters are (the test target's `Fixtures` resource).
enum Fixtures {
  static let url: URL = {
    if let url = Bundle.module.url(forResource: "Fixtures", withExtension: nil) { return url }
    return Bundle.module.bundleURL.appendingPathComponent("Fixtures")
  }()
}

/// Snapshots of folder trees, to prove that a build changed nothing (or exactly something).
enum Tree {
  static func snapshot(_ root: URL, excluding: Set<String> = []) throws -> [String: Data] {
    var result: [String: Data] = [:]
    let fm = FileManager.default
    func visit(_ url: URL, _ relative: String) throws {
      let attributes = try fm.attributesOfItem(atPath: url.path)
      let type = attributes[.type] as? FileAttributeType
      if type == .typeSymbolicLink {
        result[relative] = Data("-> \(try fm.destinationOfSymbolicLink(atPath: url.path))".utf8)
      } else if type == .typeDirectory {
        if !relative.isEmpty { result[relative + "/"] = Data("<dir>".utf8) }
        for name in try fm.contentsOfDirectory(atPath: url.path).sorted() {
          if relative.isEmpty && excluding.contains(name) { continue }
          try visit(url.appendingPathComponent(name), relative.isEmpty ? name : relative + "/" + name)
        }
      } else {
        result[relative] = try Data(contentsOf: url)
      }
    }
    try visit(root, "")
    return result
  }

  /// The symbolic links under `root` (relative paths, sorted).
  static func symbolicLinks(_ root: URL) throws -> [String] {
    let fm = FileManager.default
    var links: [String] = []
    for path in try fm.subpathsOfDirectory(atPath: root.path).sorted() {
      let attributes = try fm.attributesOfItem(atPath: root.appendingPathComponent(path).path)
      if attributes[.type] as? FileAttributeType == .typeSymbolicLink { links.append(path) }
    }
    return links
  }

  /// The paths whose contents differ between two snapshots, sorted (empty when identical).
  static func differences(_ a: [String: Data], _ b: [String: Data]) -> [String] {
    Set(a.keys).union(b.keys).filter { a[$0] != b[$0] }.sorted()
  }
}
