import Foundation

/// One tab of a ``DevToolsPipe`` browser: load a page, run JavaScript, type, take screenshots,
/// print to PDF.
public final class BrowserPage {
  public let browser: DevToolsPipe
  public let session: String

  /// Opens a new tab in `browser`, attached (flat) and with page events on.
  public init(_ browser: DevToolsPipe) throws {
    self.browser = browser
    let target = try browser.send("Target.createTarget", ["url": "about:blank"])
    guard let targetID = target["targetId"] as? String else { throw BrowserError("no target id") }
    let attached = try browser.send("Target.attachToTarget", ["targetId": targetID, "flatten": true])
    guard let session = attached["sessionId"] as? String else { throw BrowserError("no session id") }
    self.session = session
    try browser.send("Page.enable", session: session)
    try browser.send("Runtime.enable", session: session)
  }

  /// Starts a browser and opens a tab: the usual way in.
  public convenience init(executable: String) throws {
    try self.init(try DevToolsPipe(executable: executable))
  }

  /// Loads `url` and waits for its `load` event (scripts deferred to it, such as the typesetting
  /// of math, have run), then for its web fonts.
  public func load(_ url: URL, timeout: Double = 60) throws {
    browser.discardEvents()
    let result = try browser.send("Page.navigate", ["url": url.absoluteString], session: session)
    if let error = result["errorText"] as? String { throw BrowserError("cannot load \(url.path): \(error)") }
    try browser.waitForEvent("Page.loadEventFired", session: session, timeout: timeout)
    _ = try evaluate("document.fonts.ready.then(() => true)")
  }

  /// The value of a JavaScript expression (awaited if it is a promise), as JSON gives it:
  /// String, number, Bool, arrays and dictionaries; nil for `undefined`/`null`. An exception throws.
  @discardableResult
  public func evaluate(_ expression: String, timeout: Double = 60) throws -> Any? {
    let reply = try browser.send(
      "Runtime.evaluate", ["expression": expression, "awaitPromise": true, "returnByValue": true],
      session: session, timeout: timeout)
    if let details = reply["exceptionDetails"] as? [String: Any] {
      let exception = details["exception"] as? [String: Any]
      throw BrowserError(
        "JavaScript error: \(exception?["description"] as? String ?? details["text"] as? String ?? "\(details)")"
      )
    }
    return (reply["result"] as? [String: Any])?["value"]
  }

  /// Types `text` as key presses (keyDown/char/keyUp per character) into the focused element or
  /// the page, so keyboard handlers see real events.
  public func type(_ text: String) throws {
    for character in text {
      let key = String(character)
      try browser.send(
        "Input.dispatchKeyEvent", ["type": "keyDown", "key": key, "text": key], session: session)
      try browser.send("Input.dispatchKeyEvent", ["type": "keyUp", "key": key], session: session)
    }
  }

  /// Presses a named key (`Enter`, `ArrowDown`, `Escape`).
  public func press(_ key: String) throws {
    let codes = ["Enter": 13, "ArrowDown": 40, "ArrowUp": 38, "Escape": 27]
    var down: [String: Any] = ["type": "rawKeyDown", "key": key, "windowsVirtualKeyCode": codes[key] ?? 0]
    if key == "Enter" { down["text"] = "\r" }
    try browser.send("Input.dispatchKeyEvent", down, session: session)
    try browser.send(
      "Input.dispatchKeyEvent", ["type": "keyUp", "key": key, "windowsVirtualKeyCode": codes[key] ?? 0],
      session: session)
  }

  /// Sets the viewport (CSS pixels), as a phone or a desktop window would be.
  public func setViewport(width: Int, height: Int, mobile: Bool = false) throws {
    try browser.send(
      "Emulation.setDeviceMetricsOverride",
      ["width": width, "height": height, "deviceScaleFactor": 1, "mobile": mobile], session: session)
  }

  /// A PNG of the viewport (or, with `fullPage`, of the whole page).
  public func screenshot(fullPage: Bool = false) throws -> Data {
    var params: [String: Any] = ["format": "png"]
    if fullPage { params["captureBeyondViewport"] = true }
    let reply = try browser.send("Page.captureScreenshot", params, session: session)
    guard let text = reply["data"] as? String, let data = Data(base64Encoded: text) else {
      throw BrowserError("no screenshot data")
    }
    return data
  }

  /// How a page is printed (`Page.printToPDF`); lengths in inches. The footer is HTML in which
  /// Chromium fills `<span class="title">`, `pageNumber` and `totalPages`.
  public struct PrintOptions: Sendable {
    public var paperWidth = 8.27
    public var paperHeight = 11.69
    public var margin = (top: 0.7, bottom: 0.75, left: 0.7, right: 0.7)
    public var footerTemplate: String? = nil
    public init() {}
  }

  /// The loaded page as a PDF.
  public func printToPDF(_ options: PrintOptions = PrintOptions(), timeout: Double = 300) throws -> Data {
    var params: [String: Any] = [
      "printBackground": true, "paperWidth": options.paperWidth, "paperHeight": options.paperHeight,
      "marginTop": options.margin.top, "marginBottom": options.margin.bottom,
      "marginLeft": options.margin.left, "marginRight": options.margin.right,
    ]
    if let footer = options.footerTemplate {
      params["displayHeaderFooter"] = true
      params["headerTemplate"] = "<span></span>"
      params["footerTemplate"] = footer
    }
    let reply = try browser.send("Page.printToPDF", params, session: session, timeout: timeout)
    guard let text = reply["data"] as? String, let data = Data(base64Encoded: text) else {
      throw BrowserError("no PDF data")
    }
    return data
  }
}
