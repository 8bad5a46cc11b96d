import Foundation
import Markdown

#if canImport(Glibc)
  import Glibc
#endif

/// The output folder as `notes` owns it. Before a build (or `eval`, or `clean`) touches
/// anything, the folder is
///
/// 1. **checked**: it must not be, or contain, a folder the author keeps (the chapters, the
///    book's root, the package); it must be a folder if it exists; and a non-empty folder is
///    used only if `notes` created it (its `.notes/owner` marker, or the `.notes/manifest` of an
///    earlier version). So `--output .`, `--output chapters`, `/` and the home folder are refused.
/// 2. **claimed**: created if missing, with `.notes/owner` written.
/// 3. **locked**: an exclusive `flock(2)` on `.notes/lock`, held until the process exits (or
///    ``release()``), so two builds into the same folder run one after the other: the second
///    waits, after saying so. The lock file is opened close-on-exec, so chapter programs never
///    inherit it. Since `clean` (or an abandoned first build) may delete the lock file while a
///    second process waits on it, a lock is only taken as held when the file it locked is still
///    the one at `.notes/lock`; otherwise the claim starts again.
public final class OutputFolder: @unchecked Sendable {
  /// The folder, standardized (no `..`, no trailing `/`).
  public let path: String
  private var lockDescriptor: Int32 = -1
  /// This process created the output folder (it did not exist before the claim).
  public private(set) var createdFolder = false

  public var notesFolder: String { path + "/.notes" }
  var ownerMarker: String { notesFolder + "/owner" }
  var lockPath: String { notesFolder + "/lock" }

  init(path: String) {
    self.path = path
  }

  deinit { release() }

  /// Checks, claims and locks `output`. `protected` lists folders the output may neither be nor
  /// contain, each with how to name it in a message ("the chapters folder"). `waiting` is called
  /// once if another process holds the lock, before this one waits for it.
  public static func claim(
    _ output: URL, protecting protected: [(url: URL, name: String)], display: String,
    waiting: () -> Void = {}
  ) throws(Diagnostic) -> OutputFolder {
    let folder = try check(output, protecting: protected, display: display)
    var waited = false
    while true {
      if FileSystem.kind(folder.path) == .missing { folder.createdFolder = true }
      try folder.create(display: display)
      if try folder.lock(display: display, waiting: { if !waited { waited = true; waiting() } }) {
        return folder
      }
    }
  }

  /// After a build that failed before writing anything: removes the folder again if this run
  /// created it and it holds nothing but the owner marker and the lock (no cache, no site), so
  /// a build that fails on its input leaves no trace. Releases the lock.
  public func removeIfUnused() {
    defer { release() }
    guard createdFolder, FileSystem.sortedNames(in: path) == [".notes"],
      let names = FileSystem.sortedNames(in: notesFolder), Set(names).isSubset(of: ["owner", "lock"])
    else { return }
    for name in names { _ = Glibc.unlink(notesFolder + "/" + name) }
    FileSystem.removeEmptyDirectory(notesFolder)
    FileSystem.removeEmptyDirectory(path)
  }

  /// The checks of ``claim(_:protecting:display:waiting:)`` without creating or locking.
  public static func check(_ output: URL, protecting protected: [(url: URL, name: String)], display: String)
    throws(Diagnostic) -> OutputFolder
  {
    var path = output.standardizedFileURL.path
    while path.count > 1 && path.hasSuffix("/") { path.removeLast() }
    let real = canonicalPath(path)
    let others = protected.map { (path: canonicalPath($0.url.standardizedFileURL.path), name: $0.name) }
    // "is" before "contains": `--output .` is the book's folder, which also holds the chapters.
    for (other, name) in others.filter({ $0.path == real }) + others.filter({ $0.path != real })
    where real == other || real == "/" || other.hasPrefix(real + "/") {
      let what = real == other ? "is" : "contains"
      throw Diagnostic(
        file: display,
        message:
          "the output folder \(what) \(name); notes writes and deletes files in its output folder, so choose a folder of its own (the default is build/)"
      )
    }
    let folder = OutputFolder(path: path)
    switch FileSystem.resolvedKind(path) {
    case .missing: return folder
    case .directory: break
    case .regularFile, .other, .symlink:
      throw Diagnostic(
        file: display, message: "exists and is not a folder; remove it or choose another output folder")
    }
    let names = FileSystem.sortedNames(in: path) ?? []
    if !names.isEmpty && !folder.isOwned {
      throw Diagnostic(
        file: display,
        message:
          "is a folder that notes did not create and it is not empty; notes writes only into a new or empty folder, or one it made (choose another --output)"
      )
    }
    return folder
  }

  /// Whether `notes` made the folder at `url` (see ``isOwned``).
  public static func isOwned(_ url: URL) -> Bool {
    OutputFolder(path: url.standardizedFileURL.path).isOwned
  }

  /// Whether `notes` made this folder: its owner marker, or the manifest an earlier `notes`
  /// (before the marker existed) wrote.
  public var isOwned: Bool {
    FileSystem.kind(ownerMarker) == .regularFile || FileSystem.kind(notesFolder + "/manifest") == .regularFile
  }

  private func create(display: String) throws(Diagnostic) {
    do {
      try FileManager.default.createDirectory(atPath: notesFolder, withIntermediateDirectories: true)
    } catch {
      throw Diagnostic(
        file: display, message: "cannot create the output folder: \(error.localizedDescription)")
    }
    if FileSystem.kind(ownerMarker) != .regularFile {
      let text = "This folder is written by notes (`notes build`). `notes clean` removes what notes wrote.\n"
      let temporary = ownerMarker + ".\(getpid()).tmp"
      do {
        try FileSystem.writeNewFile(Data(text.utf8), to: temporary)
        try FileSystem.rename(temporary, ownerMarker)
      } catch {
        _ = Glibc.unlink(temporary)
        throw Diagnostic(file: display, message: "cannot write into the output folder: \(error)")
      }
    }
  }

  /// Takes the lock; false if the lock file was replaced while waiting (claim again).
  private func lock(display: String, waiting: () -> Void) throws(Diagnostic) -> Bool {
    let fd = open(lockPath, O_RDWR | O_CREAT | O_CLOEXEC | O_NOFOLLOW, 0o644)
    guard fd >= 0 else {
      throw Diagnostic(file: display, message: "cannot open \(lockPath): \(FileSystem.errorText())")
    }
    if flock(fd, LOCK_EX | LOCK_NB) != 0 {
      guard errno == EWOULDBLOCK else {
        close(fd)
        throw Diagnostic(file: display, message: "cannot lock \(lockPath): \(FileSystem.errorText())")
      }
      waiting()
      while flock(fd, LOCK_EX) != 0 {
        guard errno == EINTR else {
          close(fd)
          throw Diagnostic(file: display, message: "cannot lock \(lockPath): \(FileSystem.errorText())")
        }
      }
    }
    var locked = stat()
    var current = stat()
    guard fstat(fd, &locked) == 0, lstat(lockPath, &current) == 0, locked.st_ino == current.st_ino,
      locked.st_dev == current.st_dev
    else {
      close(fd)
      return false
    }
    lockDescriptor = fd
    return true
  }

  /// Gives up the lock (it is also released when the process exits).
  public func release() {
    guard lockDescriptor >= 0 else { return }
    close(lockDescriptor)
    lockDescriptor = -1
  }

  /// `path` with symlinks resolved in its longest existing prefix, so that two spellings of
  /// one folder compare equal even when the folder does not exist yet.
  static func canonicalPath(_ path: String) -> String {
    var existing = path
    var rest: [String] = []
    while existing != "/" && !existing.isEmpty && FileSystem.kind(existing) == .missing {
      rest.insert((existing as NSString).lastPathComponent, at: 0)
      existing = (existing as NSString).deletingLastPathComponent
    }
    var resolved = existing
    if let pointer = realpath(existing, nil) {
      resolved = String(cString: pointer)
      free(pointer)
    }
    if resolved.isEmpty { resolved = "/" }
    for component in rest {
      resolved = resolved == "/" ? "/" + component : resolved + "/" + component
    }
    return resolved
  }
}
