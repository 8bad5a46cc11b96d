/// The compiled-in theme, as the files a user would put in `theme/` to start customizing it
/// (e.g. for a `notes theme` command): `index.mustache`, `page.mustache`, `sections.mustache`, `style.css`.
public enum DefaultTheme {
  /// File name → contents, sorted by name.
  public static let files: [(name: String, text: String)] = [
    ("index.mustache", DefaultIndexTemplate.text),
    ("page.mustache", DefaultPageTemplate.text),
    ("sections.mustache", DefaultSectionsPartial.text),
    ("style.css", DefaultStyleSheet.text),
  ]
}
