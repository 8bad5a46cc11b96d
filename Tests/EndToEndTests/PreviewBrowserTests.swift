import Browser
import Foundation
import Testing

/// An open page in real headless Chromium updates after an edit, without a reload, keeping its
/// scroll position; a compile error shows as a banner over the last good page and goes away
/// when fixed.
@Suite struct PreviewBrowserTests {
  @Test(.enabled(if: MarkdownTrustTests.chromium != nil, "needs chromium"))
  func anOpenPageUpdatesInPlaceAfterAnEdit() async throws {
    try await ChapterLibraries.ready()
    let book = try Workspace()
    let filler = (1...80).map { "Filler paragraph \($0) to make the page scroll." }.joined(separator: "\n\n")
    try book.write(
      "chapters/01-live.md",
      "# Live\n\nThe original sentence.\n\n\(filler)\n\n```{swift}\nprint(\"block-one\")\n```\n")
    let preview = try PreviewProcess(book)
    try preview.waitForBuild(after: 0)
    let browser = try BrowserPage(executable: MarkdownTrustTests.chromium!)
    defer { browser.browser.close() }
    try browser.load(URL(string: "http://127.0.0.1:\(preview.port)/01-live.html")!)
    #expect(
      try browser.waitUntil(
        "document.body && document.body.innerText.includes('The original sentence.')", seconds: 30))
    // Wait for the live channel, then mark this document and scroll.
    #expect(try browser.waitUntil("!!window.__notesPreview", seconds: 10))
    _ = try browser.evaluate("window.__marker = 'same-document'; window.scrollTo(0, 400); window.scrollY")
    let scrolled = try browser.evaluate("window.scrollY") as? Double ?? 0
    #expect(scrolled > 0)

    // Prose edit: the text changes in place (same document: the marker survives) at the same scroll.
    try book.edit("chapters/01-live.md", replacing: "The original sentence.", with: "The edited sentence.")
    #expect(
      try browser.waitUntil("document.body.innerText.includes('The edited sentence.')", seconds: 30),
      "\(preview.log)")
    #expect(try browser.evaluate("window.__marker") as? String == "same-document", "updated without a reload")
    #expect(try browser.evaluate("window.scrollY") as? Double == scrolled)
    #expect(try browser.evaluate("window.__notesPreview.updates") as? Int ?? 0 >= 1)

    // A compile error: a banner with the location over the last good page; gone when fixed.
    try book.edit("chapters/01-live.md", replacing: "print(\"block-one\")", with: "print(notDefinedHere)")
    #expect(
      try browser.waitUntil(
        "(document.getElementById('notes-preview-banner')||{innerText:''}).innerText.includes('chapters/01-live.md:')",
        seconds: 120), "\(preview.log)")
    #expect(try browser.evaluate("document.body.innerText.includes('block-one')") as? Bool == true)
    try book.edit("chapters/01-live.md", replacing: "print(notDefinedHere)", with: "print(\"block-two\")")
    #expect(
      try browser.waitUntil("document.body.innerText.includes('block-two')", seconds: 120), "\(preview.log)")
    #expect(
      try browser.waitUntil(
        "!(document.getElementById('notes-preview-banner')||{innerText:''}).innerText.includes('chapters/01-live.md:')",
        seconds: 10))
    #expect(try browser.evaluate("window.__marker") as? String == "same-document")
    #expect(preview.stop(within: 5) != nil)
  }
}

extension BrowserPage {
  /// Polls the JavaScript `expression` until it is true or `seconds` pass (an exception, as while
  /// the page is being replaced, counts as false).
  func waitUntil(_ expression: String, seconds: Double) throws -> Bool {
    let deadline = Date().addingTimeInterval(seconds)
    repeat {
      if (try? evaluate("!!(\(expression))")) as? Bool == true { return true }
      Thread.sleep(forTimeInterval: 0.05)
    } while Date() < deadline
    return false
  }
}
