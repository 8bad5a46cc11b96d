import Foundation

#if canImport(Glibc)
  import Glibc
#elseif canImport(Darwin)
  import Darwin
#endif

/// Thin wrappers over `lstat(2)`, `rename(2)`, `unlink(2)`, `mkdir(2)`, `rmdir(2)`: the
/// writer needs to see symlinks as symlinks, which Foundation's helpers hide.
enum FileSystem {
  enum Kind: Equatable {
    case missing, regularFile, directory, symlink, other
  }

  /// What is at `path`, without following a final symlink.
  static func kind(_ path: String) -> Kind {
    var info = stat()
    guard lstat(path, &info) == 0 else { return .missing }
    switch info.st_mode & S_IFMT {
    case S_IFREG: return .regularFile
    case S_IFDIR: return .directory
    case S_IFLNK: return .symlink
    default: return .other
    }
  }

  /// What `path` resolves to, following symlinks.
  static func resolvedKind(_ path: String) -> Kind {
    var info = stat()
    guard stat(path, &info) == 0 else { return .missing }
    switch info.st_mode & S_IFMT {
    case S_IFREG: return .regularFile
    case S_IFDIR: return .directory
    default: return .other
    }
  }

  static func errorText() -> String { String(cString: strerror(errno)) }

  static func rename(_ from: String, _ to: String) throws {
    guard Glibc.rename(from, to) == 0 else {
      throw SiteError("cannot move \(from) to \(to): \(errorText())")
    }
  }

  static func unlink(_ path: String) throws {
    guard Glibc.unlink(path) == 0 else { throw SiteError("cannot delete \(path): \(errorText())") }
  }

  static func makeDirectory(_ path: String) throws {
    guard mkdir(path, 0o755) == 0 else { throw SiteError("cannot create folder \(path): \(errorText())") }
  }

  /// Removes an empty directory; false if it is not empty or not there.
  @discardableResult
  static func removeEmptyDirectory(_ path: String) -> Bool { rmdir(path) == 0 }

  /// Writes `data` to a new file at `path` (must not exist), mode 0644.
  static func writeNewFile(_ data: Data, to path: String) throws {
    let fd = open(path, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC | O_NOFOLLOW, 0o644)
    guard fd >= 0 else { throw SiteError("cannot write \(path): \(errorText())") }
    defer { close(fd) }
    try data.withUnsafeBytes { (buffer: UnsafeRawBufferPointer) in
      var offset = 0
      while offset < buffer.count {
        let n = write(fd, buffer.baseAddress! + offset, buffer.count - offset)
        if n < 0 {
          if errno == EINTR { continue }
          throw SiteError("cannot write \(path): \(errorText())")
        }
        offset += n
      }
    }
  }

  /// Removes a folder tree that this program made (staging); symlinks inside are removed,
  /// never followed.
  static func removeTree(_ path: String) {
    switch kind(path) {
    case .missing: return
    case .directory:
      let names = (try? FileManager.default.contentsOfDirectory(atPath: path)) ?? []
      for name in names { removeTree(path + "/" + name) }
      rmdir(path)
    default:
      Glibc.unlink(path)
    }
  }

  /// The sorted names in a directory (byte order), or nil if it cannot be listed.
  static func sortedNames(in path: String) -> [String]? {
    guard let names = try? FileManager.default.contentsOfDirectory(atPath: path) else { return nil }
    return names.sorted { Array($0.utf8).lexicographicallyPrecedes(Array($1.utf8)) }
  }
}

/// Byte-order sorting, the same on every platform and locale.
extension Array where Element == String {
  func byteSorted() -> [String] {
    sorted { [UInt8]($0.utf8).lexicographicallyPrecedes([UInt8]($1.utf8)) }
  }
}
