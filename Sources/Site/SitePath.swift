/// Rules for the relative paths a site may write: plain `a/b/c` names that stay inside the
/// output folder and out of its `.notes/` bookkeeping folder.
enum SitePath {
  /// nil if `path` is acceptable, else the reason it is not.
  static func problem(with path: String) -> String? {
    if path.isEmpty { return "the path is empty" }
    if path.hasPrefix("/") { return "the path is absolute; give it relative to the output folder" }
    if path.contains("\\") { return "the path contains a backslash" }
    if path.unicodeScalars.contains(where: { $0.value == 0 }) { return "the path contains a NUL byte" }
    let components = path.split(separator: "/", omittingEmptySubsequences: false)
    for component in components {
      if component.isEmpty { return "the path has an empty component (//, or a trailing /)" }
      if component == "." || component == ".." {
        return "the path contains '\(component)', which could leave the output folder"
      }
    }
    if components[0] == ".notes" { return "the path is inside .notes/, which notes keeps for itself" }
    return nil
  }

  /// Whether a manifest line names a path this writer may delete.
  static func isValid(_ path: String) -> Bool { problem(with: path) == nil }
}
