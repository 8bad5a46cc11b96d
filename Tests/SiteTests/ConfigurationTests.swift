import Site
import Testing

@Suite struct ConfigurationTests {
  @Test func parsesAllKeysWithCommentsAndEscapes() throws {
    let toml = """
      # Course settings
      title = "Deep \\"Nets\\""   # trailing comment

      author = 'R. Y. H.'
        description = "Line\\tone \\u00e9 # not a comment"
      language = "de-CH"
      """
    let c = try SiteConfiguration.parse(toml: toml, path: "notes.toml")
    #expect(
      c
        == SiteConfiguration(
          title: "Deep \"Nets\"", author: "R. Y. H.", description: "Line\tone é # not a comment",
          language: "de-CH"))
  }

  @Test func defaultsLanguageAndOptionalFields() throws {
    let c = try SiteConfiguration.parse(toml: "title = \"T\"\r\n", path: "notes.toml")
    #expect(c.title == "T")
    #expect(c.author == nil)
    #expect(c.description == nil)
    #expect(c.language == "en")
  }

  /// The apparatus' settings: `eq-prefix` (a string) and `code-fold` (true or false).
  @Test func equationPrefixAndCodeFold() throws {
    let c = try SiteConfiguration.parse(
      toml: "title = \"T\"\neq-prefix = \"Eq.\"\ncode-fold = true  # fold\n", path: "notes.toml")
    #expect(c.equationPrefix == "Eq.")
    #expect(c.codeFold)
    let d = try SiteConfiguration.parse(toml: "title = \"T\"\n", path: "notes.toml")
    #expect(d.equationPrefix == "")
    #expect(!d.codeFold)
    for (toml, message) in [
      ("title = \"T\"\ncode-fold = \"yes\"\n", "notes.toml:2: 'code-fold' is true or false"),
      (
        "title = \"T\"\ncode-fold = maybe\n",
        "notes.toml:2: the value of 'code-fold' must be a quoted string, true or false"
      ),
      ("title = true\n", "notes.toml:1: the value of 'title' must be a quoted string"),
      ("title = \"T\"\ncode-fold = true\ncode-fold = false\n", "notes.toml:3: key 'code-fold' is set twice"),
    ] {
      #expect {
        try SiteConfiguration.parse(toml: toml, path: "notes.toml")
      } throws: { error in
        "\(error)".hasPrefix(message)
      }
    }
  }

  /// Each malformed input must fail with a message naming the file and the offending line.
  @Test(arguments: [
    ("title = \"T\"\nauthors = \"x\"", "notes.toml:2:", "unknown key"),
    ("# c\n\ntitle = T", "notes.toml:3:", "quoted string"),
    ("title = \"T\"\n[site]", "notes.toml:2:", "tables"),
    ("title \"T\"", "notes.toml:1:", "'='"),
    ("title = \"T", "notes.toml:1:", "unterminated"),
    ("title = \"T\" extra", "notes.toml:1:", "unexpected text"),
    ("title = \"T\"\ntitle = \"U\"", "notes.toml:2:", "twice"),
    ("title = \"a\\qb\"", "notes.toml:1:", "escape"),
    ("= \"x\"", "notes.toml:1:", "expected key"),
    ("title = \"T\"\nbibliography = \"../elsewhere.bib\"", "notes.toml:", "inside the book's folder"),
    ("title = \"T\"\nbibliography = \"/abs/refs.bib\"", "notes.toml:", "inside the book's folder"),
  ])
  func rejectsMalformedLines(toml: String, location: String, reason: String) {
    do {
      _ = try SiteConfiguration.parse(toml: toml, path: "notes.toml")
      Issue.record("accepted malformed input: \(toml)")
    } catch let error as SiteError {
      #expect(error.description.hasPrefix(location), "\(error)")
      // The location is data, not only text: the file and line as fields.
      #expect(error.diagnostic(orAt: "elsewhere").location + ":" == location, "\(error)")
      #expect(!error.message.hasPrefix("notes.toml"), "\(error)")
      #expect(error.description.contains(reason), "\(error)")
    } catch {
      Issue.record("unexpected error type \(error)")
    }
  }

  @Test func requiresTitle() {
    #expect(throws: SiteError.self) {
      try SiteConfiguration.parse(toml: "author = \"x\"", path: "notes.toml")
    }
    #expect(throws: SiteError.self) {
      try SiteConfiguration.parse(toml: "title = \"  \"", path: "notes.toml")
    }
  }

  @Test func rejectsBadLanguageTag() {
    #expect(throws: SiteError.self) {
      try SiteConfiguration.parse(toml: "title = \"T\"\nlanguage = \"en\\\" x\"", path: "notes.toml")
    }
  }

  @Test func namesTheBibliography() throws {
    let c = try SiteConfiguration.parse(
      toml: "title = \"T\"\nbibliography = \"refs/course.bib\"", path: "notes.toml")
    #expect(c.bibliography == "refs/course.bib")
    #expect(try SiteConfiguration.parse(toml: "title = \"T\"", path: "notes.toml").bibliography == nil)
  }
}
