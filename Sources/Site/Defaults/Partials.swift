/// The default `sections.mustache` partial: the nested list items of a chapter's sections
/// (levels 2 and 3), shared by the index's table of contents and a page's "On this page".
/// Context: `sections` (`[{anchor, titleHTML, hasChildren, children}]`) and `sectionBase`, the
/// page the anchors belong to (empty on the page itself).
enum DefaultSectionsPartial {
  static let text = """
    {{#sections}}
    <li><a href="{{sectionBase}}#{{anchor}}">{{{titleHTML}}}</a>{{#hasChildren}}
    <ul>
    {{#children}}
    <li><a href="{{sectionBase}}#{{anchor}}">{{{titleHTML}}}</a></li>
    {{/children}}
    </ul>
    {{/hasChildren}}</li>
    {{/sections}}

    """
}

/// The default `assets.mustache` partial: stylesheets and scripts for `<head>` (KaTeX only when
/// `hasMath`, highlight.js only when `hasCode`, search when `hasSearch`), shared by all pages.
enum DefaultAssetsPartial {
  static let text = #"""
    {{#hasMath}}
    <link rel="stylesheet" href="{{assets}}/katex.min.css">
    {{/hasMath}}
    {{#hasCode}}
    <link rel="stylesheet" href="{{assets}}/highlight-light.css" media="print, (prefers-color-scheme: light)">
    <link rel="stylesheet" href="{{assets}}/highlight-dark.css" media="screen and (prefers-color-scheme: dark)">
    {{/hasCode}}
    <link rel="stylesheet" href="{{assets}}/notes.css">
    {{#hasMath}}
    <script defer src="{{assets}}/katex.min.js"></script>
    {{/hasMath}}
    {{#hasCode}}
    <script defer src="{{assets}}/highlight.min.js"></script>
    {{/hasCode}}
    <script defer src="{{assets}}/notes.js"></script>
    {{#hasSearch}}
    <script defer src="{{assets}}/search-index.js"></script>
    <script defer src="{{assets}}/search.js"></script>
    {{/hasSearch}}

    """#
}

/// The default `search.mustache` partial: the search box and its result list (when
/// `hasSearch`), driven by `assets/search.js`.
enum DefaultSearchPartial {
  static let text = #"""
    {{#hasSearch}}
    <div class="search" role="search">
    <input type="search" id="notes-search" class="search-input" placeholder="Search  ( / )" aria-label="Search the notes" autocomplete="off" spellcheck="false">
    <p id="notes-search-status" class="search-status" aria-live="polite"></p>
    <ol id="notes-search-results" class="search-results" hidden></ol>
    </div>
    {{/hasSearch}}

    """#
}

/// The default `pager.mustache` partial: the previous/next chapter links, shown above and below
/// a chapter.
enum DefaultPagerPartial {
  static let text = #"""
    {{#prev}}<a class="prev" rel="prev" href="{{href}}"><span class="pager-label">← Previous</span> <span class="pager-title">{{{titleHTML}}}</span></a>{{/prev}}
    {{#next}}<a class="next" rel="next" href="{{href}}"><span class="pager-label">Next →</span> <span class="pager-title">{{{titleHTML}}}</span></a>{{/next}}

    """#
}

/// The default `referenceLinks.mustache` partial: list items linking the API reference's module
/// pages (`referencePages`: `[{href, titleHTML, current}]`), in the sidebar and on the index.
enum DefaultReferenceLinksPartial {
  static let text = #"""
    {{#referencePages}}
    <li{{#current}} class="current"{{/current}}><a href="{{href}}"{{#current}} aria-current="page"{{/current}}>{{{titleHTML}}}</a></li>
    {{/referencePages}}

    """#
}

/// The default `cover.mustache` partial: the book's title, author and description, at the top of
/// the index and of the print edition.
enum DefaultCoverPartial {
  static let text = #"""
    <h1 class="course-title">{{siteTitle}}</h1>
    {{#author}}
    <p class="course-author">{{author}}</p>
    {{/author}}
    {{#description}}
    <p class="course-description">{{description}}</p>
    {{/description}}

    """#
}

/// The default `tocChapter.mustache` partial: one chapter in a table of contents (`href`,
/// `titleHTML`, `abstractHTML`, `hasSections`, `sections`), on the index and in the print
/// edition (where `href` is `#` and the chapter's anchor).
enum DefaultTocChapterPartial {
  static let text = #"""
    <li class="toc-chapter">
    <a class="toc-chapter-title" href="{{href}}">{{{titleHTML}}}</a>
    {{#abstractHTML}}
    <p class="toc-abstract">{{{abstractHTML}}}</p>
    {{/abstractHTML}}
    {{#hasSections}}
    <ul class="toc-sections">
    {{> sections}}
    </ul>
    {{/hasSections}}
    </li>

    """#
}
