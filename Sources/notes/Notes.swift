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
      AUTHORING
        Chapters are chapters/NN-slug.md, built in file-name order into build/NN-slug.html;
        the first '# ' heading is the chapter title. notes.toml (title, author, description)
        names the course; a theme/ folder overrides the page templates and stylesheet.

        Math:       $inline$, $$display$$, \\(inline\\), \\[display\\] (TeX, typeset by KaTeX).
        Code:       ```swift … ``` is only shown; ```{swift} … ``` is compiled and run.
        Values:     `{swift} expr` in prose is replaced by expr's value (4 significant digits).
        Options:    leading lines of a {swift} block: //| echo: false, //| output: false,
                    //| eval: false, //| label: fig-x, //| caption: …, //| timeout: 300
        Figures:    show(fig) places a Figure (module Figures) under the block;
                    [@fig-x] in prose links to the block labelled fig-x ("Figure 2").
        Caching:    memo("name", args…) { … } keeps expensive results across edits.
        Blocks of one chapter share one scope, top to bottom; Foundation, Criticality,
        Figures and NotebookRuntime are imported.
      """,
    subcommands: [Build.self, Eval.self, Clean.self],
    defaultSubcommand: Build.self)
}

/// Prints diagnostics the way compilers do and exits non-zero.
func fail(_ failure: BuildFailure) -> ExitCode {
  for diagnostic in failure.diagnostics {
    FileHandle.standardError.write(Data((diagnostic.description + "\n").utf8))
  }
  return ExitCode(1)
}

func url(_ path: String) -> URL {
  URL(fileURLWithPath: path, relativeTo: URL(fileURLWithPath: FileManager.default.currentDirectoryPath))
    .standardizedFileURL
}
