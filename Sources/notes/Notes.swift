import ArgumentParser
import Book
import Foundation
import Markdown
import Notebook

@main
struct Notes: ParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "notes",
    abstract: "Turn Markdown lecture chapters with executable Swift into a static site of lecture notes.",
    discussion: """
      Chapters are the Markdown files chapters/NN-slug.md, built in file-name order into \
      build/NN-slug.html; a chapter's first '# ' heading is its title. notes.toml (title, \
      author, description) names the course, and a theme/ folder overrides the page templates \
      and the stylesheet.

      Math: $inline$, $$display$$, \\(inline\\) and \\[display\\] are TeX, typeset by KaTeX.

      Code: ```swift … ``` is only shown; ```{swift} … ``` is compiled and run, and what it \
      prints is shown under it. The blocks of one chapter share one scope, top to bottom; \
      Foundation, NotebookRuntime and the library products of the book's Swift package \
      (--package-path, else the nearest Package.swift) are imported.

      Values: `{swift} expr` in prose is replaced by the value of expr (4 significant digits).

      Options: leading lines of a {swift} block, such as //| echo: false, //| output: false, \
      //| eval: false, //| label: fig-x, //| caption: …, //| timeout: 300, //| max-output: 16 \
      (megabytes a block may print; default 4, or NOTES_MAX_OUTPUT_MB).

      Figures: show(fig) places a Figure (module Figures) under the block; [@fig-x] in prose \
      links to the block labelled fig-x ("Figure 2").

      Caching: memo("name", args…) { … } keeps an expensive result across builds, for as long \
      as the code above it and the science library are unchanged (see the README).

      Building runs the chapters' code with your privileges: build only notes you trust.
      """,
    subcommands: [Build.self, Eval.self, Preview.self, Clean.self, Pdf.self],
    defaultSubcommand: Build.self)
}

/// Prints diagnostics the way compilers do, with paths as the author types them, and exits
/// non-zero.
func fail(_ failure: BuildFailure, projectDirectory: URL) -> ExitCode {
  for diagnostic in failure.diagnostics {
    let shown = Book.present(diagnostic, projectDirectory: projectDirectory)
    FileHandle.standardError.write(Data((shown.description + "\n").utf8))
  }
  return ExitCode(1)
}

func url(_ path: String) -> URL {
  URL(fileURLWithPath: path, relativeTo: URL(fileURLWithPath: FileManager.default.currentDirectoryPath))
    .standardizedFileURL
}
