import Foundation

/// Files that commands other than `build` write into the output folder (`notes pdf` writes
/// `notes.pdf`), listed in `<output>/.notes/exports`: a build neither deletes nor lists them
/// (they are not part of the site), `notes clean` removes them with the site, and an existing
/// file of that name that notes did not write is never replaced.
extension AtomicSiteWriter {
  var exportsPath: String { notesFolder + "/exports" }

  /// The files listed as written by other commands.
  func readExports() -> [String] { readList(exportsPath) }

  /// Writes `data` to `path` (relative, one plain file name or below a folder of ours)
  /// atomically: staged under `.notes/`, listed in `.notes/exports`, then renamed into place.
  func writeExport(_ path: String, _ data: Data) throws {
    if let problem = SitePath.problem(with: path) { throw SiteError("'\(path)': \(problem)") }
    guard !path.contains("/") else {
      throw SiteError("'\(path)': an export goes at the top of the output folder")
    }
    guard FileSystem.kind(notesFolder) == .directory else {
      throw SiteError(at: output, "not built yet (no .notes/ folder); run notes build first")
    }
    let target = output + "/" + path
    let ours = Set(readExports()).union(readManifest())
    switch FileSystem.kind(target) {
    case .missing: break
    case .regularFile where ours.contains(path): break
    default:
      throw SiteError(
        at: target, "exists and notes did not write it; move it away or choose another output folder")
    }
    let temporary = notesFolder + "/export.new"
    if FileSystem.kind(temporary) != .missing { try FileSystem.unlink(temporary) }
    try FileSystem.writeNewFile(data, to: temporary)
    // Listed before it exists: an interruption leaves at most a listed name without a file.
    var list = readExports()
    if !list.contains(path) {
      list.append(path)
      let text = list.byteSorted().map { $0 + "\n" }.joined()
      let listTemporary = exportsPath + ".new"
      if FileSystem.kind(listTemporary) != .missing { try FileSystem.unlink(listTemporary) }
      try FileSystem.writeNewFile(Data(text.utf8), to: listTemporary)
      try FileSystem.rename(listTemporary, exportsPath)
    }
    try FileSystem.rename(temporary, target)
  }
}

extension SiteBuilder {
  /// Writes a file made from the built site (`notes.pdf`) into `output`, atomically and as
  /// notes' own (see `ExportedFiles.swift`). The caller holds the output folder's lock.
  public static func writeExport(_ path: String, data: Data, in output: URL) throws {
    try AtomicSiteWriter(output: output).writeExport(path, data)
  }
}
