import Foundation

/// Finding the headless browser: Debian's `chromium` (or Chrome) on `PATH`.
public enum Chromium {
  /// The names tried, in order.
  public static let names = ["chromium", "chromium-browser", "google-chrome", "google-chrome-stable"]

  /// The first executable of ``names`` in `PATH`'s folders, or nil.
  public static func locate(environment: [String: String] = ProcessInfo.processInfo.environment) -> String? {
    for name in names {
      for folder in (environment["PATH"] ?? "").split(separator: ":") {
        let path = "\(folder)/\(name)"
        if FileManager.default.isExecutableFile(atPath: path) { return path }
      }
    }
    return nil
  }

  /// What to tell the author when ``locate(environment:)`` finds nothing.
  public static let installHint =
    "no chromium on PATH: install it with scripts/install-deps --pdf (or: sudo apt-get install chromium)"
}

/// Something went wrong talking to the browser.
public struct BrowserError: Error, CustomStringConvertible, Sendable {
  public var description: String
  public init(_ description: String) { self.description = description }
}
