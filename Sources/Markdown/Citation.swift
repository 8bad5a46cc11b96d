/// A citation as written in prose: `[@a; see @b, ch. 3]` (parenthetical) or `@a` (narrative).
public struct Citation: Sendable, Hashable {
  public enum Form: Sendable, Hashable {
    /// `[@key]`: "(Roberts, Yaida & Hanin 2022)".
    case parenthetical
    /// `@key`: "Roberts, Yaida & Hanin (2022)".
    case narrative
  }

  public struct Item: Sendable, Hashable {
    public var key: String
    /// Text before the key inside the brackets (`see` in `[see @a]`), trimmed.
    public var prefix: String
    /// Text after the key, without its leading comma (`ch. 3` in `[@a, ch. 3]`), trimmed.
    public var locator: String
    /// `[-@key]`: the year only.
    public var suppressAuthor: Bool

    public init(key: String, prefix: String = "", locator: String = "", suppressAuthor: Bool = false) {
      self.key = key
      self.prefix = prefix
      self.locator = locator
      self.suppressAuthor = suppressAuthor
    }
  }

  public var form: Form
  public var items: [Item]

  public init(form: Form, items: [Item]) {
    self.form = form
    self.items = items
  }

  public var keys: [String] { items.map(\.key) }
}
