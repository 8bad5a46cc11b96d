import Foundation
import Markdown
import NotebookWire

/// The Swift package whose library products chapters may import, found the way SwiftPM's
/// `--package-path` is: the explicit folder if given; else the nearest folder holding a
/// `Package.swift` at or above the book's folder; else the nearest at or above the working
/// directory; else none (then chapters have only what `notes` ships: the runtime and `Figures`).
/// Never the folder `notes` itself was compiled in.
public struct BookPackage: Sendable {
  /// The folder holding `Package.swift`.
  public var directory: URL
  /// What `swift package dump-package` says of it.
  var manifest: Manifest

  /// The package for a book, or nil if there is none.
  public static func locate(explicit: URL?, bookRoot: URL, workingDirectory: URL) -> URL? {
    if let explicit { return explicit.standardizedFileURL }
    for start in [bookRoot, workingDirectory] {
      var folder = start.standardizedFileURL
      while true {
        if FileManager.default.fileExists(atPath: folder.appendingPathComponent("Package.swift").path) {
          return folder
        }
        let parent = folder.deletingLastPathComponent()
        if parent.path == folder.path { break }
        folder = parent
      }
    }
    return nil
  }

  /// The manifest facts `notes` needs: products, and targets with where their sources are.
  struct Manifest: Codable, Sendable {
    struct Product: Codable, Sendable {
      var name: String
      var targets: [String]
      var isLibrary: Bool
    }
    struct Target: Codable, Sendable {
      var name: String
      var type: String
      var path: String?
      /// Targets of the same package it depends on (by name or as `.target`).
      var localDependencies: [String]
    }
    var name: String
    var products: [Product]
    var targets: [Target]
  }

  /// Reads the package's manifest with `swift package dump-package`, remembered in
  /// `cacheFolder` under the SHA-256 of `Package.swift` and the toolchain, so that a warm build
  /// does not pay the 0.3 s SwiftPM needs to evaluate it.
  static func read(
    _ directory: URL, swift: String, toolchain: String, cacheFolder: URL, environment: [String: String]
  ) throws(Diagnostic) -> BookPackage {
    let manifestURL = directory.appendingPathComponent("Package.swift")
    guard let text = try? Data(contentsOf: manifestURL) else {
      throw Diagnostic(file: manifestURL.path, message: "cannot read the package manifest")
    }
    var hasher = SHA256()
    hasher.update("notes-manifest-v1\0\(toolchain)\0\(directory.path)\0")
    hasher.update(text)
    let key = hasher.finalize()
    let cached = cacheFolder.appendingPathComponent("manifest-\(key.prefix(24)).json")
    if let data = try? Data(contentsOf: cached),
      let manifest = try? JSONDecoder().decode(Manifest.self, from: data)
    {
      return BookPackage(directory: directory, manifest: manifest)
    }
    let dump = Shell.run(
      // Its own scratch folder: the package's `.build` may be locked by the SwiftPM that runs
      // `notes` (`swift test`, `swift run`), and waiting on it would never end.
      [
        swift, "package", "dump-package", "--package-path", directory.path,
        "--scratch-path", cacheFolder.appendingPathComponent("swiftpm-manifest").path,
      ], environment: environment)
    guard dump.status == 0 else {
      throw Diagnostic(
        file: manifestURL.path, message: "SwiftPM cannot read the package manifest:\n\(dump.stderrText)")
    }
    let manifest: Manifest
    do {
      manifest = try parseDump(dump.stdout)
    } catch {
      throw Diagnostic(
        file: manifestURL.path, message: "cannot understand `swift package dump-package`: \(error)")
    }
    if let data = try? JSONEncoder().encode(manifest) {
      try? FileManager.default.createDirectory(at: cacheFolder, withIntermediateDirectories: true)
      try? data.write(to: cached, options: .atomic)
    }
    return BookPackage(directory: directory, manifest: manifest)
  }

  /// The parts of `dump-package`'s JSON that `notes` reads.
  static func parseDump(_ bytes: [UInt8]) throws -> Manifest {
    guard let root = try JSONSerialization.jsonObject(with: Data(bytes)) as? [String: Any] else {
      throw Diagnostic(file: "Package.swift", message: "not a JSON object")
    }
    let products = (root["products"] as? [[String: Any]] ?? []).map { product in
      Manifest.Product(
        name: product["name"] as? String ?? "",
        targets: product["targets"] as? [String] ?? [],
        isLibrary: (product["type"] as? [String: Any])?["library"] != nil)
    }
    let targets = (root["targets"] as? [[String: Any]] ?? []).map { target in
      var local: [String] = []
      for dependency in target["dependencies"] as? [[String: Any]] ?? [] {
        if let byName = dependency["byName"] as? [Any], let name = byName.first as? String {
          local.append(name)
        } else if let named = dependency["target"] as? [Any], let name = named.first as? String {
          local.append(name)
        }
      }
      return Manifest.Target(
        name: target["name"] as? String ?? "", type: target["type"] as? String ?? "regular",
        path: target["path"] as? String, localDependencies: local)
    }
    return Manifest(name: root["name"] as? String ?? "", products: products, targets: targets)
  }

  /// The names of the package's library products, in manifest order.
  public var libraryProducts: [String] { manifest.products.filter(\.isLibrary).map(\.name) }

  /// The package's own targets that `products` need, with those they depend on inside the
  /// package (at any depth), sorted by name.
  func localTargets(reachableFrom products: [String]) -> [Manifest.Target] {
    let byName = Dictionary(manifest.targets.map { ($0.name, $0) }, uniquingKeysWith: { a, _ in a })
    var seen = Set<String>()
    var stack = manifest.products.filter { products.contains($0.name) }.flatMap(\.targets)
    while let name = stack.popLast() {
      guard let target = byName[name], seen.insert(name).inserted else { continue }
      stack += target.localDependencies
    }
    return seen.sorted().compactMap { byName[$0] }
  }

  /// Where a target's files are: its `path`, else SwiftPM's default folder for its type.
  func folder(of target: Manifest.Target) -> URL {
    if let path = target.path { return directory.appendingPathComponent(path) }
    let parent =
      switch target.type {
      case "test": "Tests"
      case "plugin": "Plugins"
      default: "Sources"
      }
    return directory.appendingPathComponent(parent).appendingPathComponent(target.name)
  }
}
