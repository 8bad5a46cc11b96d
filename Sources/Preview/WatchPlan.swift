import Book
import Foundation
import Notebook

/// What `notes preview` watches, and what a changed path means.
///
/// Watched: the chapters folder (its `*.md`), the book's folder alone (`notes.toml`,
/// `references.bib`, a `theme/` appearing), the `theme/` folder, and — when the book uses a
/// Swift package — its `Package.swift`/`Package.resolved` and the source folders of the
/// library targets chapters can import. The output folder is never watched (the build writes
/// it), nor are hidden files and editors' temporary files.
public struct WatchPlan: Sendable {
  public var chapters: URL
  public var project: URL
  public var theme: URL
  /// The package folder (for its manifest), if any.
  public var package: URL?
  /// The library targets' source folders.
  public var librarySources: [URL]
  /// The BibTeX file `notes.toml` names (`bibliography`), if any (read once, at start).
  public var bibliography: URL? = nil

  /// The plan for a build with `options`; finding the library folders asks SwiftPM for the
  /// package's manifest (cached in `.build-notes/`), so it is done once, at start.
  public init(options: BuildOptions) {
    let package = Book.packageDirectory(options)
    var sources: [URL] = []
    let configuration = try? Book.loadConfiguration(options)
    if package != nil, let configuration {
      let request = Book.evaluatorConfiguration(options, configuration: configuration).libraries
      if let inputs = try? LibrarySet.Inputs(request, environment: options.environment) {
        sources = inputs.sourceFolders.map(\.standardizedFileURL)
      }
    }
    self.init(
      chapters: options.chaptersDirectory, project: options.projectDirectory, package: package,
      librarySources: sources)
    if let configuration, configuration.bibliography != nil {
      bibliography = Book.bibliographyURL(options, configuration: configuration).standardizedFileURL
    }
  }

  public init(chapters: URL, project: URL, package: URL?, librarySources: [URL]) {
    self.chapters = chapters.standardizedFileURL
    self.project = project.standardizedFileURL
    theme = self.project.appendingPathComponent("theme")
    self.package = package?.standardizedFileURL
    self.librarySources = librarySources.map(\.standardizedFileURL)
  }

  /// Folders watched with everything below them.
  public var trees: [URL] { [chapters, theme] + librarySources }
  /// Folders watched alone.
  public var folders: [URL] {
    [project] + (package.map { [$0] } ?? []) + (bibliography.map { [$0.deletingLastPathComponent()] } ?? [])
  }

  /// What a changed path is to the build.
  public enum Meaning: Equatable, Sendable {
    /// A chapter (`chapters/x.md` as diagnostics name it).
    case chapter(String)
    /// `notes.toml`, `references.bib`, the theme.
    case book
    /// A library source or the package manifest: every chapter that runs code is affected.
    case library
  }

  /// What `path` (absolute) means, or nil when it does not affect the site.
  public func meaning(of path: String) -> Meaning? {
    let name = (path as NSString).lastPathComponent
    // Hidden files, editor backups and swap files (`.x.md.swp`, `x.md~`, `#x.md#`, vim's 4913).
    if name.hasPrefix(".") || name.hasSuffix("~") || name.hasPrefix("#") || name == "4913" { return nil }
    if let relative = Self.relative(path, to: chapters.path) {
      // Chapters are the folder's `*.md` files (a deleted or renamed folder counts as a change).
      if !relative.contains("/") && (name.hasSuffix(".md") || path == chapters.path) {
        return .chapter(Self.relative(path, to: project.path).map { $0 } ?? path)
      }
      return relative.isEmpty ? .book : nil
    }
    if Self.relative(path, to: theme.path) != nil || path == bibliography?.path { return .book }
    for folder in librarySources where Self.relative(path, to: folder.path) != nil { return .library }
    if let package, ["Package.swift", "Package.resolved"].contains(name),
      (path as NSString).deletingLastPathComponent == package.path
    {
      return .library
    }
    if (path as NSString).deletingLastPathComponent == project.path,
      ["notes.toml", "references.bib", "theme", "chapters"].contains(name)
    {
      return .book
    }
    return nil
  }

  /// `path` relative to `folder` ("" for the folder itself), or nil when outside it.
  static func relative(_ path: String, to folder: String) -> String? {
    if path == folder { return "" }
    guard path.hasPrefix(folder + "/") else { return nil }
    return String(path.dropFirst(folder.count + 1))
  }
}
