/// An error from building the site: a one-line message that names the file or folder
/// involved (`notes.toml:3: …`, `build/index.html: …`) and, where it helps, what to do.
public struct SiteError: Error, CustomStringConvertible, Equatable, Sendable {
  /// The whole message, ready to print after `error: `.
  public var message: String

  public init(_ message: String) {
    self.message = message
  }

  public var description: String { message }
}
