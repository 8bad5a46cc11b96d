import Foundation
import Markdown
import Testing

@testable import Preview

@Suite struct LiveScriptTests {
  @Test func injectsBeforeTheLastBodyEndWithTheState() {
    var state = PreviewState()
    state.version = 3
    state.problems = [
      PreviewState.Problem(
        Diagnostic(file: "chapters/02-x.md", line: 7, column: 5, message: "bad </script> here <!-- too"))
    ]
    let html = Data("<html><body><p>x</p></body></html>".utf8)
    let text = String(decoding: LiveScript.inject(into: html, state: state), as: UTF8.self)
    #expect(text.hasPrefix("<html><body><p>x</p><script id=\"notes-preview-state\""))
    #expect(text.hasSuffix("</script>\n</body></html>"))
    #expect(text.contains("\"location\":\"chapters/02-x.md:7:5\""))
    // Run-time text cannot end the script element early.
    #expect(!text.contains("bad </script>"))
    #expect(!text.contains("<!--"))
    #expect(text.contains("bad \\u003c/script\\u003e here \\u003c!-- too"))
  }

  @Test func appendsWhenThereIsNoBody() {
    let text = String(
      decoding: LiveScript.inject(into: Data("<p>x</p>".utf8), state: PreviewState()), as: UTF8.self)
    #expect(text.hasPrefix("<p>x</p><script"))
    #expect(text.contains(LiveScript.eventsPath))
  }

  @Test func locationsAsFarAsKnown() {
    #expect(
      PreviewState.Problem(Diagnostic(file: "chapters/a.md", line: 3, message: "m")).location
        == "chapters/a.md:3")
    #expect(PreviewState.Problem(Diagnostic(file: "notes.toml", message: "m")).location == "notes.toml")
  }
}
