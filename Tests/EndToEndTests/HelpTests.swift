import Foundation
import Testing

/// Issue 10, case 14: `notes --help` is paragraphs that argument-parser wraps to the terminal,
/// not hand-broken lines wrapped a second time (which left ragged fragments such as a lone
/// "build/NN-slug.html;").
@Suite struct HelpTests {
  @Test(arguments: [80, 100, 132])
  func helpParagraphsAreFilledToTheTerminalWidth(columns: Int) throws {
    let help = try NotesCLI.run(
      ["--help"], in: URL(fileURLWithPath: "/"), environment: ["COLUMNS": "\(columns)"])
    #expect(help.status == 0, "\(help)")
    let discussion = help.stdout.components(separatedBy: "USAGE:")[0]
    let paragraphs = discussion.components(separatedBy: "\n\n").map {
      $0.split(separator: "\n").map(String.init)
    }
    #expect(paragraphs.count >= 5)
    for lines in paragraphs {
      for (index, line) in lines.enumerated() {
        #expect(line.count <= columns, "too long: \(line)")
        // Every line but a paragraph's last is filled: the next word did not fit (argument-parser
        // keeps one column free).
        if index < lines.count - 1, let next = lines[index + 1].split(separator: " ").first {
          #expect(line.count + 1 + next.count >= columns, "ragged line at \(columns) columns: \(line)")
        }
      }
    }
  }
}
