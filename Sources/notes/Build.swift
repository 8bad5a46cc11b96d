import ArgumentParser
import Book
import Foundation
import Markdown
import Notebook

extension Notes {
  struct Build: ParsableCommand {
    static let configuration = CommandConfiguration(
      abstract: "Build the site: run the chapters' Swift (cached) and write the output folder.")

    @Option(name: .long, help: "The folder of Markdown chapters.")
    var chapters = "chapters"

    @Option(name: .long, help: "The output folder (written atomically; its .notes/ holds the cache).")
    var output = "build"

    @Flag(help: "Ignore cached results and re-execute every chapter.")
    var force = false

    @Flag(help: "Write the other chapters when one fails, showing the failure in an error box.")
    var keepGoing = false

    @Option(help: "Chapters compiled, run, parsed and rendered at once (default: the number of cores).")
    var jobs: Int?

    @Option(
      name: .customLong("package-path"),
      help:
        "The Swift package whose library products chapters import (default: the nearest Package.swift at or above the book's folder, else the working directory)."
    )
    var packagePath: String?

    func validate() throws {
      if let jobs, jobs < 1 { throw ValidationError("--jobs must be at least 1") }
    }

    func run() throws {
      // Ctrl-C, SIGTERM, SIGHUP: stop the chapters' process groups too, then exit.
      Interruption.install()
      let chaptersURL = url(chapters)
      var options = BuildOptions(
        chaptersDirectory: chaptersURL, outputDirectory: url(output),
        projectDirectory: chaptersURL.deletingLastPathComponent())
      options.packagePath = packagePath.map(url)
      options.force = force
      options.keepGoing = keepGoing
      if let jobs { options.jobs = jobs }
      options.notice = { message in
        FileHandle.standardError.write(Data("notes: \(message)\n".utf8))
      }
      let display = ProgressDisplay()
      let start = Date()
      do {
        let report = try Book.build(options, progress: display.reporter)
        display.finish()
        for warning in report.warnings {
          let shown = Book.present(warning, projectDirectory: options.projectDirectory)
          FileHandle.standardError.write(Data((shown.description + "\n").utf8))
        }
        let summary = report.evaluation
        var line =
          "notes: built \(report.chapters) chapter\(report.chapters == 1 ? "" : "s") into \(Book.displayPath(options.outputDirectory))/"
        if summary.chaptersWithCode > 0 {
          line += " (\(summary.executed) executed, \(summary.cached) cached"
          if summary.executed > 0 {
            // Summed over chapters (they run in parallel): where the time went.
            if summary.libraryBuildSeconds > 0 {
              line += String(format: "; libraries %.1f s", summary.libraryBuildSeconds)
            }
            line += String(
              format: "; compile %.1f s, names %.1f s, run %.1f s", summary.compileSeconds,
              summary.referenceSeconds,
              summary.runSeconds)
          }
          line += ")"
        }
        line += String(format: " in %.2f s", Date().timeIntervalSince(start))
        print(line)
        if let api = report.apiReference {
          // Where authors find the reference, and what it still lacks.
          let first = api.modules.first.map { "reference-\($0).html" } ?? ""
          print(
            "notes: API reference of \(api.modules.joined(separator: ", ")) (\(first)…): \(api.symbols) public symbols, "
              + "\(api.undocumented) without a doc comment"
              + String(format: " (%@ %.2f s)", api.extracted ? "extracted in" : "read in", api.seconds))
        }
        if report.warnings.contains(where: { $0.severity == .error }) { throw ExitCode(1) }
      } catch let failure as BuildFailure {
        display.finish()
        throw fail(failure, projectDirectory: options.projectDirectory)
      }
    }
  }
}

/// Progress on stderr when it is a terminal (and not in CI): the running chapters, their
/// elapsed time and the fraction the library reports.
final class ProgressDisplay: @unchecked Sendable {
  private let enabled: Bool
  private let lock = NSLock()
  private var running: [String: (start: Date, fraction: Double?)] = [:]
  private var buildingLibraries = false

  init() {
    let environment = ProcessInfo.processInfo.environment
    enabled = isatty(2) == 1 && environment["CI"] == nil && environment["TERM"] != "dumb"
  }

  var reporter: ProgressReporter? {
    guard enabled else { return nil }
    return { [self] event in
      lock.withLock {
        switch event {
        case .buildingLibraries: buildingLibraries = true
        case .started(let chapter):
          buildingLibraries = false
          running[chapter] = (Date(), nil)
        case .progress(let chapter, let fraction): running[chapter]?.fraction = fraction
        case .finished(let chapter, _, _): running[chapter] = nil
        }
        draw()
      }
    }
  }

  private func draw() {
    var text: String
    if buildingLibraries {
      text = "building the chapter libraries (release)…"
    } else {
      text = running.keys.sorted().map { chapter in
        let entry = running[chapter]!
        var part = "\(chapter) \(Int(Date().timeIntervalSince(entry.start)))s"
        if let fraction = entry.fraction { part += " \(Int(fraction * 100))%" }
        return part
      }.joined(separator: " · ")
    }
    FileHandle.standardError.write(Data(("\r\u{1B}[K" + text).utf8))
  }

  func finish() {
    guard enabled else { return }
    FileHandle.standardError.write(Data("\r\u{1B}[K".utf8))
  }
}
