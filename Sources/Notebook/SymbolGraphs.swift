import Foundation
import Markdown

/// The symbol graphs of the chapter libraries (`swift-symbolgraph-extract` on the modules
/// SwiftPM built, public symbols only): what the book's API reference and its linked listings
/// are made of.
///
/// They are extracted into `.build-notes/symbol-graphs/` and stamped with the libraries' hash
/// (`.build-notes/symbol-graphs.json`), like the libraries themselves: a warm build reads the
/// stamp and the JSON files and runs nothing.
public struct SymbolGraphs: Sendable {
  /// `<Module>.symbols.json` per module, in ``LibrarySet/modules`` order (extension graphs,
  /// `<Module>@<Other>.symbols.json`, are left out: the reference lists a module's own symbols).
  public var files: [(module: String, url: URL)]
  /// Whether this build ran the extractor (false: the stamp held).
  public var extracted: Bool

  struct Stamp: Codable {
    var libraries: String
    var modules: [String]
  }

  /// The graphs of `libraries`, extracted unless the stamp records the same libraries' hash.
  public static func prepare(_ libraries: LibrarySet, environment: [String: String]) throws(Diagnostic)
    -> SymbolGraphs
  {
    let folder = libraries.inputs.base.appendingPathComponent("symbol-graphs")
    let stampURL = libraries.inputs.base.appendingPathComponent("symbol-graphs.json")
    let files = libraries.modules.map { ($0, folder.appendingPathComponent("\($0).symbols.json")) }
    if let data = try? Data(contentsOf: stampURL),
      let stamp = try? JSONDecoder().decode(Stamp.self, from: data),
      stamp.libraries == libraries.hash, stamp.modules == libraries.modules,
      files.allSatisfy({ FileManager.default.fileExists(atPath: $0.1.path) })
    {
      return SymbolGraphs(files: files, extracted: false)
    }
    try LibrarySet.createFolder(folder)
    let extractor = tool(libraries)
    for module in libraries.modules {
      let result = Shell.run(
        [
          extractor, "-module-name", module, "-target", targetTriple(libraries, environment: environment),
          "-I", libraries.binDirectory.appendingPathComponent("Modules").path,
          "-module-cache-path", libraries.moduleCache.path,
          "-minimum-access-level", "public", "-skip-synthesized-members", "-output-dir", folder.path,
        ] + libraries.clangFlags, environment: environment)
      guard result.status == 0 else {
        throw Diagnostic(
          file: libraries.binDirectory.path,
          message:
            "the API reference was left out: cannot extract the symbol graph of \(module) (\(extractor)):\n\(result.stderrText)"
        )
      }
    }
    let encoder = JSONEncoder()
    encoder.outputFormatting = [.sortedKeys]
    if let data = try? encoder.encode(Stamp(libraries: libraries.hash, modules: libraries.modules)) {
      try? data.write(to: stampURL, options: .atomic)
    }
    return SymbolGraphs(files: files, extracted: true)
  }

  /// `swift-symbolgraph-extract` beside the compiler (the same toolchain), else on `PATH`.
  static func tool(_ libraries: LibrarySet) -> String {
    let sibling = URL(fileURLWithPath: libraries.swiftc).resolvingSymlinksInPath().deletingLastPathComponent()
      .appendingPathComponent("swift-symbolgraph-extract").path
    return FileManager.default.isExecutableFile(atPath: sibling) ? sibling : "swift-symbolgraph-extract"
  }

  /// The host's target triple, as the compiler prints it (`swiftc -print-target-info`), e.g.
  /// `x86_64-unknown-linux-gnu`; the machine's architecture if that fails.
  static func targetTriple(_ libraries: LibrarySet, environment: [String: String]) -> String {
    let info = Shell.run([libraries.swiftc, "-print-target-info"], environment: environment)
    if info.status == 0,
      let root = try? JSONSerialization.jsonObject(with: Data(info.stdout)) as? [String: Any],
      let target = root["target"] as? [String: Any], let triple = target["triple"] as? String
    {
      return triple
    }
    var name = utsname()
    uname(&name)
    let machine = withUnsafeBytes(of: &name.machine) {
      String(decoding: $0.prefix { $0 != 0 }, as: UTF8.self)
    }
    return "\(machine)-unknown-linux-gnu"
  }
}

/// `NOTES_API_REFERENCE=0` leaves the API reference and the listings' links out (for
/// measuring what they cost). Like every `NOTES_*` variable that is not the engine's, it is part
/// of the chapter results' key, so results without links are never shown with the reference on.
public enum APIReferenceSwitch {
  public static func isOn(_ environment: [String: String]) -> Bool {
    environment["NOTES_API_REFERENCE"] != "0"
  }
}
