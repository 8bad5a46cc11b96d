import Foundation
import Markdown
import NotebookWire
import RuntimeSources

/// Which libraries a book's chapters use: the library products of the book's Swift package
/// (see ``BookPackage/locate(explicit:bookRoot:workingDirectory:)``), or a subset of them named
/// in `notes.toml`.
public struct LibraryRequest: Sendable, Hashable {
  /// The folder holding the book's `Package.swift`; nil if the book has none.
  public var packageDirectory: URL?
  /// The book's folder (holding `chapters/`): where `.build-notes/` goes when there is no package.
  public var bookRoot: URL
  /// The products chapters import implicitly (`imports` in `notes.toml`); nil for every library
  /// product of the package (and `Figures`).
  public var imports: [String]?
  /// Products that only draw (`presentation` in `notes.toml`): their sources do not key `memo`
  /// values, so restyling a plot keeps the Monte Carlo behind it.
  public var presentation: [String]

  public init(
    packageDirectory: URL?, bookRoot: URL, imports: [String]? = nil, presentation: [String] = ["Figures"]
  ) {
    self.packageDirectory = packageDirectory
    self.bookRoot = bookRoot
    self.imports = imports
    self.presentation = presentation
  }
}

/// The libraries chapter programs link, built by SwiftPM in release mode with their whole
/// dependency graph.
///
/// `notes` writes a helper package, `.build-notes/chapter-libraries/`, that depends on the
/// book's package by path and declares one dynamic library, `libChapterLibraries.so`, holding
/// every imported module (and `NotebookRuntime` and `Figures`, from the sources `notes` ships,
/// when the package does not provide them). SwiftPM builds it with its own scratch folder,
/// `.build-notes/swiftpm`, so that a build under `swift test` does not wait on the outer build's
/// lock. SwiftPM is called only when the inputs' hash differs from the last build's stamp
/// (`.build-notes/chapter-libraries.json`): a warm build costs a few file reads.
public struct LibrarySet: Sendable {
  /// What the libraries are made of, hashed without building anything.
  public struct Inputs: Sendable {
    public var swiftc: String
    public var swift: String
    /// `swiftc --version`, part of every hash.
    public var toolchainVersion: String
    /// `<package or book>/.build-notes`.
    public var base: URL
    /// The modules every chapter imports, in order (`NotebookRuntime` first).
    public var modules: [String]
    /// The folders of the package's targets that chapters can reach (what `notes preview` watches).
    public var sourceFolders: [URL] = []
    /// The helper package's `Package.swift` and its one source file.
    var manifest: String
    var exports: String
    /// Whether the runtime and `Figures` come from the sources `notes` ships.
    var shipsRuntime: Bool
    var shipsFigures: Bool
    /// SHA-256 of the toolchain, the helper package, the book's `Package.swift` and
    /// `Package.resolved`, and every file of every package target the imports can reach.
    public var hash: String
    /// The same, over only the targets a `memo` value can depend on: those reachable from the
    /// imported products that are not presentation products (see ``LibraryRequest``).
    public var memoHash: String
    var bookPackage: URL?
  }

  public var inputs: Inputs
  /// The folder holding `libChapterLibraries.so` and `Modules/`.
  public var binDirectory: URL
  /// Clang flags for the C modules of dependencies (e.g. swift-numerics' `_NumericsShims`).
  public var clangFlags: [String]
  /// `inputs.hash` with the versions SwiftPM resolved: what keys chapter results.
  public var hash: String
  /// `inputs.memoHash` with the resolved versions: what keys `memo` values.
  public var memoHash: String

  public var swiftc: String { inputs.swiftc }
  public var toolchainVersion: String { inputs.toolchainVersion }
  public var modules: [String] { inputs.modules }
  var moduleCache: URL { inputs.base.appendingPathComponent("module-cache") }

  /// Hashes the inputs and builds the libraries unless the last build's stamp has this hash.
  /// `willBuild` is called before SwiftPM runs.
  public static func prepare(
    _ request: LibraryRequest, environment: [String: String], willBuild: (() -> Void)? = nil
  ) throws(Diagnostic) -> (libraries: LibrarySet, built: Bool) {
    let inputs = try Inputs(request, environment: environment)
    if let stamp = Stamp.read(inputs), FileManager.default.fileExists(atPath: stamp.library.path) {
      return (LibrarySet(inputs: inputs, stamp: stamp), false)
    }
    if let reason = unwritable(inputs.base) { throw unwritableDiagnostic(inputs.base.path, reason: reason) }
    willBuild?()
    let stamp = try build(inputs, environment: environment)
    return (LibrarySet(inputs: inputs, stamp: stamp), true)
  }

  init(inputs: Inputs, stamp: Stamp) {
    self.inputs = inputs
    binDirectory = URL(fileURLWithPath: stamp.binDirectory)
    clangFlags = stamp.clangFlags
    var hasher = SHA256()
    hasher.update("\(inputs.hash)\0\(stamp.resolved)")
    hash = hasher.finalize()
    var memoHasher = SHA256()
    memoHasher.update("\(inputs.memoHash)\0\(stamp.resolved)")
    memoHash = memoHasher.finalize()
  }

  /// `-I`, `-L`, `-l`, rpath and C-module flags for a chapter program.
  public var linkFlags: [String] {
    let bin = binDirectory.path
    return ["-I", binDirectory.appendingPathComponent("Modules").path, "-L", bin, "-lChapterLibraries"]
      + ["-Xlinker", "-rpath", "-Xlinker", bin, "-lm", "-module-cache-path", moduleCache.path]
      + clangFlags
  }

  static func findOnPath(_ tool: String, environment: [String: String]) -> String? {
    for directory in (environment["PATH"] ?? "/usr/bin:/bin").split(separator: ":") {
      let path = "\(directory)/\(tool)"
      if FileManager.default.isExecutableFile(atPath: path) { return path }
    }
    return nil
  }
}

// MARK: - Inputs

extension LibrarySet.Inputs {
  /// The runtime module chapters need, and the plotting library it draws with.
  static let runtimeModule = "NotebookRuntime"
  /// The frames and hashing the runtime shares with the engine; shipped with the runtime.
  static let wireModule = "NotebookWire"
  static let figuresModule = "Figures"

  public init(_ request: LibraryRequest, environment: [String: String]) throws(Diagnostic) {
    let fm = FileManager.default
    swiftc = environment["SWIFTC"] ?? LibrarySet.findOnPath("swiftc", environment: environment) ?? "swiftc"
    let sibling = URL(fileURLWithPath: swiftc).resolvingSymlinksInPath().deletingLastPathComponent()
      .appendingPathComponent("swift").path
    swift =
      fm.isExecutableFile(atPath: sibling)
      ? sibling : LibrarySet.findOnPath("swift", environment: environment) ?? "swift"
    bookPackage = request.packageDirectory?.standardizedFileURL
    base = (bookPackage ?? request.bookRoot.standardizedFileURL).appendingPathComponent(".build-notes")
    toolchainVersion = try Self.toolchainVersion(swiftc, environment: environment, cacheFolder: base)

    var package: BookPackage?
    if let bookPackage {
      package = try BookPackage.read(
        bookPackage, swift: swift, toolchain: toolchainVersion, cacheFolder: base, environment: environment)
    }
    let products = package?.libraryProducts ?? []
    shipsRuntime = !products.contains(Self.runtimeModule)
    shipsFigures = !products.contains(Self.figuresModule)

    // The products chapters import: as named in notes.toml, or every library product.
    let available = products + (shipsFigures ? [Self.figuresModule] : [])
    var imported: [String]
    if let names = request.imports {
      for name in names where !available.contains(name) && name != Self.runtimeModule {
        let where_ = bookPackage.map { "the package at \($0.path)" } ?? "this book (it has no Package.swift)"
        throw Diagnostic(
          file: "notes.toml",
          message:
            "imports names '\(name)', which is not a library product of \(where_) (products: \(available.joined(separator: ", ")))"
        )
      }
      imported = names.filter { $0 != Self.runtimeModule }
    } else {
      imported = available.filter { $0 != Self.runtimeModule }
    }
    var seen = Set<String>()
    imported = imported.filter { seen.insert($0).inserted }

    // Module names: a package product's targets (regular ones), or the shipped module itself.
    func moduleNames(of product: String) -> [String] {
      guard let package, let declared = package.manifest.products.first(where: { $0.name == product }) else {
        return [product]
      }
      return declared.targets
    }
    var modules = [Self.runtimeModule]
    for product in imported { modules += moduleNames(of: product).filter { !modules.contains($0) } }
    self.modules = modules

    // The helper package.
    let packageProducts = products.filter { imported.contains($0) || $0 == Self.runtimeModule }
    let identity = bookPackage?.lastPathComponent ?? ""
    var dependencies: [String] = packageProducts.map {
      ".product(name: \(ChapterProgram.stringLiteral($0)), package: \(ChapterProgram.stringLiteral(identity)))"
    }
    var shippedTargets: [String] = []
    if shipsFigures {
      shippedTargets.append(
        #".target(name: "Figures", path: "Shipped/Figures", linkerSettings: [.linkedLibrary("m")]),"#)
      if imported.contains(Self.figuresModule) || shipsRuntime { dependencies.append("\"Figures\"") }
    }
    if shipsRuntime {
      let figures =
        shipsFigures
        ? "\"Figures\"" : ".product(name: \"Figures\", package: \(ChapterProgram.stringLiteral(identity)))"
      shippedTargets.append(#".target(name: "NotebookWire", path: "Shipped/NotebookWire"),"#)
      shippedTargets.append(
        #".target(name: "NotebookRuntime", dependencies: [\#(figures), "NotebookWire"], path: "Shipped/NotebookRuntime", swiftSettings: [.swiftLanguageMode(.v5)]),"#
      )
      dependencies.append("\"NotebookRuntime\"")
    }
    let packageDependency =
      bookPackage.map { "    .package(path: \(ChapterProgram.stringLiteral($0.path)))\n" } ?? ""
    manifest = """
      // swift-tools-version:6.0
      // Written by notes: the modules chapters import, as one dynamic library. Do not edit.
      import PackageDescription

      let package = Package(
        name: "ChapterLibraries",
        products: [.library(name: "ChapterLibraries", type: .dynamic, targets: ["ChapterLibraries"])],
        dependencies: [
      \(packageDependency)  ],
        targets: [
          .target(
            name: "ChapterLibraries",
            dependencies: [
      \(dependencies.map { "        \($0)," }.joined(separator: "\n"))
            ],
            path: "Sources/ChapterLibraries"),
      \(shippedTargets.map { "    \($0)" }.joined(separator: "\n"))
        ]
      )

      """
    exports = modules.map { "@_exported import \($0)\n" }.joined()

    // The hashes.
    var hasher = SHA256()
    var memoHasher = SHA256()
    func both(_ text: String) {
      hasher.update(text)
      memoHasher.update(text)
    }
    both("notes-libraries-v2\0\(toolchainVersion)\0\(manifest)\0\(exports)\0")
    if let bookPackage {
      for name in ["Package.swift", "Package.resolved"] {
        let data = (try? Data(contentsOf: bookPackage.appendingPathComponent(name))) ?? Data()
        both("\(name)\0")
        hasher.update(data)
        memoHasher.update(data)
      }
    }
    if let package {
      let digests = FileDigests(base.appendingPathComponent("file-digests.json"))
      defer { digests.save() }
      let all = package.localTargets(reachableFrom: packageProducts)
      sourceFolders = all.map { package.folder(of: $0) }
      // A memo can depend on the science products and on the runtime's own code (not on the
      // plotting library the runtime draws with).
      let memoRoots = packageProducts.filter {
        !request.presentation.contains($0) && $0 != Self.runtimeModule
      }
      var memoTargets = Set(package.localTargets(reachableFrom: memoRoots).map(\.name))
      if packageProducts.contains(Self.runtimeModule) { memoTargets.insert(Self.runtimeModule) }
      for target in all {
        let keysMemos = memoTargets.contains(target.name)
        hasher.update("target \(target.name)\0")
        if keysMemos { memoHasher.update("target \(target.name)\0") }
        for file in Self.files(in: package.folder(of: target)) {
          let entry = "\(file.relativePath)\0\(digests.digest(of: file.url))\0"
          hasher.update(entry)
          if keysMemos { memoHasher.update(entry) }
        }
      }
    }
    if shipsRuntime || shipsFigures {
      hasher.update("shipped\0")
      for file in RuntimeSources.files { hasher.update("\(file.module)\0\(file.path)\0\(file.text)\0") }
      if shipsRuntime {
        memoHasher.update("shipped runtime\0")
        for file in RuntimeSources.files
        where file.module == Self.runtimeModule || file.module == Self.wireModule {
          memoHasher.update("\(file.module)\0\(file.path)\0\(file.text)\0")
        }
      }
    }
    hash = hasher.finalize()
    memoHash = memoHasher.finalize()
  }

  /// Every regular file under `folder` (sources, headers, resources), by path relative to it,
  /// in byte order of the path.
  static func files(in folder: URL) -> [(relativePath: String, url: URL)] {
    guard
      let enumerator = FileManager.default.enumerator(
        at: folder, includingPropertiesForKeys: [.isRegularFileKey])
    else { return [] }
    let root = folder.standardizedFileURL.path
    var files: [(String, URL)] = []
    for case let url as URL in enumerator {
      guard (try? url.resourceValues(forKeys: [.isRegularFileKey]))?.isRegularFile == true else { continue }
      let relative = String(url.standardizedFileURL.path.dropFirst(root.count + 1))
      files.append((relative, url))
    }
    return files.sorted { $0.0.utf8.lexicographicallyPrecedes($1.0.utf8) }
  }

  /// `swiftc --version` (about half a second), remembered in `.build-notes/toolchain` per
  /// compiler binary (its resolved path, size and modification time), so that a no-op build
  /// does not pay for it.
  static func toolchainVersion(_ swiftc: String, environment: [String: String], cacheFolder: URL)
    throws(Diagnostic) -> String
  {
    let resolved = URL(fileURLWithPath: swiftc).resolvingSymlinksInPath().path
    let attributes = try? FileManager.default.attributesOfItem(atPath: resolved)
    let stamp = [
      resolved, "\((attributes?[.size] as? NSNumber)?.int64Value ?? -1)",
      "\((attributes?[.modificationDate] as? Date)?.timeIntervalSince1970 ?? -1)",
    ].joined(separator: "|")
    let cache = cacheFolder.appendingPathComponent("toolchain")
    if attributes != nil, let text = try? String(contentsOf: cache, encoding: .utf8) {
      let parts = text.split(separator: "\n", maxSplits: 1, omittingEmptySubsequences: false)
      if parts.count == 2, parts[0] == stamp { return String(parts[1]) }
    }
    let version = Shell.run([swiftc, "--version"], environment: environment)
    guard version.status == 0 else {
      throw Diagnostic(
        file: "swiftc", message: "cannot run the Swift compiler (\(swiftc)): \(version.stderrText)")
    }
    let text = version.stdoutText.trimmingCharacters(in: .whitespacesAndNewlines)
    if attributes != nil {
      try LibrarySet.createFolder(cacheFolder)
      try? Data((stamp + "\n" + text).utf8).write(to: cache, options: .atomic)
    }
    return text
  }
}

/// SHA-256 of files, remembered by path, size and modification time (like git's index), so
/// that a warm build does not re-read and re-hash the libraries' sources. An entry is trusted
/// only if the file was last modified at least two seconds before the store was written, so an
/// edit in the same instant as a build (same size, same time stamp) is still seen.
final class FileDigests {
  struct Entry: Codable {
    var size: Int64
    var modified: Double
    var digest: String
  }
  struct Store: Codable {
    var writtenAt: Double
    var entries: [String: Entry]
  }

  let url: URL
  private let old: Store?
  private var new: [String: Entry] = [:]
  private var changed = false

  init(_ url: URL) {
    self.url = url
    old = (try? Data(contentsOf: url)).flatMap { try? JSONDecoder().decode(Store.self, from: $0) }
  }

  /// The file's SHA-256 (of an empty file if it cannot be read).
  func digest(of file: URL) -> String {
    let path = file.standardizedFileURL.path
    let attributes = try? FileManager.default.attributesOfItem(atPath: path)
    let size = (attributes?[.size] as? NSNumber)?.int64Value ?? -1
    let modified = (attributes?[.modificationDate] as? Date)?.timeIntervalSince1970 ?? -1
    if let old, let entry = old.entries[path], entry.size == size, entry.modified == modified,
      modified >= 0, modified < old.writtenAt - 2
    {
      new[path] = entry
      return entry.digest
    }
    var hasher = SHA256()
    hasher.update((try? Data(contentsOf: file)) ?? Data())
    let digest = hasher.finalize()
    new[path] = Entry(size: size, modified: modified, digest: digest)
    changed = true
    return digest
  }

  /// Writes the store if an entry changed (quietly: it is only a cache).
  func save() {
    guard changed || new.count != old?.entries.count else { return }
    let store = Store(writtenAt: Date().timeIntervalSince1970, entries: new)
    let encoder = JSONEncoder()
    encoder.outputFormatting = [.sortedKeys]
    guard let data = try? encoder.encode(store) else { return }
    try? FileManager.default.createDirectory(
      at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
    try? data.write(to: url, options: .atomic)
  }
}

// MARK: - Building

extension LibrarySet {
  /// What the last successful build produced, and for which inputs.
  struct Stamp: Codable {
    var inputs: String
    var binDirectory: String
    var clangFlags: [String]
    /// The helper package's `Package.resolved`: the dependency versions SwiftPM chose.
    var resolved: String

    var library: URL { URL(fileURLWithPath: binDirectory).appendingPathComponent("libChapterLibraries.so") }

    static func url(_ inputs: Inputs) -> URL { inputs.base.appendingPathComponent("chapter-libraries.json") }

    static func read(_ inputs: Inputs) -> Stamp? {
      guard let data = try? Data(contentsOf: url(inputs)),
        let stamp = try? JSONDecoder().decode(Stamp.self, from: data), stamp.inputs == inputs.hash
      else { return nil }
      return stamp
    }
  }

  /// Creates `folder` (and its parents), or says why it cannot.
  static func createFolder(_ folder: URL) throws(Diagnostic) {
    do {
      try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
    } catch {
      // Name the folder that refuses, rather than Foundation's generic error.
      var existing = folder.deletingLastPathComponent()
      while !FileManager.default.fileExists(atPath: existing.path) && existing.path != "/" {
        existing = existing.deletingLastPathComponent()
      }
      let reason =
        FileManager.default.isWritableFile(atPath: existing.path)
        ? error.localizedDescription : "permission denied: \(existing.path) is not writable"
      throw Diagnostic(
        file: folder.path,
        message:
          "cannot create the folder for the chapter libraries (\(reason)); make it writable, or name another package with --package-path"
      )
    }
  }

  /// Writes `text` to `url` unless it already holds it (so SwiftPM sees nothing changed).
  static func write(_ text: String, to url: URL) throws(Diagnostic) {
    let data = Data(text.utf8)
    if (try? Data(contentsOf: url)) == data { return }
    try createFolder(url.deletingLastPathComponent())
    do {
      try data.write(to: url, options: .atomic)
    } catch {
      throw Diagnostic(file: url.path, message: "cannot write: \(error.localizedDescription)")
    }
  }

  /// Writes the helper package and runs `swift build -c release` on it.
  static func build(_ inputs: Inputs, environment: [String: String]) throws(Diagnostic) -> Stamp {
    let helper = inputs.base.appendingPathComponent("chapter-libraries")
    let scratch = inputs.base.appendingPathComponent("swiftpm")
    try write(inputs.manifest, to: helper.appendingPathComponent("Package.swift"))
    try write(inputs.exports, to: helper.appendingPathComponent("Sources/ChapterLibraries/Exports.swift"))
    for file in RuntimeSources.files {
      let ships =
        file.module == Inputs.figuresModule ? inputs.shipsFigures : inputs.shipsRuntime
      guard ships else { continue }
      try write(file.text, to: helper.appendingPathComponent("Shipped/\(file.module)/\(file.path)"))
    }
    // The book's pinned versions, so that chapters link what the package's own build does.
    if let package = inputs.bookPackage,
      let pins = try? String(contentsOf: package.appendingPathComponent("Package.resolved"), encoding: .utf8)
    {
      try write(pins, to: helper.appendingPathComponent("Package.resolved"))
    }

    let result = Shell.run(
      [
        inputs.swift, "build", "-c", "release", "--package-path", helper.path, "--scratch-path", scratch.path,
        "--product", "ChapterLibraries",
      ], environment: environment)
    guard result.status == 0 else {
      let output = (result.stdoutText + result.stderrText).split(separator: "\n")
        .filter { !$0.hasPrefix("[") && !$0.hasPrefix("Building") && !$0.hasPrefix("Compiling") }
        .suffix(60).joined(separator: "\n")
      throw Diagnostic(
        file: inputs.bookPackage?.appendingPathComponent("Package.swift").path ?? helper.path,
        message: "the chapter libraries (\(inputs.modules.joined(separator: ", "))) do not build:\n\(output)")
    }
    let bin = scratch.appendingPathComponent("release").resolvingSymlinksInPath()
    let stamp = Stamp(
      inputs: inputs.hash, binDirectory: bin.path,
      clangFlags: clangFlags(description: bin.appendingPathComponent("description.json")),
      resolved: (try? String(contentsOf: helper.appendingPathComponent("Package.resolved"), encoding: .utf8))
        ?? "")
    let encoder = JSONEncoder()
    encoder.outputFormatting = [.sortedKeys, .prettyPrinted]
    if let data = try? encoder.encode(stamp) {
      try? data.write(to: Stamp.url(inputs), options: .atomic)
    }
    return stamp
  }

  /// The C-module flags SwiftPM passed when compiling the helper target (`-Xcc
  /// -fmodule-map-file=…`, `-Xcc -I…`), read from the build description SwiftPM writes: a
  /// chapter that imports a module built on a C module needs the same, or it fails with
  /// "missing required module".
  static func clangFlags(description: URL) -> [String] {
    guard let data = try? Data(contentsOf: description),
      let root = try? JSONSerialization.jsonObject(with: data) as? [String: Any],
      let commands = root["swiftCommands"] as? [String: Any],
      let key = commands.keys.sorted().first(where: {
        $0.hasPrefix("C.ChapterLibraries-") && $0.hasSuffix(".module")
      }),
      let command = commands[key] as? [String: Any],
      let arguments = command["otherArguments"] as? [String]
    else { return [] }
    var flags: [String] = []
    var index = 0
    while index < arguments.count {
      let argument = arguments[index]
      if argument == "-Xcc", index + 1 < arguments.count {
        let next = arguments[index + 1]
        if next.hasPrefix("-fmodule-map-file=") || (next.hasPrefix("-I") && next.count > 2) {
          flags += [argument, next]
          index += 2
          continue
        }
        if next == "-I", index + 3 < arguments.count, arguments[index + 2] == "-Xcc" {
          flags += Array(arguments[index...(index + 3)])
          index += 4
          continue
        }
        index += 2
        continue
      }
      if argument == "-I", index + 1 < arguments.count {
        flags += [argument, arguments[index + 1]]
        index += 2
        continue
      }
      index += 1
    }
    return flags
  }
}

// MARK: - Writability

extension LibrarySet {
  /// Checks that the folders a chapter's compilation writes to (`.build-notes/` and its module
  /// cache) can be written, creating them if needed, so that an unwritable package folder is
  /// reported as such and not as a compile error of the chapter.
  public func checkWritable() throws(Diagnostic) {
    for folder in [inputs.base, moduleCache] {
      if let reason = Self.unwritable(folder) {
        throw Self.unwritableDiagnostic(folder.path, reason: reason)
      }
    }
  }

  /// Why `folder` cannot be written (created if missing), or nil if it can: a probe file is
  /// created and removed (permission bits alone do not tell, e.g. for root or a read-only mount).
  static func unwritable(_ folder: URL) -> String? {
    do {
      try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
    } catch {
      let underlying = (error as NSError).userInfo[NSUnderlyingErrorKey] as? NSError
      if let code = underlying?.code, underlying?.domain == NSPOSIXErrorDomain {
        return String(cString: strerror(Int32(code))).lowercased()
      }
      return error.localizedDescription
    }
    let probe = folder.appendingPathComponent(".notes-probe-\(getpid())-\(UInt64.random(in: 0...UInt64.max))")
    let fd = open(probe.path, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0o600)
    if fd < 0 { return String(cString: strerror(errno)).lowercased() }
    close(fd)
    unlink(probe.path)
    return nil
  }

  static func unwritableDiagnostic(_ path: String, reason: String) -> Diagnostic {
    Diagnostic(
      file: path,
      message:
        "cannot write here: \(reason). notes builds the chapter libraries and keeps the compiler's module "
        + "cache in the package's .build-notes/ folder: make it writable, or name a writable copy of "
        + "the package with --package-path")
  }

  /// The path and reason of a "cannot write" failure in compiler output
  /// (`unable to open output file '/…/x.pcm': 'Permission denied'`), if any.
  static func unwritableOutput(in compilerOutput: String) -> (path: String, reason: String)? {
    for line in compilerOutput.split(separator: "\n") {
      guard let start = line.range(of: "unable to open output file '") else { continue }
      let rest = line[start.upperBound...]
      guard let end = rest.range(of: "': '") else { continue }
      let path = String(rest[..<end.lowerBound])
      let reason = rest[end.upperBound...].prefix { $0 != "'" }.lowercased()
      return (path, reason)
    }
    return nil
  }
}
