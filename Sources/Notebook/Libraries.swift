import Foundation
import Markdown
import NotebookRuntime

/// Where the `notes` package's sources are: `NOTES_PACKAGE_DIR`, else the checkout this binary
/// was built from (found through this file's path at compile time).
public enum PackageLocator {
  public static func packageDirectory(environment: [String: String]) -> URL? {
    if let path = environment["NOTES_PACKAGE_DIR"], !path.isEmpty {
      return URL(fileURLWithPath: path)
    }
    // …/Sources/Notebook/Libraries.swift → the package root.
    let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
      .deletingLastPathComponent()
    return FileManager.default.fileExists(atPath: root.appendingPathComponent("Package.swift").path)
      ? root : nil
  }
}

/// The libraries that chapter programs link, built in release mode with `swiftc` straight from
/// the package's sources into a folder keyed by their hash, so simulations run optimized even
/// when `notes` itself is a debug build, and a library edit re-executes every chapter.
public struct LibrarySet: Sendable {
  /// Modules in build order; each may import the ones before it.
  static let modules: [(name: String, swiftVersion: String, dependencies: [String])] = [
    ("Figures", "6", []),
    ("Criticality", "6", []),
    ("NotebookRuntime", "5", ["Figures"]),
  ]

  /// Modules whose sources do not key `memo` values: `Figures` draws and computes nothing a
  /// memo stores, so restyling a plot keeps the Monte Carlo behind it (see ``memoHash``).
  static let presentationModules: Set<String> = ["Figures"]

  public var packageDirectory: URL
  public var swiftc: String
  /// `swiftc --version`, part of every cache key.
  public var toolchainVersion: String
  /// SHA-256 of the toolchain version, flags and every source file of the modules.
  public var hash: String
  /// SHA-256 of the toolchain version, flags and the sources of the modules a `memo` value can
  /// depend on: every module but the ``presentationModules``.
  public var memoHash: String
  /// `<package>/.build-notes/libraries/<hash>`.
  public var directory: URL
  public var moduleCache: URL

  /// Hashes the sources (cheap: no compilation).
  public init(packageDirectory: URL, environment: [String: String]) throws(Diagnostic) {
    self.packageDirectory = packageDirectory
    swiftc = environment["SWIFTC"] ?? Self.findOnPath("swiftc", environment: environment) ?? "swiftc"
    let base = packageDirectory.appendingPathComponent(".build-notes")
    toolchainVersion = try Self.toolchainVersion(swiftc, environment: environment, cacheFolder: base)
    var hasher = SHA256()
    var memoHasher = SHA256()
    let header = "notes-libraries-v1\0\(toolchainVersion)\0\(Self.optimizationFlags.joined(separator: " "))\0"
    hasher.update(header)
    memoHasher.update(header)
    for module in Self.modules {
      let keysMemos = !Self.presentationModules.contains(module.name)
      hasher.update("module \(module.name)\0")
      if keysMemos { memoHasher.update("module \(module.name)\0") }
      for file in Self.sources(of: module.name, in: packageDirectory) {
        let contents = (try? Data(contentsOf: file.url)) ?? Data()
        hasher.update(file.relativePath + "\0")
        hasher.update(contents)
        hasher.update("\0")
        if keysMemos {
          memoHasher.update(file.relativePath + "\0")
          memoHasher.update(contents)
          memoHasher.update("\0")
        }
      }
    }
    hash = hasher.finalize()
    memoHash = memoHasher.finalize()
    directory = base.appendingPathComponent("libraries").appendingPathComponent(String(hash.prefix(20)))
    moduleCache = base.appendingPathComponent("module-cache")
  }

  /// Frame pointers kept, so that a crash report walks from a library frame (a `fatalError`
  /// on misuse of its API) up to the chapter line that called it.
  static let optimizationFlags = ["-O", "-wmo", "-Xcc", "-fno-omit-frame-pointer"]

  /// `swiftc --version` (about half a second), remembered in `.build-notes/toolchain` per
  /// compiler binary (its resolved path, size and modification time), so that a no-op build
  /// does not pay for it.
  static func toolchainVersion(_ swiftc: String, environment: [String: String], cacheFolder: URL)
    throws(Diagnostic)
    -> String
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
      try? FileManager.default.createDirectory(at: cacheFolder, withIntermediateDirectories: true)
      try? Data((stamp + "\n" + text).utf8).write(to: cache, options: .atomic)
    }
    return text
  }

  static func sources(of module: String, in package: URL) -> [(url: URL, relativePath: String)] {
    let root = package.appendingPathComponent("Sources").appendingPathComponent(module)
    guard let enumerator = FileManager.default.enumerator(at: root, includingPropertiesForKeys: nil) else {
      return []
    }
    var files: [(URL, String)] = []
    for case let url as URL in enumerator where url.pathExtension == "swift" {
      let relative = String(url.standardizedFileURL.path.dropFirst(root.standardizedFileURL.path.count + 1))
      files.append((url, "\(module)/\(relative)"))
    }
    return files.sorted { $0.1.utf8.lexicographicallyPrecedes($1.1.utf8) }
  }

  static func findOnPath(_ tool: String, environment: [String: String]) -> String? {
    for directory in (environment["PATH"] ?? "/usr/bin:/bin").split(separator: ":") {
      let path = "\(directory)/\(tool)"
      if FileManager.default.isExecutableFile(atPath: path) { return path }
    }
    return nil
  }

  /// Checks that the folders a chapter's compilation writes to (`.build-notes/`, its module cache
  /// and library folder) can be written, creating them if needed, so that an unwritable package
  /// folder is reported as such and not as a compile error of the chapter.
  public func checkWritable() throws(Diagnostic) {
    let base = directory.deletingLastPathComponent().deletingLastPathComponent()
    for folder in [base, moduleCache, directory.deletingLastPathComponent()] {
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
        + "cache in the package's .build-notes/ folder: make it writable, or set NOTES_PACKAGE_DIR to a "
        + "writable copy of the package")
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

  public var isBuilt: Bool {
    FileManager.default.fileExists(atPath: directory.appendingPathComponent("complete").path)
  }

  /// Builds the libraries unless this hash is already built. Independent modules compile in
  /// parallel. Writes into a temporary folder first, so a failed or concurrent build never
  /// leaves a half-built library set behind.
  public func build(environment: [String: String]) throws(Diagnostic) {
    if isBuilt { return }
    let fm = FileManager.default
    let staging = directory.deletingLastPathComponent().appendingPathComponent(
      ".staging-\(hash.prefix(20))-\(ProcessInfo.processInfo.processIdentifier)")
    try? fm.removeItem(at: staging)
    Self.removeAbandonedStaging(in: directory.deletingLastPathComponent())
    do {
      try fm.createDirectory(at: staging, withIntermediateDirectories: true)
      try fm.createDirectory(at: moduleCache, withIntermediateDirectories: true)
    } catch {
      throw Diagnostic(
        file: staging.path, message: "cannot create the library folder: \(error.localizedDescription)")
    }
    // Modules without dependencies first, in parallel; then the rest.
    let levels = [
      Self.modules.filter { $0.dependencies.isEmpty }, Self.modules.filter { !$0.dependencies.isEmpty },
    ]
    for level in levels {
      let failures = ConcurrentResults<Diagnostic?>(count: level.count)
      DispatchQueue.concurrentPerform(iterations: level.count) { index in
        failures[index] = compile(level[index], into: staging, environment: environment)
      }
      if let failure = failures.values.compactMap({ $0 }).first {
        try? fm.removeItem(at: staging)
        throw failure
      }
    }
    fm.createFile(atPath: staging.appendingPathComponent("complete").path, contents: Data(hash.utf8))
    if rename(staging.path, directory.path) != 0 {
      // Another process finished the same build first: use its result.
      try? fm.removeItem(at: staging)
      if !isBuilt {
        throw Diagnostic(file: directory.path, message: "cannot move the built libraries into place")
      }
    }
  }

  /// Removes `.staging-<hash>-<pid>` folders of builds whose process is gone (killed, or
  /// interrupted by a signal while compiling).
  static func removeAbandonedStaging(in folder: URL) {
    let names = (try? FileManager.default.contentsOfDirectory(atPath: folder.path)) ?? []
    for name in names where name.hasPrefix(".staging-") {
      guard let pid = name.split(separator: "-").last.flatMap({ pid_t($0) }), pid > 0,
        kill(pid, 0) != 0 && errno == ESRCH
      else { continue }
      try? FileManager.default.removeItem(at: folder.appendingPathComponent(name))
    }
  }

  private func compile(
    _ module: (name: String, swiftVersion: String, dependencies: [String]), into folder: URL,
    environment: [String: String]
  ) -> Diagnostic? {
    let files = Self.sources(of: module.name, in: packageDirectory).map(\.url.path)
    var arguments =
      [swiftc] + Self.optimizationFlags + [
        "-parse-as-library", "-emit-library", "-emit-module",
        "-module-name", module.name, "-swift-version", module.swiftVersion,
        "-module-cache-path", moduleCache.path,
        "-I", folder.path, "-L", folder.path,
        "-emit-module-path", folder.appendingPathComponent("\(module.name).swiftmodule").path,
        "-o", folder.appendingPathComponent("lib\(module.name).so").path,
        "-Xlinker", "-rpath", "-Xlinker", directory.path,
        "-lm",
      ]
    for dependency in module.dependencies { arguments.append("-l\(dependency)") }
    arguments += files
    let result = Shell.run(arguments, environment: environment)
    if result.status != 0, let (path, reason) = Self.unwritableOutput(in: result.stderrText) {
      return Self.unwritableDiagnostic(path, reason: reason)
    }
    if result.status != 0 {
      return Diagnostic(
        file: "Sources/\(module.name)",
        message: "the \(module.name) library does not compile:\n\(result.stderrText)")
    }
    return nil
  }

  /// `-I`, `-L`, `-l` and rpath flags for a chapter program.
  public var linkFlags: [String] {
    ["-I", directory.path, "-L", directory.path]
      + Self.modules.map { "-l\($0.name)" }
      + ["-Xlinker", "-rpath", "-Xlinker", directory.path, "-module-cache-path", moduleCache.path]
  }
}

/// Results written by concurrent workers, one slot each.
final class ConcurrentResults<Value>: @unchecked Sendable {
  private var storage: [Value?]
  private let lock = NSLock()
  init(count: Int) { storage = Array(repeating: nil, count: count) }
  subscript(index: Int) -> Value? {
    get { lock.withLock { storage[index] } }
    set { lock.withLock { storage[index] = newValue } }
  }
  var values: [Value] { lock.withLock { storage.compactMap { $0 } } }
}
