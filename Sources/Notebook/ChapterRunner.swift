import Foundation
import Markdown
import NotebookWire

/// Compiles one chapter's program against the release-built libraries and runs it in a child
/// process, collecting each cell's output through the ``Wire`` channel.
struct ChapterRunner: Sendable {
  var libraries: LibrarySet
  /// `<cache>/work/<slug>`: the generated `main.swift` and the executable.
  var workDirectory: URL
  var memoDirectory: URL
  var projectDirectory: URL
  var environment: [String: String]
  /// Recompute `memo` values instead of reading them (`notes build --force`).
  var refreshMemos = false
  /// Where a long-lived caller cancels this chapter's run (see ``ChapterCancellation``).
  var cancellation: ChapterCancellation? = nil

  struct Timing: Sendable {
    var compileSeconds = 0.0
    var runSeconds = 0.0
    var referenceSeconds = 0.0
  }

  /// The declarations outside the chapter that the program's blocks name (see
  /// ``ASTReferences``); empty if the AST dump fails (the listing then has no links).
  func codeReferences(program: ChapterProgram, sourceURL: URL) -> [CodeReference] {
    let dump = Shell.run(
      [
        libraries.swiftc, "-dump-ast", "-dump-ast-format", "json", "-swift-version", "5", "-module-name",
        "chapter",
      ]
        + libraries.linkFlags + [sourceURL.path],
      environment: environment, directory: projectDirectory)
    guard dump.status == 0 else { return [] }
    return ASTReferences.references(astJSON: Data(dump.stdout), program: program)
  }

  func run(
    _ chapter: NotebookChapter, program: ChapterProgram, progress: (@Sendable (Double) -> Void)?
  ) -> (ChapterRun, Timing) {
    var timing = Timing()
    let fm = FileManager.default
    try? fm.createDirectory(at: workDirectory, withIntermediateDirectories: true)
    let sourceURL = workDirectory.appendingPathComponent("main.swift")
    let executable = workDirectory.appendingPathComponent("chapter")
    try? fm.removeItem(at: executable)
    do {
      try Data(program.source.utf8).write(to: sourceURL)
    } catch {
      return (failed(chapter, "cannot write \(sourceURL.path): \(error.localizedDescription)"), timing)
    }

    // Compile.
    let watcher = cancellation.map { cancellation in
      (
        started: { (group: pid_t) in cancellation.started(group, chapter: chapter.file) },
        ended: { (group: pid_t) in cancellation.ended(group, chapter: chapter.file) }
      )
    }
    if let cancelled = cancelledRun(chapter) { return (cancelled, timing) }
    let start = Date()
    let compile = Shell.run(
      [libraries.swiftc, "-Onone", "-g", "-diagnostic-style=llvm", "-swift-version", "5"]
        + libraries.linkFlags + [sourceURL.path, "-o", executable.path],
      environment: environment, directory: projectDirectory, watcher: watcher)
    if let cancelled = cancelledRun(chapter) { return (cancelled, timing) }
    timing.compileSeconds = Date().timeIntervalSince(start)
    let diagnostics = CompilerOutput.parse(
      compile.stderrText, generatedFile: sourceURL.path, chapterFile: chapter.file)
    let warnings = diagnostics.filter { $0.severity != .error }
    if compile.status != 0, let (path, reason) = LibrarySet.unwritableOutput(in: compile.stderrText) {
      var run = failed(chapter, "cannot write \(path): \(reason)")
      run.failure?.diagnostics = [LibrarySet.unwritableDiagnostic(path, reason: reason)]
      return (run, timing)
    }
    if compile.status != 0 {
      var errors = diagnostics.filter { $0.severity == .error }
      if errors.isEmpty {
        errors = [
          Diagnostic(file: chapter.file, message: "the chapter does not compile:\n\(compile.stderrText)")
        ]
      }
      var run = failed(chapter, "the chapter does not compile")
      run.failure?.diagnostics = errors
      run.warnings = warnings
      return (run, timing)
    }

    // What the blocks' names resolve to, for links from listings to the API reference: the
    // same compiler on the same program, stopped after type checking (about as long as the
    // type-checking part of the compile; only on a cache miss). It runs beside the program,
    // off the build's critical path, and is waited for before the run is returned.
    let references = ReferencesSlot()
    let referencesDone = DispatchGroup()
    if APIReferenceSwitch.isOn(environment) {
      let runner = self
      DispatchQueue.global().async(group: referencesDone) {
        let start = Date()
        let found = runner.codeReferences(program: program, sourceURL: sourceURL)
        references.set(found, seconds: Date().timeIntervalSince(start))
      }
    }
    defer { referencesDone.wait() }

    // Run.
    let nonce = SHA256.hash("\(chapter.file)\(Date().timeIntervalSince1970)\(UUID().uuidString)").prefix(16)
    var childEnvironment = environment
    childEnvironment["NOTES_NONCE"] = String(nonce)
    childEnvironment["NOTES_MEMO_DIR"] = memoDirectory.path
    // A memo is keyed by the libraries it can depend on (``LibrarySet/memoHash``: not the
    // presentation products), besides its name, arguments and the code above it (see `memo` in
    // the runtime). These variables are the runtime's contract, not any library's.
    childEnvironment["NOTES_LIBRARY_HASH"] = libraries.memoHash
    if refreshMemos { childEnvironment["NOTES_MEMO_REFRESH"] = "1" }
    // A short, text-only backtrace of the crashed thread: enough to find the chapter line.
    childEnvironment["SWIFT_BACKTRACE"] =
      "enable=yes,interactive=no,color=no,threads=crashed,registers=none,images=none,limit=40,top=20,sanitize=yes"
    let maxOutput = Self.maxOutputMegabytes(environment)
    let limits = chapter.cells.map { Self.bytes(megabytes: $0.options.maxOutput ?? maxOutput) }
    let collector = RunCollector(cellCount: chapter.cells.count, limits: limits, nonce: String(nonce))
    let runStart = Date()
    var child = ChildProcess(
      arguments: [executable.path], environment: childEnvironment, directory: projectDirectory,
      timeout: Double(chapter.timeout), marker: "NOTES_NONCE=\(nonce)")
    child.watcher = watcher
    let outcome = child.run(
      stdout: { collector.stdout($0, progress: progress) }, stderr: { collector.stderr($0) })
    timing.runSeconds = Date().timeIntervalSince(runStart)
    if let cancelled = cancelledRun(chapter) { return (cancelled, timing) }
    var run = collector.run()
    run.warnings = warnings
    referencesDone.wait()
    (run.references, timing.referenceSeconds) = references.value
    if let error = outcome.spawnError {
      run.failure = ChapterRun.Failure(cell: nil, message: error, diagnostics: [])
    } else if let overflow = collector.overflow {
      run.failure = Self.overflowFailure(overflow, chapter: chapter, maxOutput: maxOutput)
    } else if outcome.status != 0 || outcome.signaled || outcome.timedOut || !collector.finished {
      run.failure = failure(chapter, run: run, outcome: outcome, collector: collector)
    }
    return (run, timing)
  }

  /// A failed run if the chapter was cancelled (its source changed while it ran), else nil.
  private func cancelledRun(_ chapter: NotebookChapter) -> ChapterRun? {
    guard let cancellation, cancellation.isCancelled(chapter.file) else { return nil }
    return failed(chapter, "cancelled: the chapter changed while it ran")
  }

  /// What a block may print by default, in megabytes: `NOTES_MAX_OUTPUT_MB`, else 4.
  static func maxOutputMegabytes(_ environment: [String: String]) -> Double {
    if let text = environment["NOTES_MAX_OUTPUT_MB"], let value = Double(text), value.isFinite, value > 0 {
      return min(value, 256)
    }
    return 4
  }

  static let defaultMaxOutput = bytes(megabytes: 4)

  static func bytes(megabytes: Double) -> Int {
    Int(min(megabytes, 256) * 1_048_576)
  }

  static func overflowFailure(_ overflow: RunCollector.Overflow, chapter: NotebookChapter, maxOutput: Double)
    -> ChapterRun.Failure
  {
    switch overflow {
    case .cell(let cell, let limit):
      let megabytes = Double(limit) / 1_048_576
      let shown = megabytes == megabytes.rounded() ? String(Int(megabytes)) : String(megabytes)
      let what = chapter.cells[cell].isBlock ? "block" : "inline expression"
      return ChapterRun.Failure(
        cell: cell,
        message:
          "the \(what) printed more than its output limit of \(shown) MB, so the chapter was stopped "
          + "(raise the limit with //| max-output: MB, or NOTES_MAX_OUTPUT_MB for every block)",
        diagnostics: [])
    case .total(let cell):
      return ChapterRun.Failure(
        cell: cell,
        message:
          "the chapter's output passed \(RunCollector.hardCap >> 20) MB in all, so it was stopped (print less, or "
          + "split the chapter)",
        diagnostics: [])
    }
  }

  private func failed(_ chapter: NotebookChapter, _ message: String) -> ChapterRun {
    ChapterRun(
      cells: Array(repeating: CellResult(), count: chapter.cells.count),
      failure: ChapterRun.Failure(cell: nil, message: message, diagnostics: []))
  }

  /// Describes how the program failed, naming the cell that was running: a crash, a timeout,
  /// a non-zero exit, or an early end (the program stopped before its last cell, e.g. `exit(0)`).
  private func failure(
    _ chapter: NotebookChapter, run: ChapterRun, outcome: ChildProcess.Outcome, collector: RunCollector
  ) -> ChapterRun.Failure {
    // The cell that began and did not end; else the first that did not complete.
    let cell =
      collector.running
      ?? chapter.cells.first { !run.cells[$0.index].completed && $0.options.eval }?.index
    var message: String
    if outcome.timedOut {
      message =
        "the chapter exceeded its timeout of \(chapter.timeout) s and was stopped (raise it with //| timeout: SECONDS)"
    } else if outcome.signaled {
      message = "the program crashed (signal \(outcome.status))"
    } else if outcome.status != 0 {
      message = "the program exited with status \(outcome.status)"
    } else {
      let last = collector.begun.last
      let here = last.map { chapter.cells[$0].isBlock ? "in this block" : "in this inline expression" } ?? ""
      if let last, last < chapter.cells.count - 1 {
        message =
          "the program ended (exit) \(here) before the chapter's last cell; the cells after it did not run"
      } else {
        // In the last cell: exit, or its standard output closed before the end was reported.
        message = "the program ended (exit) \(here) before the end of the chapter"
      }
      return ChapterRun.Failure(cell: last ?? cell, message: message, diagnostics: [])
    }
    let stderr = cell.map { run.cells[$0].stderr } ?? String(decoding: collector.strayStderr, as: UTF8.self)
    let reason = CompilerOutput.crashSummary(stderr, chapterFile: chapter.file)
    if let reason { message += ": " + reason.message }
    var diagnostics: [Diagnostic] = []
    if let line = reason?.line {
      diagnostics.append(
        Diagnostic(file: chapter.file, line: line, severity: .note, message: "the failure is here"))
    }
    return ChapterRun.Failure(cell: cell, message: message, diagnostics: diagnostics)
  }
}

/// Reads `swiftc` diagnostics and crash reports.
enum CompilerOutput {
  /// Diagnostics of the form `FILE:LINE:COL: severity: message`, each with the excerpt lines
  /// that follow it. Diagnostics in generated code (outside any cell) name the chapter without
  /// a line.
  static func parse(_ text: String, generatedFile: String, chapterFile: String) -> [Diagnostic] {
    var result: [Diagnostic] = []
    for line in text.split(separator: "\n", omittingEmptySubsequences: false) {
      if let diagnostic = parseLine(String(line), generatedFile: generatedFile, chapterFile: chapterFile) {
        result.append(diagnostic)
      } else if !result.isEmpty, !line.isEmpty {
        result[result.count - 1].message += "\n" + line
      }
    }
    // The driver reports some warnings twice (compiling, then emitting the executable): once is enough.
    var seen = Set<Diagnostic>()
    result = result.filter { seen.insert($0).inserted }
    // A warning in the generated glue (with its notes) is a consequence of the author's code,
    // e.g. "will never be executed" after a block that ends in `fatalError` or `throw`, and has
    // no chapter line to act on: drop it. Errors there are kept.
    var kept: [Diagnostic] = []
    var droppingNotes = false
    for diagnostic in result {
      let firstLine = diagnostic.message.prefix { $0 != "\n" }
      let inGlue = diagnostic.line == nil && firstLine.hasSuffix("(in generated code)")
      if diagnostic.severity == .warning && inGlue {
        droppingNotes = true
        continue
      }
      if droppingNotes && diagnostic.severity == .note { continue }
      droppingNotes = false
      kept.append(diagnostic)
    }
    return kept
  }

  private static func parseLine(_ line: String, generatedFile: String, chapterFile: String) -> Diagnostic? {
    for severity in [Diagnostic.Severity.error, .warning, .note] {
      guard let marker = line.range(of: ": \(severity.rawValue): ") else { continue }
      let location = line[..<marker.lowerBound].split(separator: ":", omittingEmptySubsequences: false)
      guard location.count >= 3, let lineNumber = Int(location[location.count - 2]),
        let column = Int(location[location.count - 1])
      else { continue }
      let file = location.dropLast(2).joined(separator: ":")
      let message = String(line[marker.upperBound...])
      if file == generatedFile || file.hasSuffix("/main.swift") {
        return Diagnostic(file: chapterFile, severity: severity, message: message + " (in generated code)")
      }
      return Diagnostic(file: file, line: lineNumber, column: column, severity: severity, message: message)
    }
    return nil
  }

  /// The first `Fatal error: …` (or error thrown at top level) and the innermost
  /// `at chapters/x.md:LINE` frame of a crash report.
  static func crashSummary(_ stderr: String, chapterFile: String) -> (message: String, line: Int?)? {
    let lines = stderr.split(separator: "\n").map(String.init)
    var message = lines.first { $0.contains("Fatal error") || $0.contains("Error raised at top level") }
    if message == nil {
      message = lines.last { !$0.trimmingCharacters(in: .whitespaces).isEmpty && !$0.hasPrefix("*** ") }
    }
    var line: Int?
    let needle = " at \(chapterFile):"
    for text in lines {
      guard let range = text.range(of: needle) else { continue }
      let digits = text[range.upperBound...].prefix { $0.isNumber }
      if let number = Int(digits) {
        line = number
        break
      }
    }
    guard var message else { return line.map { ("crashed", $0) } }
    // `fatalError` names its file by `#fileID`, `<module>/<file name>`: the program's module is
    // `chapter`, which reads like a wrong folder. Name the chapter as the author does.
    let fileID = "chapter/" + (chapterFile.split(separator: "/").last.map(String.init) ?? chapterFile) + ":"
    message = message.replacingOccurrences(of: fileID, with: chapterFile + ":")
    return (message.trimmingCharacters(in: .whitespaces), line)
  }
}

/// The names a chapter's blocks resolve to, filled by the AST dump that runs beside the
/// chapter's program.
private final class ReferencesSlot: @unchecked Sendable {
  private let lock = NSLock()
  private var references: [CodeReference] = []
  private var seconds = 0.0

  func set(_ references: [CodeReference], seconds: Double) {
    lock.lock()
    defer { lock.unlock() }
    (self.references, self.seconds) = (references, seconds)
  }

  var value: ([CodeReference], Double) {
    lock.lock()
    defer { lock.unlock() }
    return (references, seconds)
  }
}
