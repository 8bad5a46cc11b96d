import Foundation

#if canImport(Glibc)
  import Glibc
#endif

/// The files `notes preview` may serve: regular files under the output folder, nothing else.
///
/// A request path is percent-decoded, split into segments, and refused if any segment is
/// empty-dot (`.`, `..`), starts with `.` (so `.notes/`, the cache, and any hidden file are
/// never served) or holds a NUL or backslash. A folder maps to its `index.html` (never to a
/// listing). The file's real path (symbolic links resolved) must still lie inside the real path
/// of the output folder, so a link that points out of it is refused too.
public struct SiteFiles: Sendable {
  /// The output folder.
  public var root: URL

  public init(root: URL) { self.root = root }

  /// The file a request for `path` (the URL path, possibly percent-encoded, no query) serves,
  /// or nil (then: 404).
  public func resolve(_ path: String) -> URL? {
    guard let decoded = path.removingPercentEncoding, decoded.hasPrefix("/") else { return nil }
    var segments: [String] = []
    for segment in decoded.split(separator: "/", omittingEmptySubsequences: true) {
      if segment.hasPrefix(".") || segment.contains("\0") || segment.contains("\\") { return nil }
      segments.append(String(segment))
    }
    guard let base = Self.realPath(root.path) else { return nil }
    var candidate = segments.reduce(URL(fileURLWithPath: base)) { $0.appendingPathComponent($1) }
    if Self.isDirectory(candidate.path) { candidate = candidate.appendingPathComponent("index.html") }
    guard let real = Self.realPath(candidate.path), real.hasPrefix(base + "/"), Self.isRegularFile(real)
    else { return nil }
    // No segment of the resolved path below the root may be hidden either (a link to `.notes`).
    if real.dropFirst(base.count + 1).split(separator: "/").contains(where: { $0.hasPrefix(".") }) {
      return nil
    }
    return URL(fileURLWithPath: real)
  }

  /// `realpath(3)`: the absolute path with every link resolved, or nil if it does not exist.
  static func realPath(_ path: String) -> String? {
    guard let resolved = realpath(path, nil) else { return nil }
    defer { free(resolved) }
    return String(cString: resolved)
  }

  static func isDirectory(_ path: String) -> Bool {
    var info = stat()
    return stat(path, &info) == 0 && (info.st_mode & S_IFMT) == S_IFDIR
  }

  static func isRegularFile(_ path: String) -> Bool {
    var info = stat()
    return stat(path, &info) == 0 && (info.st_mode & S_IFMT) == S_IFREG
  }
}
