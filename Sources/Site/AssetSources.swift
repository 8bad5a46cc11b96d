import Foundation

/// Where the third-party browser assets come from: folders laid out like Debian's
/// `libjs-katex` and `libjs-highlight.js` packages.
public struct AssetSources: Sendable, Equatable {
  /// Holds `katex.min.css`, `katex.min.js` (or `katex.js`) and `fonts/`.
  public var katex: URL
  /// Holds `highlight.min.js` (or `highlight.js`) and `styles/`.
  public var highlightJS: URL

  public init(katex: URL, highlightJS: URL) {
    self.katex = katex
    self.highlightJS = highlightJS
  }

  /// Debian's locations: `/usr/share/javascript/katex` and `/usr/share/javascript/highlight.js`.
  public static let debian = AssetSources(
    katex: URL(fileURLWithPath: "/usr/share/javascript/katex", isDirectory: true),
    highlightJS: URL(fileURLWithPath: "/usr/share/javascript/highlight.js", isDirectory: true)
  )
}
