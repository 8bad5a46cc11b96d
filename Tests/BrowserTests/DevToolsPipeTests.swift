import Browser
import Foundation
import Testing

/// The DevTools client against real headless Chromium (skipped, with a message, without it).
@Suite struct DevToolsPipeTests {
  static func page(_ html: String) throws -> URL {
    let url = FileManager.default.temporaryDirectory.appendingPathComponent(
      "notes-browser-\(UUID().uuidString).html")
    try Data(html.utf8).write(to: url)
    return url
  }

  @Test func loadsEvaluatesTypesAndPrints() throws {
    guard let chromium = Chromium.locate() else {
      Issue.record("skipped: \(Chromium.installHint)")
      return
    }
    let url = try Self.page(
      """
      <!DOCTYPE html><title>Probe</title><input id="box"><p id="out"></p>
      <script>document.getElementById('box').addEventListener('input', e =>
        document.getElementById('out').textContent = e.target.value.toUpperCase());</script>
      """)
    defer { try? FileManager.default.removeItem(at: url) }
    let tab = try BrowserPage(executable: chromium)
    defer { tab.browser.close() }
    try tab.load(url)
    #expect(try tab.evaluate("document.title") as? String == "Probe")
    #expect(try tab.evaluate("Promise.resolve(6 * 7)") as? Int == 42)
    let array = try tab.evaluate("[1, 'a', {b: 2}]") as? [Any]
    #expect(array?.count == 3)
    #expect(array?[1] as? String == "a")
    #expect((array?[2] as? [String: Any])?["b"] as? Int == 2)
    #expect(try tab.evaluate("undefined") == nil)
    _ = try tab.evaluate("document.getElementById('box').focus()")
    try tab.type("héllo")
    #expect(try tab.evaluate("document.getElementById('out').textContent") as? String == "HÉLLO")
    let png = try tab.screenshot()
    #expect(png.prefix(4) == Data([0x89, 0x50, 0x4E, 0x47]))
    let pdf = try tab.printToPDF()
    #expect(String(decoding: pdf.prefix(5), as: UTF8.self) == "%PDF-")
  }

  @Test func javaScriptErrorsAndBadCommandsThrow() throws {
    guard let chromium = Chromium.locate() else { return }
    let tab = try BrowserPage(executable: chromium)
    defer { tab.browser.close() }
    #expect(throws: BrowserError.self) { try tab.evaluate("nosuchname.x") }
    #expect(throws: BrowserError.self) { try tab.browser.send("No.such", session: tab.session) }
    // Still usable afterwards.
    #expect(try tab.evaluate("1 + 1") as? Int == 2)
  }

  @Test func closeEndsTheBrowser() throws {
    guard let chromium = Chromium.locate() else { return }
    let pipe = try DevToolsPipe(executable: chromium)
    let version = try pipe.send("Browser.getVersion")
    #expect((version["product"] as? String)?.contains("Chrome") == true)
    pipe.close()
    #expect(throws: BrowserError.self) { try pipe.send("Browser.getVersion", timeout: 2) }
  }
}
