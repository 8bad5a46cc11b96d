import Foundation
import Markdown
import NotebookWire

/// How chapters are evaluated.
public struct EvaluatorConfiguration: Sendable {
  /// `<output>/.notes/cache`: chapter results, memo values, generated programs.
  public var cacheDirectory: URL
  /// The package whose libraries chapters import, and which of them.
  public var libraries: LibraryRequest
  /// The working directory of chapter programs (the book's folder).
  public var projectDirectory: URL
  /// Ignore cached results.
  public var force: Bool
  /// Chapters compiled and run at once, and cache lookups made at once.
  public var jobs: Int
  public var environment: [String: String]
  /// Where a long-lived caller cancels the runs of chapters that changed (`notes preview`).
  public var cancellation: ChapterCancellation? = nil
  /// What a long-lived caller keeps between builds (`notes preview`): decoded cached results.
  public var memory: BuildMemory? = nil

  public init(
    cacheDirectory: URL, libraries: LibraryRequest, projectDirectory: URL, force: Bool, jobs: Int,
    environment: [String: String]
  ) {
    self.cacheDirectory = cacheDirectory
    self.libraries = libraries
    self.projectDirectory = projectDirectory
    self.force = force
    self.jobs = max(1, jobs)
    self.environment = environment
  }
}

/// What happens while chapters evaluate, for a progress display.
public enum EvaluationEvent: Sendable {
  case buildingLibraries
  case started(chapter: String)
  case progress(chapter: String, fraction: Double)
  case finished(chapter: String, seconds: Double, cached: Bool)
}

public typealias ProgressReporter = @Sendable (EvaluationEvent) -> Void

/// Counts and timings of one evaluation.
public struct EvaluationSummary: Sendable, Hashable {
  public var chaptersWithCode = 0
  public var cached = 0
  public var executed = 0
  public var libraryBuildSeconds = 0.0
  public var compileSeconds = 0.0
  public var runSeconds = 0.0
  /// Time spent resolving the listings' names (the compiler's AST dump), in all.
  public var referenceSeconds = 0.0
  public init() {}
}

/// The results of evaluating a book's chapters.
public struct Evaluation: Sendable {
  /// Per chapter, in order; nil for chapters without cells.
  public var results: [ChapterRun?]
  /// Compile errors, crashes, timeouts: at chapter lines.
  public var failures: [Diagnostic]
  /// Compiler warnings.
  public var warnings: [Diagnostic]
  public var summary: EvaluationSummary
  /// The libraries chapters were compiled against (nil if no chapter has code, or they failed
  /// to build): what the API reference documents.
  public var libraries: LibrarySet? = nil
}

/// Evaluates chapters: builds the libraries if their inputs changed, looks each chapter up in
/// the cache, then compiles and runs the missing chapters in parallel (up to `jobs` at once).
/// Results are independent of `jobs`: each chapter is one process and slots are by index.
public struct Evaluator: Sendable {
  public var configuration: EvaluatorConfiguration

  public init(configuration: EvaluatorConfiguration) {
    self.configuration = configuration
  }

  public func evaluate(_ chapters: [NotebookChapter], progress: ProgressReporter? = nil) -> Evaluation {
    var summary = EvaluationSummary()
    var results = [ChapterRun?](repeating: nil, count: chapters.count)
    let withCode = chapters.indices.filter {
      chapters[$0].cells.contains { $0.isBlock ? $0.options.eval : true }
    }
    summary.chaptersWithCode = withCode.count
    guard !withCode.isEmpty else {
      return Evaluation(results: results, failures: [], warnings: [], summary: summary)
    }
    // The libraries first: their hash (with the dependency versions SwiftPM resolved) keys
    // every chapter's result. Building them is a no-op unless their inputs changed.
    let libraries: LibrarySet
    do {
      let start = Date()
      let prepared = try LibrarySet.prepare(
        configuration.libraries, environment: configuration.environment,
        willBuild: { progress?(.buildingLibraries) })
      libraries = prepared.libraries
      if prepared.built { summary.libraryBuildSeconds = Date().timeIntervalSince(start) }
    } catch {
      return Evaluation(results: results, failures: [error], warnings: [], summary: summary)
    }
    let cache = ResultCache(
      directory: configuration.cacheDirectory.appendingPathComponent("results"), memory: configuration.memory)
    var keys: [Int: String] = [:]
    var programs: [Int: ChapterProgram] = [:]
    var missing: [Int] = []
    // Each chapter's program, key and cached result, looked up on every core.
    let lookups = Parallel.map(withCode.count, width: configuration.jobs) { [configuration, libraries] k in
      let index = withCode[k]
      let program = ChapterProgram(chapter: chapters[index], imports: ["Foundation"] + libraries.modules)
      let key = ResultCache.key(
        program: program, chapter: chapters[index], libraries: libraries,
        environment: configuration.environment)
      return (program, key, configuration.force ? nil : cache.load(chapters[index], key: key))
    }
    for (index, (program, key, cached)) in zip(withCode, lookups) {
      programs[index] = program
      keys[index] = key
      if let run = cached {
        results[index] = run
        summary.cached += 1
        progress?(.finished(chapter: chapters[index].file, seconds: 0, cached: true))
      } else {
        missing.append(index)
      }
    }
    if !missing.isEmpty {
      do {
        try libraries.checkWritable()
      } catch {
        return Evaluation(results: results, failures: [error], warnings: [], summary: summary)
      }
    }

    let runs = ConcurrentResults<(ChapterRun, ChapterRunner.Timing)>(count: chapters.count)
    let queue = OperationQueue()
    queue.maxConcurrentOperationCount = configuration.jobs
    for index in missing {
      let chapter = chapters[index]
      let program = programs[index]!
      let key = keys[index]
      let runner = ChapterRunner(
        libraries: libraries,
        workDirectory: configuration.cacheDirectory.appendingPathComponent("work").appendingPathComponent(
          chapter.slug),
        memoDirectory: configuration.cacheDirectory.appendingPathComponent("memo"),
        projectDirectory: configuration.projectDirectory, environment: configuration.environment,
        refreshMemos: configuration.force, cancellation: configuration.cancellation)
      queue.addOperation {
        progress?(.started(chapter: chapter.file))
        let start = Date()
        let outcome = runner.run(
          chapter, program: program,
          progress: progress.map { report in
            { @Sendable fraction in report(.progress(chapter: chapter.file, fraction: fraction)) }
          })
        runs[index] = outcome
        // Stored as soon as it is done, so an interrupted or failed build keeps the chapters that
        // completed. Only complete successes are cached: a failure re-runs next time.
        if outcome.0.failure == nil, let key {
          cache.store(outcome.0, chapter: chapter, key: key)
        }
        progress?(.finished(chapter: chapter.file, seconds: Date().timeIntervalSince(start), cached: false))
      }
    }
    queue.waitUntilAllOperationsAreFinished()
    for index in missing {
      guard let (run, timing) = runs[index] else { continue }
      results[index] = run
      summary.executed += 1
      summary.compileSeconds += timing.compileSeconds
      summary.runSeconds += timing.runSeconds
      summary.referenceSeconds += timing.referenceSeconds
    }

    var failures: [Diagnostic] = []
    var warnings: [Diagnostic] = []
    for index in withCode {
      guard let run = results[index] else { continue }
      warnings += run.warnings
      if let failure = run.failure {
        failures += Self.diagnostics(for: failure, chapter: chapters[index], run: run)
      }
    }
    return Evaluation(
      results: results, failures: failures, warnings: warnings, summary: summary, libraries: libraries)
  }

  /// A failure as diagnostics: compile errors as the compiler gave them; a runtime failure at
  /// the failing block's line, with what it printed before.
  public static func diagnostics(for failure: ChapterRun.Failure, chapter: NotebookChapter, run: ChapterRun)
    -> [Diagnostic]
  {
    if !failure.diagnostics.isEmpty && failure.cell == nil {
      return failure.diagnostics
    }
    guard let index = failure.cell else {
      return [Diagnostic(file: chapter.file, message: failure.message)]
    }
    let cell = chapter.cells[index]
    let what = cell.isBlock ? "the block" : "the inline expression"
    var message = "\(what) failed: \(failure.message)"
    var printed = run.cells[index].stdout
    while printed.hasSuffix("\n") { printed.removeLast() }
    if !printed.isEmpty {
      message +=
        "\nit printed before failing:\n"
        + printed.split(separator: "\n", omittingEmptySubsequences: false)
        .suffix(20).map { "  | " + $0 }.joined(separator: "\n")
    }
    return [Diagnostic(file: chapter.file, line: cell.line, message: message)]
      + failure.diagnostics
  }
}
