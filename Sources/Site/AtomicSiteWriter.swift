import Foundation
import Notebook

#if canImport(Glibc)
  import Glibc
#endif

/// Replaces the files of a site in an output folder, as close to atomically as POSIX allows.
///
/// 1. Every new file is written below `<output>/.notes/staging/`. Any failure up to here
///    removes the staging folder (and `.notes/` or the output folder if this run created them),
///    leaving the previous site exactly as it was.
/// 2. The switch: `<output>/.notes/switch` (the journal) is written with the new file list and
///    `<output>/.notes/manifest` is set to (old manifest ∪ new files); then each file is moved
///    into place with `rename(2)` (atomic per file).
/// 3. Files in the old manifest that the new site no longer has are deleted (never through a
///    symlink, never a folder), folders left empty by that are removed, the manifest is set
///    to the new files, and the journal is removed.
///
/// The switch is finished even if it is interrupted: the caller defers SIGINT/SIGTERM/SIGHUP
/// while it runs, and after a SIGKILL or a power cut the journal is still there, so the next
/// run (``finishInterruptedSwitch()``, called before anything else) completes the moves from
/// the staging folder. A run interrupted while staging leaves only a staging folder, which is
/// discarded: the previous site stays whole.
///
/// Nothing outside the output folder is written; files without a manifest entry are never
/// deleted; `.notes/cache/` is never touched.
struct AtomicSiteWriter {
  let output: String
  /// Fault injection for the tests of interrupted builds: raise `signal` in this process after
  /// moving `afterFiles` files into place (`NOTES_FAULT_SWITCH=KILL:3` or `TERM:3`).
  var fault: (signal: Int32, afterFiles: Int)? = nil

  var notesFolder: String { output + "/.notes" }
  var stagingFolder: String { notesFolder + "/staging" }
  var manifestPath: String { notesFolder + "/manifest" }
  var journalPath: String { notesFolder + "/switch" }

  init(output: URL, fault: (signal: Int32, afterFiles: Int)? = nil) {
    var path = output.standardizedFileURL.path
    while path.count > 1 && path.hasSuffix("/") { path.removeLast() }
    self.output = path
    self.fault = fault
  }

  /// The fault `NOTES_FAULT_SWITCH` asks for: `KILL:N`, `TERM:N`, `INT:N` or `HUP:N`.
  static func fault(from environment: [String: String]) -> (signal: Int32, afterFiles: Int)? {
    guard let value = environment["NOTES_FAULT_SWITCH"] else { return nil }
    let parts = value.split(separator: ":")
    guard parts.count == 2, let count = Int(parts[1]), count > 0 else { return nil }
    let signals: [Substring: Int32] = ["KILL": SIGKILL, "TERM": SIGTERM, "INT": SIGINT, "HUP": SIGHUP]
    return signals[parts[0]].map { ($0, count) }
  }

  /// Checks that the output path is usable before anything is rendered.
  func checkOutputPath() throws {
    switch FileSystem.kind(output) {
    case .missing, .directory: return
    case .symlink where FileSystem.resolvedKind(output) == .directory: return
    case .regularFile, .other, .symlink:
      throw SiteError(at: output, "exists and is not a folder; remove it or choose another output folder")
    }
  }

  /// Writes `files` (relative path → contents; paths already validated) and returns the
  /// relative paths of deleted stale files, sorted.
  func write(_ files: [(path: String, data: Data)]) throws -> [String] {
    try checkOutputPath()
    var createdOutput = false
    if FileSystem.kind(output) == .missing {
      do {
        try FileManager.default.createDirectory(atPath: output, withIntermediateDirectories: true)
      } catch {
        throw SiteError(at: output, "cannot create the output folder: \(error.localizedDescription)")
      }
      createdOutput = true
    }
    var createdNotes = false
    switch FileSystem.kind(notesFolder) {
    case .missing:
      try FileSystem.makeDirectory(notesFolder)
      createdNotes = true
    case .directory: break
    default: throw SiteError(at: notesFolder, "expected a folder (notes keeps its bookkeeping there)")
    }
    _ = try finishInterruptedSwitch()
    let oldManifest = readManifest()
    let newPaths = files.map(\.path)

    // Phase 1: stage. Any error here leaves the previous site untouched.
    do {
      try preflight(newPaths: newPaths, oldManifest: oldManifest)
      FileSystem.removeTree(stagingFolder)
      try FileSystem.makeDirectory(stagingFolder)
      for file in files {
        try stage(file.path, file.data)
      }
    } catch {
      FileSystem.removeTree(stagingFolder)
      if createdNotes { FileSystem.removeEmptyDirectory(notesFolder) }
      if createdOutput { FileSystem.removeEmptyDirectory(output) }
      throw error
    }

    // Phase 2: the switch. From the journal on, the new site is the one that will be there.
    try writeList(newPaths.byteSorted(), to: journalPath)
    try writeManifest(Array(Set(oldManifest).union(newPaths)).byteSorted())
    return try completeSwitch(to: newPaths, previous: oldManifest)
  }

  /// Moves the staged files into place, deletes stale ones, writes the manifest and removes
  /// the journal and the staging folder. Safe to run again after an interruption: a file
  /// already moved is no longer staged and is skipped.
  private func completeSwitch(to newPaths: [String], previous oldManifest: [String]) throws -> [String] {
    let owned = Set(oldManifest)
    var moved = 0
    for path in newPaths where FileSystem.kind(stagingFolder + "/" + path) == .regularFile {
      try makeParents(of: path, replacing: owned)
      if FileSystem.kind(output + "/" + path) == .directory {
        try removeOwnedFolder(path)  // preflight checked it holds only files of ours
      }
      try FileSystem.rename(stagingFolder + "/" + path, output + "/" + path)
      moved += 1
      if let fault, moved == fault.afterFiles {
        raise(fault.signal)
        // A handled signal is acted on by another thread: let it see this one mid-switch.
        Interruption.waitUntilReceived(seconds: 2)
      }
    }

    // Phase 3: delete what the previous build wrote and this one did not.
    let newSet = Set(newPaths)
    var removed: [String] = []
    for path in oldManifest where !newSet.contains(path) {
      if try removeStale(path) { removed.append(path) }
    }
    try writeManifest(newPaths.byteSorted())
    if FileSystem.kind(journalPath) != .missing { try FileSystem.unlink(journalPath) }
    FileSystem.removeTree(stagingFolder)
    return removed.byteSorted()
  }

  /// Completes a switch that a killed run left half done (its journal is still there), or
  /// discards the staging folder of a run killed before its switch began. Returns the number
  /// of files the finished switch moved into place, or nil if there was nothing to finish.
  func finishInterruptedSwitch() throws -> Int? {
    guard FileSystem.kind(journalPath) == .regularFile else {
      FileSystem.removeTree(stagingFolder)
      return nil
    }
    let newPaths = readList(journalPath)
    let pending = newPaths.filter { FileSystem.kind(stagingFolder + "/" + $0) == .regularFile }.count
    _ = try completeSwitch(to: newPaths, previous: readManifest())
    return pending
  }

  /// Refuses, before anything moves, targets that cannot be replaced safely: a folder where a
  /// file goes, or a parent that is a symlink or a file this program did not write.
  private func preflight(newPaths: [String], oldManifest: [String]) throws {
    // Every existing folder that receives a file must be writable, or the switch would stop
    // half way: checked with a probe file (permission bits do not tell for root or a
    // read-only mount).
    var folders: Set<String> = [output]
    for path in newPaths {
      let parent = path.split(separator: "/").dropLast().joined(separator: "/")
      if !parent.isEmpty, FileSystem.kind(output + "/" + parent) == .directory {
        folders.insert(output + "/" + parent)
      }
    }
    for folder in folders.sorted() {
      let probe = folder + "/.notes-probe-\(getpid())"
      let fd = open(probe, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0o600)
      guard fd >= 0 else {
        throw SiteError(at: folder, "cannot write here: \(FileSystem.errorText().lowercased())")
      }
      close(fd)
      unlink(probe)
    }
    let owned = Set(oldManifest)
    for path in newPaths {
      let components = path.split(separator: "/").map(String.init)
      var prefix = ""
      for component in components.dropLast() {
        prefix = prefix.isEmpty ? component : prefix + "/" + component
        switch FileSystem.kind(output + "/" + prefix) {
        case .missing, .directory: continue
        case .symlink:
          throw SiteError(
            at: output + "/" + prefix, "is a symlink; notes does not write through symlinks (remove it)")
        case .regularFile, .other:
          if owned.contains(prefix) { continue }
          throw SiteError(
            at: output + "/" + prefix, "is a file that notes did not write, but \(path) needs a folder there")
        }
      }
      if FileSystem.kind(output + "/" + path) == .directory && !isOwnedFolder(path, owned: owned) {
        throw SiteError(at: output + "/" + path, "is a folder, but notes needs to write a file there")
      }
    }
  }

  private func stage(_ path: String, _ data: Data) throws {
    var folder = stagingFolder
    for component in path.split(separator: "/").dropLast() {
      folder += "/" + component
      switch FileSystem.kind(folder) {
      case .directory: continue
      case .missing: try FileSystem.makeDirectory(folder)
      default:
        throw SiteError(
          "cannot write \(path): \(folder.dropFirst(stagingFolder.count + 1)) is also written as a file")
      }
    }
    try FileSystem.writeNewFile(data, to: stagingFolder + "/" + path)
  }

  /// Creates the missing parent folders of `path` in the output; an old file of ours in the way
  /// is deleted first (preflight has excluded every other obstacle).
  private func makeParents(of path: String, replacing owned: Set<String>) throws {
    var prefix = ""
    for component in path.split(separator: "/").dropLast() {
      prefix = prefix.isEmpty ? String(component) : prefix + "/" + component
      let full = output + "/" + prefix
      switch FileSystem.kind(full) {
      case .directory: continue
      case .missing: try FileSystem.makeDirectory(full)
      case .regularFile where owned.contains(prefix):
        try FileSystem.unlink(full)
        try FileSystem.makeDirectory(full)
      default:
        throw SiteError(at: full, "is in the way of \(path)")
      }
    }
  }

  /// Whether the folder `path` holds nothing but (sub)folders and files listed in the previous
  /// manifest, so it may be cleared to make room for a file of the same name.
  private func isOwnedFolder(_ path: String, owned: Set<String>) -> Bool {
    guard let names = FileSystem.sortedNames(in: output + "/" + path) else { return false }
    for name in names {
      let child = path + "/" + name
      switch FileSystem.kind(output + "/" + child) {
      case .directory: if !isOwnedFolder(child, owned: owned) { return false }
      case .regularFile, .symlink: if !owned.contains(child) { return false }
      default: return false
      }
    }
    return true
  }

  /// Deletes a folder that `isOwnedFolder` accepted (its files, then the folders, bottom-up).
  private func removeOwnedFolder(_ path: String) throws {
    for name in FileSystem.sortedNames(in: output + "/" + path) ?? [] {
      let child = output + "/" + path + "/" + name
      if FileSystem.kind(child) == .directory {
        try removeOwnedFolder(path + "/" + name)
      } else {
        try FileSystem.unlink(child)
      }
    }
    guard FileSystem.removeEmptyDirectory(output + "/" + path) else {
      throw SiteError(at: output + "/" + path, "cannot remove this folder to write a file there")
    }
  }

  /// Deletes a stale file of ours unless a symlink lies on the way to it or it is a folder;
  /// then removes parent folders that became empty. Returns whether it deleted something.
  private func removeStale(_ path: String) throws -> Bool {
    let components = path.split(separator: "/").map(String.init)
    var prefix = ""
    for component in components.dropLast() {
      prefix = prefix.isEmpty ? component : prefix + "/" + component
      guard FileSystem.kind(output + "/" + prefix) == .directory else { return false }
    }
    let full = output + "/" + path
    switch FileSystem.kind(full) {
    case .regularFile, .symlink: try FileSystem.unlink(full)
    default: return false
    }
    var parents = components.dropLast()
    while !parents.isEmpty {
      guard FileSystem.removeEmptyDirectory(output + "/" + parents.joined(separator: "/")) else { break }
      parents = parents.dropLast()
    }
    return true
  }

  /// The previous build's file list; lines that are not safe relative paths are ignored.
  func readManifest() -> [String] { readList(manifestPath) }

  /// A list of site paths, one a line; lines that are not safe relative paths are ignored.
  func readList(_ file: String) -> [String] {
    guard FileSystem.kind(file) == .regularFile, let data = FileManager.default.contents(atPath: file)
    else { return [] }
    let lines = String(decoding: data, as: UTF8.self).split(separator: "\n").map(String.init)
    return Array(Set(lines.filter(SitePath.isValid))).byteSorted()
  }

  /// Replaces the manifest atomically (write a temporary file, then rename).
  private func writeManifest(_ paths: [String]) throws { try writeList(paths, to: manifestPath) }

  private func writeList(_ paths: [String], to file: String) throws {
    let temporary = file + ".new"
    if FileSystem.kind(temporary) != .missing { try FileSystem.unlink(temporary) }
    let text = paths.map { $0 + "\n" }.joined()
    try FileSystem.writeNewFile(Data(text.utf8), to: temporary)
    try FileSystem.rename(temporary, file)
  }
}
