import ArgumentParser
import Book
import Foundation
import Markdown
import Site

extension Notes {
  struct Clean: ParsableCommand {
    static let configuration = CommandConfiguration(
      abstract: "Remove the files notes wrote into the output folder, and its cache.",
      discussion: """
        Only the files that the last build's manifest lists and the .notes/ folder (cache and \
        bookkeeping) are removed, then the folders that became empty. Files that notes did not \
        write stay where they are, and are listed. A folder that notes did not create is left \
        alone.
        """)

    @Option(name: .long, help: "The output folder.")
    var output = "build"

    @Option(name: .long, help: "The folder of Markdown chapters (never touched).")
    var chapters = "chapters"

    @Option(
      name: .customLong("package-path"),
      help:
        "The Swift package whose library products chapters import (default: the nearest Package.swift at or above the book's folder, else the working directory)."
    )
    var packagePath: String?

    func run() throws {
      let folder = url(output)
      let chaptersURL = url(chapters)
      var options = BuildOptions(
        chaptersDirectory: chaptersURL, outputDirectory: folder,
        projectDirectory: chaptersURL.deletingLastPathComponent())
      options.packagePath = packagePath.map(url)
      options.notice = { FileHandle.standardError.write(Data("notes: \($0)\n".utf8)) }
      let shown = Book.displayPath(folder)
      guard FileManager.default.fileExists(atPath: folder.path) else {
        print("notes: \(shown)/ does not exist; nothing to clean")
        return
      }
      do {
        // The same checks as a build (never the chapters, the book or the package; only a
        // folder notes made), then its lock, so no build is writing while we clean.
        guard OutputFolder.isOwned(folder) else {
          throw BuildFailure(
            Diagnostic(
              file: folder.path,
              message:
                "not a notes output folder (notes did not create it: no .notes/owner inside); not removing anything"
            ))
        }
        let lock = try Book.claimOutput(options)
        defer { lock.release() }
        let report: SiteCleaner.Report
        do {
          report = try SiteCleaner.clean(folder)
        } catch {
          throw BuildFailure(Book.diagnostic(error, at: folder))
        }
        if report.removedFolder {
          print("notes: removed \(shown)/ (\(report.removed.count) files notes wrote, and its cache)")
        } else {
          print("notes: removed \(report.removed.count) files notes wrote from \(shown)/, and its cache")
          if !report.left.isEmpty {
            print(
              "notes: left \(report.left.count) file\(report.left.count == 1 ? "" : "s") that notes did not write:"
            )
            for path in report.left { print("  \(shown)/\(path)") }
          }
        }
      } catch let failure as BuildFailure {
        throw fail(failure, projectDirectory: options.projectDirectory)
      } catch let diagnostic as Diagnostic {
        throw fail(BuildFailure(diagnostic), projectDirectory: options.projectDirectory)
      }
    }
  }
}
