/// The compiled-in theme, as the files a user would put in `theme/` to start customizing it
/// (e.g. for a `notes theme` command): `index.mustache`, `page.mustache`, the partials `assets`, `pager`, `referenceLinks` and `sections`, and `style.css`.
public enum DefaultTheme {
  /// File name → contents, sorted by name.
  public static let files: [(name: String, text: String)] = [
    ("assets.mustache", DefaultAssetsPartial.text),
    ("index.mustache", DefaultIndexTemplate.text),
    ("page.mustache", DefaultPageTemplate.text),
    ("pager.mustache", DefaultPagerPartial.text),
    ("referenceLinks.mustache", DefaultReferenceLinksPartial.text),
    ("sections.mustache", DefaultSectionsPartial.text),
    ("style.css", DefaultStyleSheet.text),
  ]
}
