/// `assets/notes.js`: typesets math with KaTeX and highlights Swift listings with
/// highlight.js once the page is parsed (keeping the links from names to the API reference),
/// and opens the sidebar on small screens. Each part runs only if its library loaded.
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
      /* Links from a listing's names to the API reference (a.api-link): highlight.js
         re-tokenizes the text, so they are noted by character offset, the block is highlighted
         as plain text, and each link is wrapped again around its characters. */
      function takeLinks(block) {
        var links = [], offset = 0;
        var walker = document.createTreeWalker(block, NodeFilter.SHOW_TEXT);
        for (var node = walker.nextNode(); node; node = walker.nextNode()) {
          var a = node.parentNode;
          if (a.nodeName === "A" && a.classList.contains("api-link")) {
            links.push({ start: offset, end: offset + node.data.length, href: a.getAttribute("href"),
              title: a.getAttribute("title"), cls: a.className });
          }
          offset += node.data.length;
        }
        if (links.length) block.textContent = block.textContent;
        return links;
      }
      function putLinks(block, links) {
        var k = 0, offset = 0;
        var walker = document.createTreeWalker(block, NodeFilter.SHOW_TEXT);
        var texts = [];
        for (var node = walker.nextNode(); node; node = walker.nextNode()) texts.push(node);
        for (var i = 0; i < texts.length && k < links.length; i++) {
          var text = texts[i], start = offset, end = offset + text.data.length;
          offset = end;
          while (k < links.length && links[k].end <= end) {
            var link = links[k++];
            if (link.start < start) continue; /* spans two tokens: left as text */
            var middle = text.splitText(link.start - start);
            var after = middle.splitText(link.end - link.start);
            var a = document.createElement("a");
            a.className = link.cls;
            a.setAttribute("href", link.href);
            if (link.title) a.setAttribute("title", link.title);
            middle.parentNode.replaceChild(a, middle);
            a.appendChild(middle);
            text = after;
            start = link.end;
          }
        }
      }
      function highlightCode() {
        var hljs = window.hljs;
        if (!hljs) return;
        var blocks = document.querySelectorAll("pre code.language-swift");
        for (var i = 0; i < blocks.length; i++) {
          var links = takeLinks(blocks[i]);
          if (typeof hljs.highlightElement === "function") hljs.highlightElement(blocks[i]);
          else hljs.highlightBlock(blocks[i]);
          if (links.length) putLinks(blocks[i], links);
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
