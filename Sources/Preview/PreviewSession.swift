import Book
import Foundation
import Markdown
import Notebook

/// The long-lived build loop of `notes preview`.
///
/// One thread builds with ``Book/build(_:progress:)``, exactly as `notes build` does (same
/// options, same output folder, same cache), so the served site is byte-identical to what
/// `notes build` would write. What makes a rebuild fast is the engine's result cache: a prose
/// edit leaves every chapter program unchanged, so nothing is compiled or run; a block edit
/// re-runs that chapter only. Changes that arrive while a build runs mark the session dirty
/// (it builds again at once after); a chapter whose *code* changed while it compiles or runs is
/// cancelled (its process group killed) so that its stale result is never shown.
public final class PreviewSession: @unchecked Sendable {
  public let options: BuildOptions
  public let plan: WatchPlan
  let channel: LiveChannel
  private let log: @Sendable (String) -> Void
  private let terminalProgress: ProgressReporter?
  private let cancellation = ChapterCancellation()

  private let condition = NSCondition()
  /// Guarded by `condition`.
  private var dirty = true
  private var reasons: [String] = []
  private var building = false
  /// Chapter file → its text when the current build started (to tell code edits from prose).
  private var startTexts: [String: String] = [:]
  /// Chapters compiling or running, with when they started and their last reported fraction.
  private var running: [String: (start: Date, fraction: Double?)] = [:]
  private var librariesBuilding = false
  private var lastProgressPublish = Date.distantPast

  /// The bytes of every site file after the last successful build, to tell pages what changed.
  private var site: [String: Data] = [:]
  private var firstBuildDone = false

  public init(
    options: BuildOptions, channel: LiveChannel, terminalProgress: ProgressReporter? = nil,
    log: @escaping @Sendable (String) -> Void
  ) {
    var options = options
    options.cancellation = cancellation
    // Parsed chapters and decoded results carry over from one build to the next.
    options.memory = BuildMemory()
    self.options = options
    self.plan = WatchPlan(options: options)
    self.channel = channel
    self.terminalProgress = terminalProgress
    self.log = log
  }

  /// Starts the build loop on a thread of its own; it builds at once, then after every change.
  public func start() {
    let thread = Thread { [self] in loop() }
    thread.name = "notes-preview-build"
    thread.stackSize = 8 << 20
    thread.start()
    let ticker = Thread { [self] in
      while true {
        Thread.sleep(forTimeInterval: 1)
        condition.lock()
        let busy = building && (!running.isEmpty || librariesBuilding)
        condition.unlock()
        if busy { publishProgress() }
      }
    }
    ticker.name = "notes-preview-progress"
    ticker.start()
  }

  /// Blocks until the first build has ended (successfully or not).
  public func waitForFirstBuild() {
    condition.lock()
    while !firstBuildDone { condition.wait() }
    condition.unlock()
  }

  /// The watcher saw `paths` change (absolute paths, one burst).
  public func sourcesChanged(_ paths: [String]) {
    let meanings = paths.compactMap { path in plan.meaning(of: path).map { (path, $0) } }
    guard !meanings.isEmpty else { return }
    condition.lock()
    dirty = true
    reasons += meanings.map { Book.displayPath(URL(fileURLWithPath: $0.0)) }
    var cancel: [String] = []
    if building {
      for (path, meaning) in meanings {
        switch meaning {
        // Running, or still waiting for its turn: either way its old code must not be shown.
        case .chapter(let file):
          let new = (try? String(contentsOfFile: path, encoding: .utf8)) ?? ""
          if Self.codeSignature(startTexts[file] ?? "", file: file)
            != Self.codeSignature(new, file: file)
          {
            cancel.append(file)
          }
        case .library: cancel += startTexts.keys
        default: break
        }
      }
    }
    condition.signal()
    condition.unlock()
    for file in Set(cancel).sorted() {
      log("notes: \(file) changed while it ran: stopping it to run it again")
      cancellation.cancel(file)
    }
  }

  /// What the engine's cache key depends on in a chapter's text: its program (code and cell
  /// options), not its prose. Unparseable text gets a signature of its own.
  static func codeSignature(_ text: String, file: String) -> String {
    guard
      let chapter = try? NotebookChapter(
        document: Document(parsing: text), file: file, slug: ChapterLoader.slug(forFileName: file))
    else { return "unparseable\0" + text }
    return ChapterProgram(chapter: chapter).keySource
  }

  private func loop() {
    while true {
      condition.lock()
      while !dirty { condition.wait() }
      dirty = false
      let why = reasons
      reasons = []
      building = true
      running = [:]
      startTexts = readChapterTexts()
      cancellation.reset()
      condition.unlock()
      channel.update { $0.building = true }
      if !why.isEmpty {
        log("notes: \(Set(why).sorted().joined(separator: ", ")) changed: rebuilding")
      }
      buildOnce()
    }
  }

  private func readChapterTexts() -> [String: String] {
    var texts: [String: String] = [:]
    let names = (try? FileManager.default.contentsOfDirectory(atPath: plan.chapters.path)) ?? []
    for name in names where name.hasSuffix(".md") {
      let path = plan.chapters.appendingPathComponent(name).path
      guard case .chapter(let file)? = plan.meaning(of: path) else { continue }
      texts[file] = try? String(contentsOfFile: path, encoding: .utf8)
    }
    return texts
  }

  private func buildOnce() {
    let start = Date()
    let reporter: ProgressReporter = { [self] event in
      terminalProgress?(event)
      progressed(event)
    }
    let outcome = Result { () throws(BuildFailure) -> BuildReport in
      try Book.build(options, progress: reporter)
    }
    options.memory?.buildFinished()
    let seconds = Date().timeIntervalSince(start)
    condition.lock()
    building = false
    running = [:]
    librariesBuilding = false
    let again = dirty
    firstBuildDone = true
    condition.broadcast()
    condition.unlock()

    switch outcome {
    case .success(let report):
      let changed = updateSnapshot(report.writtenFiles)
      let problems = report.warnings.map(PreviewState.Problem.init)
      channel.update { state in
        if !changed.isEmpty { state.version += 1 }
        state.changed = changed
        state.problems = problems
        state.building = again
        state.running = []
        state.buildingLibraries = false
      }
      for warning in report.warnings {
        log(Book.present(warning, projectDirectory: options.projectDirectory).description)
      }
      let summary = report.evaluation
      log(
        "notes: built in \(String(format: "%.2f", seconds)) s (\(summary.executed) executed, \(summary.cached) cached); \(changed.count) file\(changed.count == 1 ? "" : "s") changed"
      )
    case .failure(let failure):
      // A build that a new change overtook (a cancelled chapter among them) is not reported:
      // the next one, already due, is.
      if again {
        channel.update { $0.running = [] }
        return
      }
      let problems = failure.diagnostics.map(PreviewState.Problem.init)
      channel.update { state in
        state.changed = []
        state.problems = problems
        state.building = false
        state.running = []
        state.buildingLibraries = false
      }
      for diagnostic in failure.diagnostics {
        log(Book.present(diagnostic, projectDirectory: options.projectDirectory).description)
      }
      log("notes: the build failed; the previous site stays and pages show the error")
    }
  }

  /// Reads the site files just written and returns those whose bytes changed (sorted).
  private func updateSnapshot(_ files: [String]) -> [String] {
    var next: [String: Data] = [:]
    var changed: [String] = []
    for path in files {
      let data = (try? Data(contentsOf: options.outputDirectory.appendingPathComponent(path))) ?? Data()
      if site[path] != data { changed.append(path) }
      next[path] = data
    }
    changed += site.keys.filter { next[$0] == nil }
    site = next
    return changed.sorted()
  }

  private func progressed(_ event: EvaluationEvent) {
    condition.lock()
    var immediate = true
    switch event {
    case .buildingLibraries: librariesBuilding = true
    case .started(let chapter):
      librariesBuilding = false
      running[chapter] = (Date(), nil)
    case .progress(let chapter, let fraction):
      running[chapter]?.fraction = fraction
      // Fractions can come thousands of times a second: at most ten updates a second.
      immediate = Date().timeIntervalSince(lastProgressPublish) > 0.1
    case .finished(let chapter, _, _): running[chapter] = nil
    }
    condition.unlock()
    if immediate { publishProgress() }
  }

  private func publishProgress() {
    condition.lock()
    let now = Date()
    lastProgressPublish = now
    let list = running.keys.sorted().map { chapter in
      let entry = running[chapter]!
      return PreviewState.Running(
        chapter: chapter, seconds: Int(now.timeIntervalSince(entry.start)), fraction: entry.fraction)
    }
    let libraries = librariesBuilding
    let busy = building
    condition.unlock()
    channel.update { state in
      state.running = list
      state.buildingLibraries = libraries
      state.building = busy
    }
  }
}
