import ArgumentParser
import Book
import Foundation
import Markdown
import Notebook

extension Notes {
  struct Eval: ParsableCommand {
    static let configuration = CommandConfiguration(
      abstract: "Evaluate one chapter and print its results (no site is written).")

    @Argument(help: "The chapter, e.g. chapters/02-two-point.md.")
    var file: String

    @Flag(help: "Print JSON: {\"inline\": [{line, expr, value}], \"blocks\": [{line, stdout, figures}]}.")
    var json = false

    @Option(help: "The output folder whose cache to use.")
    var output = "build"

    @Flag(help: "Ignore cached results.")
    var force = false

    @Option(
      name: .customLong("package-path"),
      help:
        "The Swift package whose library products chapters import (default: the nearest Package.swift at or above the book's folder, else the working directory)."
    )
    var packagePath: String?

    func run() throws {
      // Ctrl-C, SIGTERM, SIGHUP: stop the chapters' process groups too, then exit.
      Interruption.install()
      let chapterURL = url(file)
      let chaptersURL = chapterURL.deletingLastPathComponent()
      var options = BuildOptions(
        chaptersDirectory: chaptersURL, outputDirectory: url(output),
        projectDirectory: chaptersURL.deletingLastPathComponent())
      options.packagePath = packagePath.map(url)
      options.force = force
      options.notice = { FileHandle.standardError.write(Data("notes: \($0)\n".utf8)) }
      do {
        // It shares the build's cache: hold the output folder's lock.
        let lock = try Book.claimOutput(options)
        let book: EvaluatedBook
        do {
          // The build's own front, for this one chapter: same configuration, package, checks
          // and cache keys, so a chapter the build ran is a cache hit here, and the other way.
          book = try Book.evaluate(options, chapters: .file(chapterURL.lastPathComponent))
          lock.release()
        } catch {
          // Failed on its input: leaves no output folder behind if it made one.
          lock.removeIfUnused()
          throw error
        }
        let chapter = book.notebooks[0]
        let evaluation = book.evaluation
        for warning in book.hints + evaluation.warnings {
          let shown = Book.present(warning, projectDirectory: options.projectDirectory)
          FileHandle.standardError.write(Data((shown.description + "\n").utf8))
        }
        let display = Book.displayPath(chapterURL)
        let run = evaluation.results[0]
        if json {
          print(EvalOutput(chapter: chapter, run: run).json)
        } else {
          for cell in chapter.cells {
            let result = run?.cells[cell.index]
            switch cell.kind {
            case .inline(let expression):
              print("\(display):\(cell.line): `\(expression)` = \(result?.value ?? "(not evaluated)")")
            case .block:
              print("\(display):\(cell.line): block")
              if let stdout = result?.stdout, !stdout.isEmpty {
                let lines = stdout.split(separator: "\n", omittingEmptySubsequences: false)
                print(lines.map { "  | " + String($0) }.joined(separator: "\n"))
              }
              for figure in result?.figures ?? [] { print("  [figure: \(figure.title)]") }
            }
          }
        }
        if !evaluation.failures.isEmpty { throw BuildFailure(evaluation.failures) }
      } catch let failure as BuildFailure {
        throw fail(failure, projectDirectory: options.projectDirectory)
      }
    }
  }
}

/// The JSON printed by `notes eval --json`.
struct EvalOutput: Encodable {
  struct Inline: Encodable {
    var line: Int
    var expr: String
    var value: String?
  }
  struct Block: Encodable {
    var line: Int
    var stdout: String
    var stderr: String
    var figures: [String]
  }
  var inline: [Inline] = []
  var blocks: [Block] = []

  init(chapter: NotebookChapter, run: ChapterRun?) {
    for cell in chapter.cells {
      let result = run?.cells[cell.index]
      switch cell.kind {
      case .inline(let expression):
        inline.append(Inline(line: cell.line, expr: expression, value: result?.value))
      case .block:
        blocks.append(
          Block(
            line: cell.line, stdout: result?.stdout ?? "", stderr: result?.stderr ?? "",
            figures: result?.figures.map(\.svg) ?? []))
      }
    }
  }

  var json: String {
    let encoder = JSONEncoder()
    encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
    return String(decoding: (try? encoder.encode(self)) ?? Data(), as: UTF8.self)
  }
}
