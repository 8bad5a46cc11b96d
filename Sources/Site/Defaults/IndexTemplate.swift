/// The default index-page template (Mustache), used unless `theme/index.mustache` exists.
///
/// Context keys: `lang`, `siteTitle`, `author` (or false), `description` (plain text or false),
/// `hasMath`, `builtOn` (or false), `assets`, `hasChapters`, `chapters`
/// (`[{href, titleHTML, titleText, abstractHTML (or false), hasSections, sections}]`, sections as
/// on chapter pages), `hasSearch`.
enum DefaultIndexTemplate {
  static let text = #"""
    <!DOCTYPE html>
    <html lang="{{lang}}">
    <head>
    <meta charset="utf-8">
    <meta name="viewport" content="width=device-width, initial-scale=1">
    <meta name="color-scheme" content="light dark">
    <title>{{siteTitle}}</title>
    {{#description}}
    <meta name="description" content="{{description}}">
    {{/description}}
    {{#author}}
    <meta name="author" content="{{author}}">
    {{/author}}
    {{> assets}}
    </head>
    <body class="index-page">
    <main id="content" class="content index">
    <header class="course-header">
    {{> cover}}
    {{> search}}
    </header>
    <nav class="course-toc" aria-label="Contents">
    <h2>Contents</h2>
    {{#hasChapters}}
    <ol class="toc-chapters">
    {{#chapters}}
    {{> tocChapter}}
    {{/chapters}}
    </ol>
    {{/hasChapters}}
    {{^hasChapters}}
    <p>No chapters yet.</p>
    {{/hasChapters}}
    {{#hasReference}}
    <h2>API reference</h2>
    <ul class="toc-reference">
    {{> referenceLinks}}
    </ul>
    {{/hasReference}}
    </nav>
    <footer class="page-footer">
    <p>{{siteTitle}}{{#author}} · {{author}}{{/author}}</p>
    {{#builtOn}}
    <p class="built-on">Built on {{builtOn}} (UTC)</p>
    {{/builtOn}}
    </footer>
    </main>
    </body>
    </html>

    """#
}
