/// The course-wide settings, read from `notes.toml` at the top of the repository.
public struct SiteConfiguration: Sendable, Equatable {
  /// Course title: the index page's heading and the suffix of every `<title>`.
  public var title: String
  /// Shown under the title on the index page and in every footer.
  public var author: String?
  /// One paragraph of plain text for the index page.
  public var description: String?
  /// The pages' `<html lang>`; default `"en"`.
  public var language: String
  /// The library products chapters import implicitly; nil for every library product of the
  /// book's package (and `Figures`).
  public var imports: [String]?
  /// Products that only draw: editing them keeps `memo` values; default `["Figures"]`.
  public var presentation: [String]
  /// What stands before an equation's number in a cross-reference: "" gives "(3.2)", "Eq."
  /// gives "Eq. (3.2)" (Quarto's `eq-prefix`).
  public var equationPrefix: String = ""
  /// Whether `{swift}` blocks show their code folded under "Code" unless they say
  /// `//| code-fold: false` (default false).
  public var codeFold: Bool = false
  /// The BibTeX file citations come from, relative to the book's folder (Quarto's
  /// `bibliography`); nil for `references.bib` beside `chapters/`, if it exists.
  public var bibliography: String? = nil

  public init(
    title: String, author: String? = nil, description: String? = nil, language: String = "en",
    imports: [String]? = nil, presentation: [String] = ["Figures"]
  ) {
    self.title = title
    self.author = author
    self.description = description
    self.language = language
    self.imports = imports
    self.presentation = presentation
  }

  /// The keys `notes.toml` may set, in the order the documentation lists them.
  public static let knownKeys = [
    "title", "author", "description", "language", "imports", "presentation", "eq-prefix", "code-fold",
    "bibliography",
  ]
  /// The keys whose value is `true` or `false`.
  static let booleanKeys: Set<String> = ["code-fold"]
  /// The keys whose value is an array of strings.
  static let arrayKeys: Set<String> = ["imports", "presentation"]

  /// Parses `notes.toml`, a documented subset of TOML:
  ///
  ///     # a comment
  ///     title = "Deep networks at initialization"
  ///     author = "A. Student"          # trailing comments are fine
  ///     description = "Lecture notes on \"PDLT\"."
  ///     language = 'en'
  ///
  /// `eq-prefix = "Eq."` sets ``equationPrefix``; `code-fold = true` sets ``codeFold``;
  /// `bibliography = "refs/course.bib"` sets ``bibliography`` (a path in the book's folder).
  ///
  /// Each non-blank line is `key = "basic string"` (escapes `\" \\ \n \t \r \uXXXX \UXXXXXXXX`)
  /// or `key = 'literal string'`, optionally followed by a `#` comment; keys are `title`
  /// (required, non-empty), `author`, `description`, `language` (default `en`; letters, digits
  /// and `-`). Unknown keys, repeated keys, tables, other value types and malformed lines throw a
  /// `SiteError` located at `path` and the line.
  public static func parse(toml: String, path: String) throws -> SiteConfiguration {
    var values: [String: String] = [:]
    var arrays: [String: [String]] = [:]
    var booleans: [String: Bool] = [:]
    var lineNumber = 0
    // "\r\n" is one Character in Swift, so both line ends are separators.
    for rawLine in toml.split(
      omittingEmptySubsequences: false, whereSeparator: { $0 == "\n" || $0 == "\r\n" })
    {
      lineNumber += 1
      var line = Substring(rawLine)
      if lineNumber == 1, line.hasPrefix("\u{FEFF}") { line = line.dropFirst() }
      guard let entry = try TOMLLine.parse(line, location: TOMLLine.Location(path: path, line: lineNumber))
      else { continue }
      guard knownKeys.contains(entry.key) else {
        throw SiteError(
          at: path, line: lineNumber,
          "unknown key '\(entry.key)' (known keys: \(knownKeys.joined(separator: ", ")))"
        )
      }
      guard values[entry.key] == nil && arrays[entry.key] == nil && booleans[entry.key] == nil else {
        throw SiteError(at: path, line: lineNumber, "key '\(entry.key)' is set twice")
      }
      if booleanKeys.contains(entry.key) {
        guard let boolean = entry.boolean else {
          throw SiteError(
            at: path, line: lineNumber, "'\(entry.key)' is true or false, like \(entry.key) = true")
        }
        booleans[entry.key] = boolean
        continue
      }
      guard entry.boolean == nil else {
        throw SiteError(at: path, line: lineNumber, "the value of '\(entry.key)' must be a quoted string")
      }
      if arrayKeys.contains(entry.key) {
        guard let array = entry.array else {
          throw SiteError(
            at: path, line: lineNumber,
            "'\(entry.key)' is a list of library names, like \(entry.key) = [\"Criticality\", \"Figures\"]"
          )
        }
        arrays[entry.key] = array
      } else {
        guard entry.array == nil else {
          throw SiteError(
            at: path, line: lineNumber, "the value of '\(entry.key)' must be a quoted string, not an array")
        }
        values[entry.key] = entry.value
      }
    }
    guard let title = values["title"], !title.allSatisfy(\.isWhitespace) else {
      throw SiteError(at: path, "missing title (add a line: title = \"Course title\")")
    }
    let language = values["language"] ?? "en"
    guard !language.isEmpty,
      language.unicodeScalars.allSatisfy({
        $0.isASCII && ($0.properties.isAlphabetic || ("0"..."9").contains($0) || $0 == "-")
      })
    else {
      throw SiteError(at: path, "language '\(language)' is not a language tag like 'en' or 'en-GB'")
    }
    var configuration = SiteConfiguration(
      title: title, author: values["author"], description: values["description"], language: language,
      imports: arrays["imports"], presentation: arrays["presentation"] ?? ["Figures"])
    configuration.equationPrefix = values["eq-prefix"] ?? ""
    configuration.codeFold = booleans["code-fold"] ?? false
    if let bibliography = values["bibliography"] {
      guard !bibliography.isEmpty, !bibliography.hasPrefix("/"),
        !bibliography.split(separator: "/").contains("..")
      else {
        throw SiteError(
          at: path,
          "bibliography '\(bibliography)' must be a path inside the book's folder, like \"refs/course.bib\""
        )
      }
      configuration.bibliography = bibliography
    }
    return configuration
  }
}
