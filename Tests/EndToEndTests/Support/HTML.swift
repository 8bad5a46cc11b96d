import Foundation

/// Small readers for the generated pages: enough to check structure without an HTML parser.
enum HTML {
  /// The capture groups of every match of `pattern` in `text` (dot matches newlines).
  static func matches(_ pattern: String, in text: String) -> [[String]] {
    guard let regex = try? NSRegularExpression(pattern: pattern, options: [.dotMatchesLineSeparators])
    else { return [] }
    let ns = text as NSString
    return regex.matches(in: text, range: NSRange(location: 0, length: ns.length)).map { match in
      (1..<match.numberOfRanges).map {
        match.range(at: $0).location == NSNotFound ? "" : ns.substring(with: match.range(at: $0))
      }
    }
  }

  /// The first capture group of the first match, if any.
  static func first(_ pattern: String, in text: String) -> String? {
    matches(pattern, in: text).first?.first
  }

  /// The text between the first `<tag …class="name"…>` and the next `</tag>` (no nesting).
  static func element(_ tag: String, class name: String, in text: String) -> String? {
    first("<\(tag)[^>]*class=\"\(name)\"[^>]*>(.*?)</\(tag)>", in: text)
  }

  /// The `href` of the chapter-page pager link with `rel` (`prev` or `next`) in the top pager.
  static func pagerLink(_ rel: String, in page: String) -> String? {
    guard let pager = first("<nav class=\"pager pager-top\"[^>]*>(.*?)</nav>", in: page) else { return nil }
    return first("rel=\"\(rel)\" href=\"([^\"]*)\"", in: pager)
  }

  /// The equation numbers KaTeX typeset in a page's DOM: the text of each `<span class="tag">`
  /// up to its closing parenthesis, markup stripped (`["(1.1)", "(1.2)"]`).
  static func katexTags(in dom: String) -> [String] {
    var shown: [String] = []
    var rest = dom[...]
    while let start = rest.range(of: "<span class=\"tag\">") {
      let chunk = rest[start.upperBound...].prefix(800)
      let text = String(chunk).replacingOccurrences(of: "<[^>]+>", with: "", options: .regularExpression)
      shown.append(String(text.prefix { $0 != ")" }) + ")")
      rest = rest[start.upperBound...]
    }
    return shown
  }
}
