/// The default chapter-page template (Mustache), used unless `theme/page.mustache` exists.
///
/// Context keys (all pages): `lang`, `siteTitle`, `author` (or false), `pageTitle` (plain text),
/// `titleHTML`, `slug`, `sourcePath`, `bodyHTML` (heading anchors added), `hasMath`, `hasCode`,
/// `builtOn` (`YYYY-MM-DD` or false), `assets` (`"assets"`), `chapters`
/// (`[{href, titleHTML, titleText, current}]`), `hasSections`, `sections`
/// (`[{anchor, titleHTML, hasChildren, children}]`), `prev`/`next` (`{href, titleHTML, titleText}`
/// or false), `number`, `count`, `hasSearch`, `hasReference` and `referencePages`
/// (`[{href, titleHTML, current}]`: the API reference's module pages, rendered with this template
/// too, where `number`, `prev` and `next` are false). HTML fields (`…HTML`) go in triple braces;
/// all else is escaped.
enum DefaultPageTemplate {
  static let text = #"""
    <!DOCTYPE html>
    <html lang="{{lang}}">
    <head>
    <meta charset="utf-8">
    <meta name="viewport" content="width=device-width, initial-scale=1">
    <meta name="color-scheme" content="light dark">
    <title>{{pageTitle}} · {{siteTitle}}</title>
    {{#author}}
    <meta name="author" content="{{author}}">
    {{/author}}
    {{> assets}}
    </head>
    <body class="chapter-page">
    <a class="skip-link" href="#content">Skip to content</a>
    <button class="sidebar-toggle" type="button" aria-controls="sidebar" aria-expanded="false">☰ Contents{{#hasSearch}} and search{{/hasSearch}}</button>
    <div class="layout">
    <nav class="sidebar" id="sidebar" aria-label="Chapters">
    <p class="site-title"><a href="index.html">{{siteTitle}}</a></p>
    {{> search}}
    <ol class="chapter-list">
    {{#chapters}}
    <li{{#current}} class="current"{{/current}}><a href="{{href}}"{{#current}} aria-current="page"{{/current}}>{{{titleHTML}}}</a></li>
    {{/chapters}}
    </ol>
    {{#hasReference}}
    <p class="sidebar-heading">API reference</p>
    <ul class="reference-list">
    {{> referenceLinks}}
    </ul>
    {{/hasReference}}
    </nav>
    <main id="content" class="content">
    <nav class="pager pager-top" aria-label="Previous and next chapter">
    {{> pager}}
    </nav>
    <article class="chapter">
    <header class="chapter-header">
    <h1 class="chapter-title">{{{titleHTML}}}</h1>
    </header>
    {{#hasSections}}
    <nav class="page-toc" aria-label="On this page">
    <p class="page-toc-title">On this page</p>
    <ul>
    {{> sections}}
    </ul>
    </nav>
    {{/hasSections}}
    <div class="chapter-body">
    {{{bodyHTML}}}
    </div>
    </article>
    <nav class="pager pager-bottom" aria-label="Previous and next chapter">
    {{> pager}}
    </nav>
    <footer class="page-footer">
    <p>{{siteTitle}}{{#author}} · {{author}}{{/author}} · Source: <code>{{sourcePath}}</code></p>
    {{#builtOn}}
    <p class="built-on">Built on {{builtOn}} (UTC)</p>
    {{/builtOn}}
    </footer>
    </main>
    </div>
    </body>
    </html>

    """#
}
