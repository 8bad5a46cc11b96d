import Bibliography
import Foundation
import Markdown
import Notebook
import Site

/// The front of the pipeline, evaluated: what `notes build` renders and `notes eval` prints.
public struct EvaluatedBook {
  /// `notes.toml` (or the defaults).
  public var configuration: SiteConfiguration
  /// The chapters read, in file-name order: every chapter, or the one asked for.
  public var chapters: [ChapterSource]
  /// Per chapter, its parsed Markdown.
  public var documents: [Document]
  /// The works chapters cite; nil when the book has no `.bib`.
  public var bibliography: Bibliography?
  /// Per chapter, its notebook cells.
  public var notebooks: [NotebookChapter]
  /// Hints about the cells (an unterminated fence): they explain errors too, so they are shown
  /// whether the build succeeds or not.
  public var hints: [Diagnostic]
  /// Per chapter, its run (cached or executed), with the failures and compiler warnings.
  public var evaluation: Evaluation
}

/// Which chapters ``Book/evaluate(_:chapters:progress:)`` reads and runs.
public enum ChapterSelection: Sendable, Hashable {
  /// The whole book (`notes build`).
  case all
  /// One chapter, by its file name in the chapters folder (`notes eval chapters/02-x.md`).
  case file(String)
}

extension Book {
  /// Configuration → load chapters → parse → bibliography → notebook cells → evaluate: the
  /// front of every build, and the whole of `notes eval`, so both see the same `notes.toml`,
  /// package, bibliography errors, cell-option errors and result cache keys (a chapter evaluated
  /// by one is a cache hit for the other).
  ///
  /// Errors in the configuration, the chapters' files, the bibliography or the cells' options
  /// throw; the chapters' own failures (compile errors, crashes) are in
  /// ``EvaluatedBook/evaluation``. The caller holds the output folder (``claimOutput(_:)``), whose
  /// `.notes/cache` this reads and fills.
  public static func evaluate(
    _ options: BuildOptions, chapters selection: ChapterSelection = .all, progress: ProgressReporter? = nil
  ) throws(BuildFailure) -> EvaluatedBook {
    let configuration = try loadConfiguration(options)
    let only: String?
    switch selection {
    case .all: only = nil
    case .file(let name): only = name
    }
    let chapters = try ChapterLoader.load(
      from: options.chaptersDirectory, displayPrefix: bookPath(options.chaptersDirectory, options), only: only
    )
    // Chapters parse independently: on every core.
    let memory = options.memory
    let documents = Parallel.map(chapters.count, width: options.jobs) {
      memory?.document(parsing: chapters[$0].source.text) ?? Document(parsing: chapters[$0].source.text)
    }
    // The works chapters cite; an error in the `.bib` fails the build like one in a chapter.
    let bibliography = try loadBibliography(options, configuration: configuration)
    let bibliographyErrors = bibliography?.diagnostics.filter { $0.severity == .error } ?? []
    if !bibliographyErrors.isEmpty { throw BuildFailure(bibliographyErrors) }

    // Notebook cells of every chapter; bad cell options are errors at their line.
    var notebooks: [NotebookChapter] = []
    var diagnostics: [Diagnostic] = []
    for (chapter, document) in zip(chapters, documents) {
      do {
        notebooks.append(
          try NotebookChapter(document: document, file: chapter.source.displayPath, slug: chapter.slug))
      } catch {
        diagnostics.append(contentsOf: error.diagnostics)
      }
    }
    if !diagnostics.isEmpty { throw BuildFailure(diagnostics) }

    let evaluator = Evaluator(configuration: evaluatorConfiguration(options, configuration: configuration))
    return EvaluatedBook(
      configuration: configuration, chapters: chapters, documents: documents, bibliography: bibliography,
      notebooks: notebooks, hints: notebooks.flatMap(\.warnings),
      evaluation: evaluator.evaluate(notebooks, progress: progress))
  }
}
