import Foundation

/// `notes clean`: removes what `notes` wrote into an output folder, and nothing else.
///
/// The files removed are exactly those the manifest lists (the site of the last build, and of
/// an interrupted one) and those `.notes/exports` lists (`notes.pdf`) plus the `.notes/` bookkeeping folder (cache, staging, manifest, lock);
/// folders left empty by that are removed, the output folder too. Any other file (an author's
/// `build/latex/thesis.pdf`) stays, and is reported; the folder then keeps `.notes/owner`, so it
/// is still the book's output folder. Symlinks are removed, never followed.
public enum SiteCleaner {
  public struct Report: Sendable, Equatable {
    /// Site files removed, relative to the output folder, sorted.
    public var removed: [String] = []
    /// Files and folders left in place because notes did not write them, sorted.
    public var left: [String] = []
    /// Whether the output folder itself is gone.
    public var removedFolder = false
  }

  /// Cleans `output`. The caller has checked that notes owns the folder and holds its lock.
  public static func clean(_ output: URL) throws -> Report {
    let writer = AtomicSiteWriter(output: output)
    let root = writer.output
    var report = Report()
    var listed = Set(writer.readManifest())
    listed.formUnion(writer.readList(writer.journalPath))
    listed.formUnion(writer.readExports())  // notes.pdf from `notes pdf`
    for path in Array(listed).byteSorted() {
      let components = path.split(separator: "/").map(String.init)
      // Never through a symlinked or missing folder.
      var prefix = root
      var reachable = true
      for component in components.dropLast() {
        prefix += "/" + component
        if FileSystem.kind(prefix) != .directory {
          reachable = false
          break
        }
      }
      guard reachable else { continue }
      let full = root + "/" + path
      switch FileSystem.kind(full) {
      case .regularFile, .symlink:
        try FileSystem.unlink(full)
        report.removed.append(path)
      default: continue
      }
    }
    // The bookkeeping goes, except the owner marker while the folder stays (it holds the
    // author's files, and is still the book's output folder).
    let owner = "owner"
    for name in FileSystem.sortedNames(in: writer.notesFolder) ?? [] where name != owner {
      FileSystem.removeTree(writer.notesFolder + "/" + name)
    }
    // Remove the folders that became empty, deepest first; what remains is the author's.
    removeEmptyFolders(root, keeping: ".notes")
    report.left = leftovers(root, relative: "").filter { !$0.hasPrefix(".notes/") }
    if report.left.isEmpty {
      FileSystem.removeTree(writer.notesFolder)
      report.removedFolder = FileSystem.removeEmptyDirectory(root)
    }
    return report
  }

  /// Removes empty folders below `folder` (not `folder` itself), bottom-up; never follows symlinks.
  private static func removeEmptyFolders(_ folder: String, keeping kept: String? = nil) {
    for name in FileSystem.sortedNames(in: folder) ?? [] where name != kept {
      let child = folder + "/" + name
      if FileSystem.kind(child) == .directory {
        removeEmptyFolders(child)
        FileSystem.removeEmptyDirectory(child)
      }
    }
  }

  /// The files (and symlinks, and other entries) under `folder`, relative paths, sorted.
  private static func leftovers(_ folder: String, relative: String) -> [String] {
    var result: [String] = []
    for name in FileSystem.sortedNames(in: folder) ?? [] {
      let path = relative.isEmpty ? name : relative + "/" + name
      if FileSystem.kind(folder + "/" + name) == .directory {
        result += leftovers(folder + "/" + name, relative: path)
      } else {
        result.append(path)
      }
    }
    return result
  }
}
