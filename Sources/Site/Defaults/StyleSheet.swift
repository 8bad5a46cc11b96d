/// The default stylesheet, written as `assets/notes.css` unless `theme/style.css` exists.
///
/// Every colour is a CSS variable set in `:root`, redefined for `prefers-color-scheme: dark`
/// and for print (black on white); `print.html` (`html.print-edition`) is light on screen too.
/// Below 50rem the sidebar hides behind a button and wide math, tables and code scroll in
/// their own boxes. Figures are inline SVG drawn with `currentColor`, so they
/// follow `--fg`.
enum DefaultStyleSheet {
  static let text = #"""
    /* notes: default stylesheet. Override with theme/style.css. */
    :root {
      --bg: #fdfdfb;
      --fg: #1d1d1f;
      --muted: #5d6068;
      --rule: #d9dae0;
      --link: #1f5fae;
      --link-visited: #6a3d9a;
      --accent: #1f5fae;
      --sidebar-bg: #f3f3ef;
      --code-bg: #f2f2ee;
      --code-fg: #1d1d1f;
      --table-stripe: #f5f5f1;
      --table-head: #ebebe6;
      --output-bg: #f6f7f9;
      --output-rule: #c9ced8;
      --warning-bg: #fff6df;
      --warning-rule: #d99a00;
      --warning-fg: #5c4100;
      --error-bg: #fdecec;
      --error-rule: #c62828;
      --error-fg: #7a1010;
      --value-bg: #e9f1fb;
      --shadow: rgba(0, 0, 0, 0.06);
      --body-font: "Charter", "Bitstream Charter", "Sitka Text", "Iowan Old Style", "Palatino Linotype",
        "Palatino", "Book Antiqua", "Georgia", "DejaVu Serif", serif;
      --ui-font: system-ui, -apple-system, "Segoe UI", "Noto Sans", "DejaVu Sans", sans-serif;
      --mono-font: ui-monospace, "SFMono-Regular", "Menlo", "Consolas", "DejaVu Sans Mono", monospace;
      /* ≈ 70 characters of body text (1.125rem serif); a length, so every block lines up. */
      --measure: 42rem;
      color-scheme: light dark;
    }

    @media (prefers-color-scheme: dark) {
      :root {
        --bg: #16171b;
        --fg: #e4e4e7;
        --muted: #a0a3ad;
        --rule: #34363e;
        --link: #8ab8ff;
        --link-visited: #c3a6f5;
        --accent: #8ab8ff;
        --sidebar-bg: #1c1d22;
        --code-bg: #202228;
        --code-fg: #e4e4e7;
        --table-stripe: #1d1e23;
        --table-head: #25272e;
        --output-bg: #1d2026;
        --output-rule: #3c414c;
        --warning-bg: #2f2612;
        --warning-rule: #c99a2e;
        --warning-fg: #f3d99a;
        --error-bg: #341a1c;
        --error-rule: #e0575b;
        --error-fg: #ffc4c4;
        --value-bg: #1e2a3a;
        --shadow: rgba(0, 0, 0, 0.4);
      }
    }

    *, *::before, *::after { box-sizing: border-box; }

    html { -webkit-text-size-adjust: 100%; text-size-adjust: 100%; }

    body {
      margin: 0;
      background: var(--bg);
      color: var(--fg);
      font-family: var(--body-font);
      font-size: 1.125rem;
      line-height: 1.6;
      font-kerning: normal;
      text-rendering: optimizeLegibility;
    }

    a { color: var(--link); text-underline-offset: 0.15em; text-decoration-thickness: 0.06em; }
    a:visited { color: var(--link-visited); }
    a:hover { text-decoration-thickness: 0.12em; }

    .skip-link { position: absolute; left: -999px; top: 0; }
    .skip-link:focus { left: 0.5rem; top: 0.5rem; background: var(--bg); padding: 0.25rem 0.5rem; z-index: 10; }

    /* Layout: sidebar | content (| in-page contents on wide screens) */
    .layout { display: grid; grid-template-columns: minmax(13rem, 17rem) minmax(0, 1fr); min-height: 100vh; }

    .sidebar {
      background: var(--sidebar-bg);
      border-right: 1px solid var(--rule);
      font-family: var(--ui-font);
      font-size: 0.9rem;
      line-height: 1.4;
      padding: 1.5rem 1rem;
      position: sticky;
      top: 0;
      height: 100vh;
      overflow-y: auto;
    }
    .sidebar .site-title { font-weight: 600; margin: 0 0 1rem; font-size: 1rem; }
    .sidebar .site-title a { color: var(--fg); text-decoration: none; }
    .chapter-list { list-style: none; margin: 0; padding: 0; }
    .chapter-list li { margin: 0; }
    .chapter-list a {
      display: block;
      padding: 0.35rem 0.6rem;
      border-radius: 0.35rem;
      border-left: 3px solid transparent;
      color: var(--fg);
      text-decoration: none;
    }
    .chapter-list a:hover { background: var(--code-bg); }
    .chapter-list li.current > a { border-left-color: var(--accent); background: var(--bg); font-weight: 600; }
    /* API reference: the sidebar's module list, entries, links from listings */
    .sidebar-heading { margin: 1.2rem 0 0.4rem; padding: 0 0.6rem; font-weight: 600; color: var(--muted, inherit); }
    .reference-list { list-style: none; margin: 0; padding: 0; }
    .reference-list a { display: block; padding: 0.35rem 0.6rem; border-radius: 0.35rem; border-left: 3px solid transparent; color: var(--fg); text-decoration: none; }
    .reference-list a:hover { background: var(--code-bg); }
    .reference-list li.current > a { border-left-color: var(--accent); background: var(--bg); font-weight: 600; }
    .api-entry { border-top: 1px solid var(--rule); margin-top: 1.5rem; }
    .api-members { margin-left: 1rem; }
    .api-kind { font-size: 0.75em; font-weight: 400; opacity: 0.7; margin-left: 0.5em; }
    .api-declaration { white-space: pre-wrap; }
    .api-declaration .api-keyword { font-weight: 600; }
    .api-declaration a.api-type, pre code a.api-link { color: inherit; text-decoration: underline dotted; }
    .api-undocumented, .api-inherited { font-style: italic; opacity: 0.7; }

    .content { padding: 2rem clamp(1rem, 4vw, 3rem) 3rem; min-width: 0; }
    .content > *, .chapter > *, .chapter-body > * { max-width: var(--measure); }
    .index.content { margin: 0 auto; max-width: calc(var(--measure) + 6rem); }

    /* Headings */
    h1, h2, h3, h4, h5, h6 { font-family: var(--ui-font); line-height: 1.25; margin: 2.2rem 0 0.8rem; font-weight: 650; }
    h1 { font-size: 2rem; margin-top: 0.5rem; }
    h2 { font-size: 1.5rem; border-bottom: 1px solid var(--rule); padding-bottom: 0.25rem; }
    h3 { font-size: 1.25rem; }
    h4 { font-size: 1.1rem; }
    h5, h6 { font-size: 1rem; }
    h2[id], h3[id], h4[id], h5[id], h6[id] { scroll-margin-top: 1rem; }
    .anchor {
      margin-left: 0.4em;
      color: var(--muted);
      text-decoration: none;
      font-weight: 400;
      opacity: 0;
      transition: opacity 0.15s;
    }
    h2:hover > .anchor, h3:hover > .anchor, h4:hover > .anchor, h5:hover > .anchor, h6:hover > .anchor,
    .anchor:focus { opacity: 1; }
    .anchor:visited { color: var(--muted); }

    p, ul, ol, dl, blockquote { margin: 0 0 1rem; }
    li { margin: 0.2rem 0; }
    li > p { margin: 0.3rem 0; }
    blockquote { border-left: 3px solid var(--rule); margin-left: 0; padding: 0 1rem; color: var(--muted); }
    hr { border: 0; border-top: 1px solid var(--rule); margin: 2rem 0; }
    img, svg, video { max-width: 100%; height: auto; }

    /* Prev/next */
    .pager {
      display: flex;
      justify-content: space-between;
      gap: 1rem;
      font-family: var(--ui-font);
      font-size: 0.9rem;
      max-width: var(--measure);
    }
    .pager-top { margin-bottom: 1.5rem; }
    .pager-bottom { margin-top: 3rem; padding-top: 1rem; border-top: 1px solid var(--rule); }
    .pager a { text-decoration: none; display: flex; flex-direction: column; max-width: 48%; }
    .pager a.next { margin-left: auto; text-align: right; }
    .pager-label { color: var(--muted); font-size: 0.8rem; }

    /* In-page table of contents */
    .page-toc {
      font-family: var(--ui-font);
      font-size: 0.9rem;
      line-height: 1.4;
      border: 1px solid var(--rule);
      border-radius: 0.5rem;
      padding: 0.75rem 1rem;
      margin: 0 0 2rem;
    }
    .page-toc-title { font-weight: 600; margin: 0 0 0.4rem; color: var(--muted); text-transform: uppercase; font-size: 0.75rem; letter-spacing: 0.06em; }
    .page-toc ul { list-style: none; margin: 0; padding-left: 0; }
    .page-toc ul ul { padding-left: 1rem; }
    .page-toc li { margin: 0.15rem 0; }
    .page-toc a { text-decoration: none; }
    .page-toc a:visited { color: var(--link); }

    @media (min-width: 84rem) {
      .layout { grid-template-columns: 17rem minmax(0, 1fr); }
      .content > .chapter { max-width: calc(var(--measure) + 19rem); }
      .chapter { display: grid; grid-template-columns: minmax(0, var(--measure)) 16rem; column-gap: 3rem; }
      .chapter > .chapter-header, .chapter > .chapter-body { grid-column: 1; }
      .chapter > .page-toc {
        grid-column: 2;
        grid-row: 1 / span 2;
        align-self: start;
        position: sticky;
        top: 1.5rem;
        max-height: calc(100vh - 3rem);
        overflow-y: auto;
        border: 0;
        border-left: 1px solid var(--rule);
        border-radius: 0;
      }
    }

    /* Search (assets/search.js) */
    .search { margin: 0 0 1rem; font-family: var(--ui-font); }
    .search-input {
      width: 100%;
      font: inherit;
      font-size: 0.9rem;
      padding: 0.4rem 0.6rem;
      border: 1px solid var(--rule);
      border-radius: 0.35rem;
      background: var(--bg);
      color: var(--fg);
    }
    .search-status { margin: 0.3rem 0 0; font-size: 0.8rem; color: var(--muted); min-height: 0; }
    .search-status:empty { display: none; }
    .search-results { list-style: none; margin: 0.4rem 0 0; padding: 0; max-height: 60vh; overflow-y: auto; font-size: 0.85rem; }
    .search-results a { display: block; padding: 0.4rem 0.5rem; border-radius: 0.3rem; color: var(--fg); text-decoration: none; }
    .search-results a:hover, .search-results a.selected { background: var(--bg); outline: 1px solid var(--rule); }
    .search-where { display: block; font-weight: 600; }
    .search-section { font-weight: 400; }
    .search-snippet { display: block; color: var(--muted); overflow-wrap: anywhere; }
    .search-results mark, mark.search-hit { background: #ffe48a; color: #000; border-radius: 0.15em; }
    .math.search-hit { outline: 2px solid #e6b800; outline-offset: 2px; border-radius: 0.2em; }
    .index .search { max-width: 30rem; }

    /* The sidebar's button on small screens */
    .sidebar-toggle { display: none; }

    @media (max-width: 50rem) {
      .layout { display: block; }
      .sidebar { position: static; height: auto; border-right: 0; border-bottom: 1px solid var(--rule); display: none; }
      body.sidebar-open .sidebar { display: block; }
      .sidebar-toggle {
        display: block;
        width: 100%;
        text-align: left;
        font: inherit;
        font-family: var(--ui-font);
        font-size: 0.95rem;
        padding: 0.6rem 1rem;
        border: 0;
        border-bottom: 1px solid var(--rule);
        background: var(--sidebar-bg);
        color: var(--fg);
        cursor: pointer;
      }
      body { font-size: 1.0625rem; }
      .content { padding: 1.25rem 1rem 2rem; }
      h1 { font-size: 1.6rem; }
      h2 { font-size: 1.3rem; }
      .pager a { max-width: 100%; }
      .pager { flex-direction: column; }
      .pager a.next { margin-left: 0; text-align: left; }
      /* Wide content scrolls inside its own box, never the page. */
      .chapter-body, .chapter-body > * { max-width: 100%; overflow-wrap: break-word; }
      .katex-display { overflow-x: auto; overflow-y: hidden; }
      /* An inline formula wider than the screen cannot wrap: its paragraph scrolls instead. */
      .chapter-body p, .chapter-body li, figcaption { overflow-x: auto; overflow-y: hidden; }
      th, td { padding: 0.3rem 0.45rem; }
    }

    /* Code */
    code, kbd, samp, pre { font-family: var(--mono-font); font-size: 0.88em; }
    :not(pre) > code { background: var(--code-bg); color: var(--code-fg); padding: 0.1em 0.3em; border-radius: 0.25em; }
    pre {
      background: var(--code-bg);
      color: var(--code-fg);
      padding: 0.8rem 1rem;
      border-radius: 0.4rem;
      overflow-x: auto;
      line-height: 1.45;
      tab-size: 4;
    }
    pre code { font-size: inherit; background: none; padding: 0; }
    pre code.hljs { background: transparent; padding: 0; }
    code.notes-value { background: var(--value-bg); font-weight: 600; }

    /* Program output, warnings, errors */
    .notes-output { margin: -0.5rem 0 1rem; }
    .notes-output pre { background: var(--output-bg); border-left: 3px solid var(--output-rule); border-radius: 0 0.4rem 0.4rem 0; }
    .notes-warning, .notes-error {
      border: 1px solid;
      border-left-width: 4px;
      border-radius: 0.4rem;
      padding: 0.6rem 1rem;
      margin: 0 0 1rem;
      font-family: var(--ui-font);
      font-size: 0.9rem;
      overflow-x: auto;
    }
    .notes-warning { background: var(--warning-bg); border-color: var(--warning-rule); color: var(--warning-fg); }
    .notes-error { background: var(--error-bg); border-color: var(--error-rule); color: var(--error-fg); }
    .notes-warning pre, .notes-error pre { background: transparent; color: inherit; padding: 0; margin: 0.3rem 0 0; }
    .notes-warning > :last-child, .notes-error > :last-child { margin-bottom: 0; }

    /* Math */
    .math.display, div.math.display {
      display: block;
      overflow-x: auto;
      overflow-y: hidden;
      margin: 1rem 0;
      padding: 0.1rem 0;
      max-width: 100%;
    }
    .math.display .katex-display { margin: 0.4rem 0; }
    /* Positioned, so KaTeX's hidden MathML (position: absolute) stays inside the formula's
       scrolling box instead of widening the page. */
    .katex { font-size: 1.08em; position: relative; }

    /* Figures */
    figure { margin: 1.5rem 0; }
    figure.notes-figure { color: var(--fg); text-align: center; }
    figure.notes-figure svg, figure.notes-figure img { max-width: 100%; height: auto; display: block; margin: 0 auto; }
    figure.notes-figure svg { color: var(--fg); }
    figcaption { font-family: var(--ui-font); font-size: 0.9rem; color: var(--muted); margin-top: 0.5rem; text-align: left; }
    figcaption a.data-link, a.data-link {
      font-size: 0.8rem;
      margin-left: 0.4em;
      white-space: nowrap;
      border: 1px solid var(--rule);
      border-radius: 0.25rem;
      padding: 0 0.3em;
      text-decoration: none;
    }

    /* Tables */
    .table-wrap { overflow-x: auto; margin: 0 0 1rem; }
    table { border-collapse: collapse; font-size: 0.95rem; line-height: 1.4; margin: 0 0 1rem; }
    .table-wrap > table { margin: 0; }
    th, td { border: 1px solid var(--rule); padding: 0.35rem 0.7rem; vertical-align: top; }
    th { background: var(--table-head); font-family: var(--ui-font); font-weight: 600; }
    tbody tr:nth-child(even) { background: var(--table-stripe); }

    /* Footnotes (cmark-gfm: section.footnotes, sup.footnote-ref, a.footnote-backref) */
    .footnote-ref a, sup a[data-footnote-ref] { text-decoration: none; padding: 0 0.1em; }
    section.footnotes {
      margin-top: 3rem;
      padding-top: 0.75rem;
      border-top: 1px solid var(--rule);
      font-size: 0.9rem;
      color: var(--muted);
    }
    section.footnotes ol { padding-left: 1.5rem; }
    section.footnotes li:target { background: var(--value-bg); }
    .footnote-backref { text-decoration: none; margin-left: 0.25em; }

    /* Task lists */
    ul li input[type="checkbox"] { margin-right: 0.4em; }

    /* Footer */
    .page-footer { margin-top: 3rem; color: var(--muted); font-family: var(--ui-font); font-size: 0.8rem; }
    .page-footer p { margin: 0.2rem 0; }

    /* Index page */
    .course-header { margin-bottom: 2rem; }
    .course-title { font-size: 2.4rem; margin-bottom: 0.4rem; }
    .course-author { color: var(--muted); font-family: var(--ui-font); margin: 0 0 1rem; }
    .course-description { font-size: 1.1rem; }
    .course-toc > h2 { border-bottom: 0; }
    .toc-chapters { list-style: none; padding: 0; margin: 0; }
    .toc-chapter { padding: 1rem 0; border-top: 1px solid var(--rule); }
    .toc-chapter-title { font-family: var(--ui-font); font-size: 1.2rem; font-weight: 600; text-decoration: none; }
    .toc-abstract { margin: 0.3rem 0 0.4rem; color: var(--muted); }
    .toc-sections { list-style: none; padding-left: 1rem; margin: 0.3rem 0 0; font-size: 0.95rem; }
    .toc-sections ul { list-style: none; padding-left: 1.2rem; margin: 0; }
    .toc-sections a { text-decoration: none; }

    /* Callouts (> [!NOTE] …) and lecture environments (> [!THEOREM] …); folded code; citations. */
    .callout {
      --callout-color: var(--accent);
      margin: 1.2rem 0; padding: 0.6rem 1rem; border-left: 4px solid var(--callout-color);
      border-radius: 0 6px 6px 0; background: color-mix(in srgb, var(--callout-color) 7%, var(--bg));
    }
    .callout > :last-child { margin-bottom: 0; }
    .callout-title { margin: 0 0 0.4rem; font-family: var(--ui-font); }
    .callout-label { font-weight: 700; color: var(--callout-color); }
    .callout-icon::before { display: inline-block; width: 1.3em; font-weight: 700; color: var(--callout-color); }
    .callout-note { --callout-color: #2f6fbf; }
    .callout-note .callout-icon::before { content: "ℹ"; }
    .callout-tip { --callout-color: #2e8540; }
    .callout-tip .callout-icon::before { content: "✓"; }
    .callout-important { --callout-color: #7c4dbe; }
    .callout-important .callout-icon::before { content: "!"; }
    .callout-warning { --callout-color: #b7791f; }
    .callout-warning .callout-icon::before { content: "⚠"; }
    .callout-caution { --callout-color: #c62828; }
    .callout-caution .callout-icon::before { content: "⛔"; }
    .callout-definition, .callout-theorem, .callout-lemma, .callout-proposition, .callout-corollary,
    .callout-example, .callout-exercise, .callout-remark, .callout-proof, .callout-solution {
      --callout-color: var(--muted); background: transparent; border-radius: 0;
    }
    .callout-theorem, .callout-lemma, .callout-proposition, .callout-corollary { font-style: italic; }
    .callout-theorem .callout-title, .callout-lemma .callout-title, .callout-proposition .callout-title,
    .callout-corollary .callout-title { font-style: normal; }
    .callout-exercise { --callout-color: var(--accent); }
    .callout-name { font-weight: 400; color: var(--muted); }
    details.callout > summary, details.code-fold > summary {
      cursor: pointer; font-family: var(--ui-font); color: var(--muted); margin-bottom: 0.4rem;
    }
    details.callout:not([open]) > summary { margin-bottom: 0; }
    details.code-fold { margin: 0.6rem 0; }
    .references.bibliography .cited-in { color: var(--muted); font-size: 0.9em; }
    @media (prefers-color-scheme: dark) {
      .callout-note { --callout-color: #7fb0ff; }
      .callout-tip { --callout-color: #6fcf7f; }
      .callout-important { --callout-color: #b99cf0; }
      .callout-warning { --callout-color: #e0b050; }
      .callout-caution { --callout-color: #ff8a80; }
    }

    /* Print: no navigation, black on white, nothing split across pages that should not be. */
    @media print {
      :root {
        --bg: #fff; --fg: #000; --muted: #333; --rule: #999; --link: #000; --link-visited: #000;
        --code-bg: #f4f4f4; --code-fg: #000; --table-stripe: #fff; --table-head: #eee;
        --output-bg: #fff; --output-rule: #999; --warning-bg: #fff; --warning-fg: #000;
        --error-bg: #fff; --error-fg: #000; --value-bg: #fff; --sidebar-bg: #fff;
        color-scheme: light;
      }
      body { font-size: 11pt; line-height: 1.45; background: #fff; color: #000; }
      .sidebar, .pager, .page-toc, .anchor, .skip-link { display: none !important; }
      .layout { display: block; }
      .content { padding: 0; }
      .content > *, .chapter > *, .chapter-body > * { max-width: none; }
      .chapter { display: block; }
      a, a:visited { color: #000; text-decoration: none; }
      .chapter-body a[href^="http"]::after { content: " (" attr(href) ")"; font-size: 0.85em; word-break: break-all; }
      figure, pre, table, .math.display, .notes-output, .notes-warning, .notes-error { break-inside: avoid; page-break-inside: avoid; }
      h1, h2, h3, h4, h5, h6 { break-after: avoid; page-break-after: avoid; }
      pre, .math.display, .table-wrap { overflow: visible; white-space: pre-wrap; }
      .math.display { white-space: normal; }
      .sidebar-toggle, .search, .data-link { display: none !important; }
      mark.search-hit { background: none; }
      .math.search-hit { outline: 0; }
      /* The print edition: a cover, the contents, then each chapter on a new page. */
      .print-cover { margin-top: 30vh; }
      .print-toc, .print-chapter { break-before: page; page-break-before: always; }
      .print-toc a::after { content: none; }
      section.footnotes { break-inside: avoid; }
      .callout { --callout-color: #000 !important; background: #fff; break-inside: avoid; page-break-inside: avoid; }
    }

    /* print.html is black on white on screen too, whatever the system's colours. */
    html.print-edition {
      --bg: #fff; --fg: #111; --muted: #444; --rule: #bbb; --link: #1f5fae; --link-visited: #1f5fae;
      --sidebar-bg: #fff; --code-bg: #f4f4f4; --code-fg: #111; --table-stripe: #fafafa; --table-head: #eee;
      --output-bg: #f7f7f7; --output-rule: #999; --warning-bg: #fff6df; --warning-fg: #5c4100;
      --error-bg: #fdecec; --error-fg: #7a1010; --value-bg: #eef3fa;
      color-scheme: light;
    }
    .print .print-chapter { max-width: var(--measure); margin: 0 auto 4rem; }
    .print.content { max-width: calc(var(--measure) + 6rem); margin: 0 auto; }

    """#
}
