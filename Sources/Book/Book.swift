import Bibliography
import Foundation
import Markdown
import Notebook
import Search
import Site

/// What `notes build` needs to know.
public struct BuildOptions: Sendable {
  /// The folder of `*.md` chapters.
  public var chaptersDirectory: URL
  /// Where the site goes; the engine's cache lives in `<output>/.notes/cache`.
  public var outputDirectory: URL
  /// Holds `notes.toml` and an optional `theme/` folder.
  public var projectDirectory: URL
  /// Ignore cached results and re-execute every chapter.
  public var force: Bool = false
  /// Write the pages of chapters that failed, with the failure shown in an error box.
  public var keepGoing: Bool = false
  /// Chapters compiled, run, parsed and rendered at once (default: the number of cores).
  public var jobs: Int = ProcessInfo.processInfo.activeProcessorCount
  public var assetSources: AssetSources = .debian
  public var environment: [String: String] = ProcessInfo.processInfo.environment
  /// The Swift package whose library products chapters import (`--package-path`); nil to look
  /// for one (see ``packageDirectory``).
  public var packagePath: URL? = nil
  /// Where relative paths were typed: the last place to look for a package.
  public var workingDirectory = URL(fileURLWithPath: FileManager.default.currentDirectoryPath)
  /// Called with a sentence for the author when the build must wait or repairs something
  /// (another build holds the output folder; an interrupted update was finished).
  public var notice: (@Sendable (String) -> Void)? = nil
  /// Where `notes preview` cancels the run of a chapter whose source changed while it ran.
  public var cancellation: ChapterCancellation? = nil
  /// What `notes preview` keeps in memory between its builds (parsed chapters, decoded
  /// results), each keyed by the exact text or bytes it came from; nil for a one-off build.
  public var memory: BuildMemory? = nil

  public init(chaptersDirectory: URL, outputDirectory: URL, projectDirectory: URL) {
    self.chaptersDirectory = chaptersDirectory
    self.outputDirectory = outputDirectory
    self.projectDirectory = projectDirectory
  }
}

/// What a build did.
public struct BuildReport: Sendable {
  public var chapters: Int
  public var writtenFiles: [String]
  public var warnings: [Diagnostic]
  public var evaluation: EvaluationSummary
  /// The libraries' API reference, if chapters were compiled against libraries.
  public var apiReference: APIReferenceSummary? = nil
}

/// The pipeline: load chapters → parse → evaluate notebook cells → render → write the site.
public enum Book {
  /// Builds the site. Either every page is written (atomically) or the previous site is left
  /// as it was and a ``BuildFailure`` lists what went wrong, at `chapters/x.md:LINE`.
  ///
  /// Diagnostics name files relative to the book's folder (`chapters/x.md`, `notes.toml`) or,
  /// outside it, by absolute path: pages and cache entries never depend on the working directory.
  /// ``present(_:projectDirectory:)`` turns them into what the author types.
  public static func build(
    _ options: BuildOptions, progress: ProgressReporter? = nil
  ) throws(BuildFailure) -> BuildReport {
    let output = try claimOutput(options)
    do {
      let report = try buildSite(options, progress: progress)
      output.release()
      return report
    } catch {
      // A build that failed on its input leaves no output folder behind if it made one.
      output.removeIfUnused()
      throw error
    }
  }

  private static func buildSite(_ options: BuildOptions, progress: ProgressReporter?) throws(BuildFailure)
    -> BuildReport
  {
    // Configuration → chapters → parse → bibliography → cells → evaluation, as `notes eval`.
    let front = try evaluate(options, progress: progress)
    let (configuration, chapters, documents) = (front.configuration, front.chapters, front.documents)
    let (bibliography, notebooks, hints) = (front.bibliography, front.notebooks, front.hints)
    let evaluation = front.evaluation

    var warnings = (bibliography?.diagnostics ?? []) + hints + evaluation.warnings
    var failures = evaluation.failures
    if !failures.isEmpty && !options.keepGoing { throw BuildFailure(failures + hints) }

    // The libraries' API reference: its pages, and links from the names in listings.
    let api = apiReference(
      evaluation.libraries, cacheDirectory: options.outputDirectory.appendingPathComponent(".notes/cache"),
      environment: options.environment, warnings: &warnings)

    // The book's labels and numbers, from every chapter, before any page renders.
    let numbering = zip(notebooks.indices, notebooks).map { index, notebook in
      Splicer.numbering(notebook, results: evaluation.results[index])
    }
    var table = labelTable(
      chapters: chapters, documents: documents, notebooks: notebooks, numbering: numbering)
    table.equationPrefix = configuration.equationPrefix
    if let bibliography {
      table.citations = LabelTable.Citations(
        file: bookPath(bibliographyURL(options, configuration: configuration), options),
        knows: { bibliography.entry($0) != nil },
        html: { bibliography.html($0, link: { "#" + Bibliography.anchor(for: $0) }) },
        text: { bibliography.text($0) })
    }
    failures.append(contentsOf: table.diagnostics)
    // A reference to a missing label is an error at its position, unless a run failed (which
    // leaves figures missing anyway).
    let reportMissing = !evaluation.results.contains { $0?.failure != nil }

    // Every chapter's page and the print edition are independent given the label table: they
    // render concurrently and are put together in book order.
    let link = codeLink(api?.reference)
    let frozen = table
    let codeFold = configuration.codeFold
    let results = evaluation.results
    enum Rendering: Sendable {
      case chapter(RenderedChapter)
      case print(PrintEdition)
    }
    let renderings = Parallel.map(chapters.count + 1, width: options.jobs) { k -> Rendering in
      // The print edition is the longest task: it starts first.
      guard k > 0 else {
        return .print(
          PrintRendering.edition(
            chapters: chapters, documents: documents, notebooks: notebooks, results: results, table: frozen,
            bibliography: bibliography, codeFold: codeFold))
      }
      return .chapter(
        renderChapter(
          k - 1, chapters: chapters, documents: documents, notebooks: notebooks, results: results,
          table: frozen, bibliography: bibliography, codeFold: codeFold, link: link))
    }
    var pages: [ChapterPage] = []
    var searchPages: [SearchIndex.Page] = []
    var extraFiles: [String: Data] = [:]
    var printEdition: PrintEdition?
    // Per cited key, the chapters that cite it (for the bibliography page).
    var citedBy: [(key: String, chapter: Int)] = []
    for rendering in renderings {
      switch rendering {
      case .print(let edition): printEdition = edition
      case .chapter(let chapter):
        warnings.append(contentsOf: chapter.warnings)
        if reportMissing { failures.append(contentsOf: chapter.missing) }
        for (path, data) in chapter.files { extraFiles[path] = data }
        pages.append(chapter.page)
        searchPages.append(chapter.searchPage)
        citedBy.append(contentsOf: chapter.cited.map { ($0, pages.count - 1) })
      }
    }
    if let bibliography, !citedBy.isEmpty {
      pages.append(
        BibliographyPage.page(
          bibliography, citedBy: citedBy, pages: pages, taken: Set(chapters.map(\.slug)),
          sourcePath: bookPath(bibliographyURL(options, configuration: configuration), options)))
    }
    if !failures.isEmpty && !options.keepGoing { throw BuildFailure(failures + hints) }

    var builder = SiteBuilder(
      configuration: configuration, themeDirectory: themeDirectory(options),
      assetSources: options.assetSources, environment: options.environment)
    // Reading aids from the same data: the search index and the whole book on one page.
    builder.searchIndex = SearchIndex(pages: searchPages + referenceSearchPages(api?.reference))
    builder.printEdition = printEdition
    do {
      // SIGINT/SIGTERM/SIGHUP wait until the site is switched (see ``Interruption``).
      let report = try Interruption.deferring {
        try builder.build(
          chapters: pages, reference: api?.reference.pages ?? [], extraFiles: extraFiles,
          outputDirectory: options.outputDirectory)
      }
      return BuildReport(
        chapters: chapters.count, writtenFiles: report.writtenFiles, warnings: warnings + failures,
        evaluation: evaluation.summary, apiReference: api?.summary)
    } catch {
      throw BuildFailure(diagnostic(error, at: options.outputDirectory))
    }
  }

  /// One chapter's page and what the build collects from it.
  struct RenderedChapter: Sendable {
    var page: ChapterPage
    var searchPage: SearchIndex.Page
    /// The splicer's and renderer's warnings, in that order.
    var warnings: [Diagnostic]
    /// References to labels that do not exist (errors unless a run failed).
    var missing: [Diagnostic]
    /// Files the page links to (`data/*.csv`), by path in the site.
    var files: [String: Data]
    /// The works the page cites, captions included, in order of first citation.
    var cited: [String]
  }

  /// Splices chapter `index`'s results into its document and renders its page, its search entry
  /// and its reference list.
  static func renderChapter(
    _ index: Int, chapters: [ChapterSource], documents: [Document], notebooks: [NotebookChapter],
    results: [ChapterRun?], table: LabelTable, bibliography: Bibliography?, codeFold: Bool,
    link: @Sendable (CodeReference) -> CodeLink?
  ) -> RenderedChapter {
    let chapter = chapters[index]
    let file = chapter.source.displayPath
    var missing: [Diagnostic] = []
    // The works this page cites, captions included, for its reference list.
    var cited = table.citedKeys(of: documents[index])
    let spliced = Splicer.splice(
      notebooks[index], results: results[index], numberPrefix: table.numberPrefixes[index],
      codeFold: codeFold,
      captionReferences: { document, line in
        let resolved = table.references(of: document, in: index, file: file, line: line)
        missing.append(contentsOf: resolved.errors)
        cited.append(contentsOf: table.citedKeys(of: document))
        return resolved.html
      }, link: link)
    let references = table.references(of: documents[index], in: index, file: file)
    let (page, pageWarnings, headings) = ChapterRenderer.page(
      chapter: chapter, document: documents[index], replacements: spliced.replacements,
      references: references.html, referenceTexts: references.text, equationTags: table.equationTags[index],
      reservedIDs: spliced.ids, callouts: table.calloutFrames[index],
      referenceListHTML: bibliography?.referenceListHTML(cited) ?? "")
    let searchPage = SearchEntries.page(
      href: page.href, title: page.titleText, document: documents[index], spliced: spliced,
      headings: headings,
      references: SearchEntries.referenceTexts(of: documents[index], table: table, bibliography: bibliography)
    )
    return RenderedChapter(
      page: page, searchPage: searchPage, warnings: spliced.warnings + pageWarnings,
      missing: references.errors + missing, files: spliced.files, cited: cited)
  }

  /// The label table of the book (see ``LabelTable``): figures and tables from the numbering
  /// pass of the splicer, equations and headings from the documents.
  static func labelTable(
    chapters: [ChapterSource], documents: [Document], notebooks: [NotebookChapter],
    numbering: [Splicer.Spliced]
  ) -> LabelTable {
    var labels: [LabelTable.ChapterLabels] = []
    for (index, chapter) in chapters.enumerated() {
      let file = chapter.source.displayPath
      var entry = LabelTable.ChapterLabels(
        file: file, slug: chapter.slug, number: LabelTable.chapterNumber(fileName: file))
      let positions = Dictionary(
        notebooks[index].labels.map { ($0.name, $0) }, uniquingKeysWith: { a, _ in a })
      for item in numbering[index].numbered {
        entry.numbered.append(
          (item, positions[item.label] ?? Document.Label(name: item.label, line: 0, column: 0)))
      }
      entry.equations = documents[index].equationLabels
      let headingLabels = documents[index].headingLabels
      for node in documents[index].nodes {
        guard case .heading(let level) = node.kind, level >= 2 else { continue }
        entry.headings.append((level, headingLabels[node.id]))
        if let label = headingLabels[node.id] {
          entry.titles[label.name] = .prose(lead: "", document: documents[index], nodes: [node])
        }
      }
      entry.callouts = documents[index].callouts
      // Hover previews: captions, equations (their TeX), the callouts' title and text.
      for cell in notebooks[index].cells where cell.isBlock {
        if let label = cell.options.label, let caption = cell.options.caption {
          let document = Document(parsing: caption)
          entry.titles[label] = .prose(lead: "", document: document, nodes: [document.root])
        }
      }
      for (label, tex) in documents[index].equationTeX { entry.titles[label] = .text(tex) }
      for callout in entry.callouts {
        guard let label = callout.label, CalloutKind(marker: callout.kind) != nil else { continue }
        // The table puts "Theorem 1.1" before it.
        let lead = (callout.title.isEmpty ? "" : " (\(callout.title))") + ": "
        entry.titles[label.name] = .prose(lead: lead, document: documents[index], nodes: callout.body)
      }
      labels.append(entry)
    }
    return LabelTable(labels)
  }

  /// The book's BibTeX file: `bibliography` in `notes.toml`, else `references.bib` in the
  /// book's folder, beside `chapters/`.
  public static func bibliographyURL(_ options: BuildOptions, configuration: SiteConfiguration) -> URL {
    options.projectDirectory.appendingPathComponent(configuration.bibliography ?? "references.bib")
  }

  /// The book's bibliography, or nil when there is none (then `[@key]` that is not a label is
  /// an error); a `bibliography` that `notes.toml` names must exist. What is wrong inside it is in
  /// its ``Bibliography/diagnostics``.
  static func loadBibliography(_ options: BuildOptions, configuration: SiteConfiguration) throws(BuildFailure)
    -> Bibliography?
  {
    let url = bibliographyURL(options, configuration: configuration)
    guard FileManager.default.fileExists(atPath: url.path) else {
      guard let named = configuration.bibliography else { return nil }
      throw BuildFailure(
        Diagnostic(file: "notes.toml", message: "bibliography '\(named)' does not exist in the book's folder")
      )
    }
    do {
      return try Bibliography.read(url, displayPath: bookPath(url, options))
    } catch {
      throw BuildFailure(error)
    }
  }

  /// Checks, claims and locks the output folder (see ``OutputFolder``) and finishes a site
  /// update that a killed run left half done. The folder may not be, or contain, the chapters,
  /// the book's folder or the package.
  public static func claimOutput(_ options: BuildOptions) throws(BuildFailure) -> OutputFolder {
    var protected: [(url: URL, name: String)] = [
      (options.chaptersDirectory, "the chapters folder"),
      (options.projectDirectory, "the book's folder (where notes.toml and chapters/ are)"),
    ]
    if let package = packageDirectory(options) {
      protected.append((package, "the Swift package whose libraries the chapters use"))
    }
    let display = options.outputDirectory.standardizedFileURL.path
    let notice = options.notice
    do {
      let shown = displayPath(options.outputDirectory)
      let folder = try OutputFolder.claim(
        options.outputDirectory, protecting: protected, display: display,
        waiting: { notice?("waiting for another notes process that is using \(shown)/ to finish…") })
      if let moved = try Interruption.deferring({
        try SiteBuilder.finishInterruptedSwitch(in: options.outputDirectory)
      }) {
        notice?(
          "finished the update of \(displayPath(options.outputDirectory))/ that an interrupted build left (\(moved) files)"
        )
      }
      return folder
    } catch let diagnostic as Diagnostic {
      throw BuildFailure(diagnostic)
    } catch {
      throw BuildFailure(Book.diagnostic(error, at: options.outputDirectory))
    }
  }

  /// `url` relative to the book's folder when inside it (`chapters`), else its absolute path.
  static func bookPath(_ url: URL, _ options: BuildOptions) -> String {
    let path = url.standardizedFileURL.path
    let root = options.projectDirectory.standardizedFileURL.path
    if path == root { return "." }
    if path.hasPrefix(root + "/") { return String(path.dropFirst(root.count + 1)) }
    return path
  }

  /// A diagnostic as the author should read it: its file (relative to the book's folder, or
  /// absolute) shown relative to the working directory when inside it.
  public static func present(_ diagnostic: Diagnostic, projectDirectory: URL) -> Diagnostic {
    var shown = diagnostic
    if !diagnostic.file.isEmpty {
      shown.file = displayPath(URL(fileURLWithPath: diagnostic.file, relativeTo: projectDirectory))
    }
    return shown
  }

  /// The package whose libraries chapters import, found as SwiftPM's `--package-path` is:
  /// `--package-path` (or `NOTES_PACKAGE_DIR`; empty for none); else the nearest folder with a
  /// `Package.swift` at or above the book's folder; else at or above the working directory;
  /// else none. Never the folder `notes` was compiled in.
  public static func packageDirectory(_ options: BuildOptions) -> URL? {
    if let explicit = options.packagePath { return explicit.standardizedFileURL }
    if let path = options.environment["NOTES_PACKAGE_DIR"] {
      return path.isEmpty
        ? nil : URL(fileURLWithPath: path, relativeTo: options.workingDirectory).standardizedFileURL
    }
    return BookPackage.locate(
      explicit: nil, bookRoot: options.projectDirectory, workingDirectory: options.workingDirectory)
  }

  public static func evaluatorConfiguration(_ options: BuildOptions, configuration: SiteConfiguration)
    -> EvaluatorConfiguration
  {
    var evaluator = EvaluatorConfiguration(
      cacheDirectory: options.outputDirectory.appendingPathComponent(".notes/cache"),
      libraries: LibraryRequest(
        packageDirectory: packageDirectory(options), bookRoot: options.projectDirectory,
        imports: configuration.imports, presentation: configuration.presentation),
      projectDirectory: options.projectDirectory, force: options.force, jobs: options.jobs,
      environment: options.environment)
    evaluator.cancellation = options.cancellation
    evaluator.memory = options.memory
    return evaluator
  }

  /// `notes.toml` if present, else a default title.
  public static func loadConfiguration(_ options: BuildOptions) throws(BuildFailure) -> SiteConfiguration {
    let url = options.projectDirectory.appendingPathComponent("notes.toml")
    guard FileManager.default.fileExists(atPath: url.path) else {
      return SiteConfiguration(title: "Lecture notes")
    }
    do {
      let source = try SourceFile.read(url, displayPath: "notes.toml")
      return try SiteConfiguration.parse(toml: source.text, path: source.displayPath)
    } catch let diagnostic as Diagnostic {
      throw BuildFailure(diagnostic)
    } catch {
      throw BuildFailure(diagnostic(error, at: url, named: "notes.toml"))
    }
  }

  /// `error` as a diagnostic: a ``SiteError`` keeps its own file, line and column, a
  /// ``Diagnostic`` is itself, and any other error (or a site error about no file) is placed at
  /// `url` — named `name` when given (`notes.toml`), else by its absolute path.
  public static func diagnostic(_ error: any Error, at url: URL, named name: String? = nil) -> Diagnostic {
    let path = name ?? url.standardizedFileURL.path
    switch error {
    case let error as SiteError: return error.diagnostic(orAt: path)
    case let diagnostic as Diagnostic: return diagnostic
    default: return Diagnostic(file: path, message: "\(error)")
    }
  }

  static func themeDirectory(_ options: BuildOptions) -> URL? {
    let url = options.projectDirectory.appendingPathComponent("theme")
    var isDirectory: ObjCBool = false
    return FileManager.default.fileExists(atPath: url.path, isDirectory: &isDirectory)
      && isDirectory.boolValue
      ? url : nil
  }

  /// A path as the author would type it: relative to the working directory when inside it.
  public static func displayPath(_ url: URL) -> String {
    let path = url.standardizedFileURL.path
    let cwd = URL(fileURLWithPath: FileManager.default.currentDirectoryPath).standardizedFileURL.path
    if path == cwd { return "." }
    if path.hasPrefix(cwd + "/") { return String(path.dropFirst(cwd.count + 1)) }
    return path
  }
}
