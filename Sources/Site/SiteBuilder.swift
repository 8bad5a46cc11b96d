import Foundation
import Mustache
import Search

/// Lays out rendered chapters as a static site: `index.html`, one `<slug>.html` per chapter,
/// `print.html` (the whole book) and `assets/` (stylesheet, script, KaTeX and highlight.js where pages need them, theme files),
/// written atomically into the output folder (see `AtomicSiteWriter`).
public struct SiteBuilder: Sendable {
  public var configuration: SiteConfiguration
  public var themeDirectory: URL?
  public var assetSources: AssetSources
  /// The process environment; only `SOURCE_DATE_EPOCH` is read (for the "Built on" line).
  public var environment: [String: String]
  /// The search index (nil: no search box): written as `assets/search-index.js`, with
  /// `assets/search.js`, and every page gets the box.
  public var searchIndex: SearchIndex? = nil
  /// The whole book on one page (nil: none), written as `print.html`.
  public var printEdition: PrintEdition? = nil

  public init(
    configuration: SiteConfiguration, themeDirectory: URL?, assetSources: AssetSources = .debian,
    environment: [String: String] = ProcessInfo.processInfo.environment
  ) {
    self.configuration = configuration
    self.themeDirectory = themeDirectory
    self.assetSources = assetSources
    self.environment = environment
  }

  /// Renders every page and writes the site into `outputDirectory`, atomically: if anything
  /// fails before files are moved into place, the previous site is left byte for byte as it was.
  /// `extraFiles` (paths relative to the output folder, e.g. `data/03-fig-1.csv`) are written in
  /// the same transaction. Identical inputs give byte-identical files.
  ///
  /// `reference` are the API reference's pages (one per library module): laid out with the page
  /// template, listed in the sidebar and on the index after the chapters.
  public func build(
    chapters: [ChapterPage], reference: [ChapterPage] = [], extraFiles: [String: Data], outputDirectory: URL
  ) throws -> SiteReport {
    let writer = AtomicSiteWriter(
      output: outputDirectory, fault: AtomicSiteWriter.fault(from: environment))
    try writer.checkOutputPath()
    let files = try render(chapters: chapters, reference: reference, extraFiles: extraFiles)
    let removed = try writer.write(files)
    return SiteReport(writtenFiles: files.map(\.path), removedFiles: removed)
  }

  /// Every file of the site, sorted by path, without touching the disk (except to read the
  /// theme and the asset folders).
  public func renderFiles(chapters: [ChapterPage], reference: [ChapterPage] = [], extraFiles: [String: Data])
    throws -> [(path: String, data: Data)]
  {
    try render(chapters: chapters, reference: reference, extraFiles: extraFiles)
  }

  private func render(chapters: [ChapterPage], reference: [ChapterPage], extraFiles: [String: Data]) throws
    -> [(path: String, data: Data)]
  {
    try Self.validateSlugs(chapters + reference)
    let builtOn = try BuildDate.fromEnvironment(environment)
    let theme = try Theme.load(from: themeDirectory)
    let library = try Self.compile(theme)
    var contexts = PageContexts(
      configuration: configuration, chapters: chapters, builtOn: builtOn, hasSearch: searchIndex != nil)
    contexts.reference = reference

    var files: [String: Data] = [:]
    var origins: [String: String] = [:]
    func add(_ path: String, _ data: Data, from origin: String) throws {
      if let problem = SitePath.problem(with: path) {
        throw SiteError("\(origin) '\(path)': \(problem)")
      }
      if let other = origins[path] {
        throw SiteError("\(origin) '\(path)' would overwrite the same file from \(other)")
      }
      files[path] = data
      origins[path] = origin
    }

    try add("index.html", Data(Self.render(library, "index", contexts.index).utf8), from: "index page")
    var needsMath = contexts.indexNeedsMath
    var needsCode = false
    for i in chapters.indices {
      let html = Self.render(library, "page", contexts.chapter(i))
      try add(chapters[i].slug + ".html", Data(html.utf8), from: "chapter \(chapters[i].sourcePath)")
      needsMath = needsMath || contexts.pageNeedsMath(i)
      needsCode = needsCode || chapters[i].hasCode
    }
    for i in reference.indices {
      let html = Self.render(library, "page", contexts.referencePage(i))
      try add(reference[i].slug + ".html", Data(html.utf8), from: "API reference page \(reference[i].slug)")
      needsMath = needsMath || contexts.referenceNeedsMath(i)
      needsCode = needsCode || reference[i].hasCode
    }
    if let printEdition {
      try add(
        PrintEdition.fileName, Data(Self.render(library, "print", contexts.print(printEdition)).utf8),
        from: "print edition")
      needsMath = needsMath || printEdition.needsMath
      needsCode = needsCode || printEdition.chapters.contains(where: \.hasCode)
    }
    if let searchIndex {
      try add("assets/search-index.js", Data(searchIndex.javaScript.utf8), from: "search index")
      try add("assets/search.js", Data(SearchClient.script.utf8), from: "search script")
    }
    try add("assets/notes.css", Data(theme.styleSheet.utf8), from: "stylesheet")
    try add("assets/notes.js", Data(DefaultNotesScript.text.utf8), from: "script")
    if needsMath {
      for file in try VendorAssets.katex(from: assetSources.katex) {
        try add("assets/" + file.path, file.data, from: "KaTeX")
      }
    }
    if needsCode {
      for file in try VendorAssets.highlightJS(from: assetSources.highlightJS) {
        try add("assets/" + file.path, file.data, from: "highlight.js")
      }
    }
    for file in theme.files {
      try add("assets/theme/" + file.path, file.data, from: "theme file")
    }
    for path in Array(extraFiles.keys).byteSorted() {
      try add(path, extraFiles[path]!, from: "extra file")
    }
    return Array(files.keys).byteSorted().map { ($0, files[$0]!) }
  }

  /// Slugs must be unique plain file names (no `/`, not hidden) and not `index`.
  static func validateSlugs(_ chapters: [ChapterPage]) throws {
    var seen: [String: String] = [:]
    for chapter in chapters {
      let slug = chapter.slug
      if slug.isEmpty || slug.contains("/") || slug.contains("\\") || slug.hasPrefix(".")
        || slug.unicodeScalars.contains(where: { $0.value < 0x20 })
      {
        throw SiteError(at: chapter.sourcePath, "slug '\(slug)' is not a plain file name")
      }
      if slug == "index" {
        throw SiteError(
          at: chapter.sourcePath, "the slug 'index' is taken by the table of contents; rename the chapter")
      }
      if let other = seen[slug] {
        throw SiteError(at: chapter.sourcePath, "same slug '\(slug)' as \(other)")
      }
      seen[slug] = chapter.sourcePath
    }
  }

  /// Parses the page, index and partial templates; a syntax error names file, line and column.
  static func compile(_ theme: Theme) throws -> MustacheLibrary {
    var library = MustacheLibrary()
    let sources =
      [("page", theme.pageTemplate), ("index", theme.indexTemplate), ("print", theme.printTemplate)]
      + theme.partials
    for (name, source) in sources {
      do {
        library.register(try MustacheTemplate(string: source.text), named: name)
      } catch let error as MustacheTemplate.ParserError {
        let (line, column) = (error.context.lineNumber, error.context.columnNumber)
        guard let file = source.file else {
          throw SiteError("\(source.origin):\(line):\(column): template error: \(error.error)")
        }
        throw SiteError(at: file, line: line, column: column, "template error: \(error.error)")
      } catch {
        guard let file = source.file else { throw SiteError("\(source.origin): template error: \(error)") }
        throw SiteError(at: file, "template error: \(error)")
      }
    }
    return library
  }

  static func render(_ library: MustacheLibrary, _ name: String, _ context: [String: Any]) -> String {
    library.render(context, withTemplate: name) ?? ""
  }
}

extension SiteBuilder {
  /// Finishes a site update that a killed run left half done (see ``AtomicSiteWriter``); call
  /// it, holding the output folder's lock, before anything else reads or writes the site.
  /// Returns how many files it moved into place, or nil if nothing was interrupted.
  public static func finishInterruptedSwitch(in output: URL) throws -> Int? {
    try AtomicSiteWriter(output: output).finishInterruptedSwitch()
  }
}
