/// The default print-edition template (Mustache), used unless `theme/print.mustache` exists:
/// `print.html`, the whole book on one page for the browser's Print and `notes pdf`. Its one
/// script opens every `<details>` (solutions, folded code), which a printed page cannot.
///
/// Context keys: those of the index (`lang`, `siteTitle`, `author`, `description`, `builtOn`,
/// `assets`, `hasMath`, `hasCode`, `hasSearch` (false)), `chapters`
/// (`[{anchor, href ("#" + anchor), number, titleHTML, titleText, abstractHTML (or false), bodyHTML, hasSections,
/// sections, sectionBase ("")}]`), `hasReferences`, `referencesHTML`, `referencesAnchor`.
enum DefaultPrintTemplate {
  static let text = #"""
    <!DOCTYPE html>
    <html lang="{{lang}}" class="print-edition">
    <head>
    <meta charset="utf-8">
    <meta name="viewport" content="width=device-width, initial-scale=1">
    <meta name="color-scheme" content="light">
    <title>{{siteTitle}}</title>
    {{#author}}
    <meta name="author" content="{{author}}">
    {{/author}}
    {{> assets}}
    </head>
    <body class="print-page">
    <main id="content" class="content print">
    <header class="course-header print-cover">
    {{> cover}}
    {{#builtOn}}
    <p class="built-on">Built on {{builtOn}} (UTC)</p>
    {{/builtOn}}
    </header>
    <nav class="course-toc print-toc" aria-label="Contents">
    <h2>Contents</h2>
    <ol class="toc-chapters">
    {{#chapters}}
    {{> tocChapter}}
    {{/chapters}}
    {{#hasReferences}}
    <li class="toc-chapter"><a class="toc-chapter-title" href="#{{referencesAnchor}}">References</a></li>
    {{/hasReferences}}
    </ol>
    </nav>
    {{#chapters}}
    <article class="chapter print-chapter" id="{{anchor}}">
    <header class="chapter-header">
    <h1 class="chapter-title">{{{titleHTML}}}</h1>
    </header>
    <div class="chapter-body">
    {{{bodyHTML}}}
    </div>
    </article>
    {{/chapters}}
    {{#hasReferences}}
    <section class="chapter print-chapter print-references" id="{{referencesAnchor}}">
    <h1 class="chapter-title">References</h1>
    {{{referencesHTML}}}
    </section>
    {{/hasReferences}}
    </main>
    <script>
    /* A printed book shows what the pages fold away: solutions and folded code. */
    Array.prototype.forEach.call(document.querySelectorAll("details"), function (d) { d.open = true; });
    </script>
    </body>
    </html>

    """#
}
