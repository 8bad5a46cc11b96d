import ArgumentParser
import Book
import Foundation

extension Notes {
  struct Clean: ParsableCommand {
    static let configuration = CommandConfiguration(
      abstract: "Remove the output folder (only if notes wrote it) with its cache.")

    @Option(name: .long, help: "The output folder.")
    var output = "build"

    func run() throws {
      let folder = url(output)
      let fm = FileManager.default
      guard fm.fileExists(atPath: folder.path) else { return }
      // Refuse to delete a folder that notes did not write.
      guard fm.fileExists(atPath: folder.appendingPathComponent(".notes").path) else {
        FileHandle.standardError.write(
          Data(
            "\(Book.displayPath(folder)): error: not a notes output folder (no .notes/ inside); not removing it\n"
              .utf8))
        throw ExitCode(1)
      }
      try fm.removeItem(at: folder)
      print("notes: removed \(Book.displayPath(folder))/")
    }
  }
}
