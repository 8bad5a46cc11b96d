/// `assets/notes.js`: typesets math with KaTeX and highlights Swift listings with
/// highlight.js once the page is parsed, and opens the sidebar on small screens. Each part
/// runs only if its library loaded.
enum DefaultNotesScript {
  static let text = #"""
    /* notes: typeset math (KaTeX) and highlight Swift listings (highlight.js). */
    (function () {
      "use strict";
      function texOf(el) {
        var tex = el.textContent;
        var m = /^\s*\\\(([\s\S]*)\\\)\s*$/.exec(tex) || /^\s*\\\[([\s\S]*)\\\]\s*$/.exec(tex);
        return m ? m[1] : tex;
      }
      function typesetMath() {
        if (!window.katex) return;
        var nodes = document.querySelectorAll(".math.inline, .math.display");
        for (var i = 0; i < nodes.length; i++) {
          var el = nodes[i];
          var display = el.classList.contains("display");
          try {
            window.katex.render(texOf(el), el, { displayMode: display, throwOnError: false });
          } catch (e) {
            el.classList.add("math-error");
            el.title = String(e);
          }
        }
      }
      function highlightCode() {
        var hljs = window.hljs;
        if (!hljs) return;
        var blocks = document.querySelectorAll("pre code.language-swift");
        for (var i = 0; i < blocks.length; i++) {
          if (typeof hljs.highlightElement === "function") hljs.highlightElement(blocks[i]);
          else hljs.highlightBlock(blocks[i]);
        }
      }
      /* Small screens: the sidebar hides behind the "Contents" button. */
      function sidebarToggle() {
        var button = document.querySelector(".sidebar-toggle");
        if (!button) return;
        button.addEventListener("click", function () {
          var open = document.body.classList.toggle("sidebar-open");
          button.setAttribute("aria-expanded", open ? "true" : "false");
        });
      }
      function run() {
        typesetMath();
        highlightCode();
        sidebarToggle();
      }
      if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", run);
      else run();
    })();

    """#
}
