/// `assets/search.js`: the search box of every page, over ``SearchIndex`` (the global
/// `window.notesSearchIndex` that `assets/search-index.js` assigns). No network.
///
/// A query is split at white space; a section matches when every term occurs in it (a
/// case-insensitive substring, so TeX such as `\chi_\perp` is found as written). Score per
/// term: the chapter title 10 (the top of its chapter; 0.5 for its other sections), the
/// heading 6, captions 3, prose 1 plus 0.2 per further occurrence (at most 5), each ×1.5 when
/// the match starts a word. Ties keep book order. Results show chapter › section and a snippet
/// with the terms marked; Enter or a click opens `page.html?q=…#section`, where the first match
/// in that section is marked (`mark.search-hit`) and scrolled to. `/` or `s` focuses the box.
public enum SearchClient {
  public static let script = #"""
    /* notes: full-text search over assets/search-index.js (no network). */
    (function () {
      "use strict";
      var MAX_RESULTS = 20;
      var prepared = null;

      function prepare() {
        if (prepared) return prepared;
        var index = window.notesSearchIndex;
        if (!index) return null;
        prepared = [];
        index.pages.forEach(function (page, p) {
          page.sections.forEach(function (section, s) {
            prepared.push({
              page: page, section: section, order: prepared.length, top: s === 0,
              title: page.title.toLowerCase(), heading: section.heading.toLowerCase(),
              captions: section.captions.toLowerCase(), text: section.text.toLowerCase()
            });
          });
        });
        return prepared;
      }

      function terms(query) {
        return query.toLowerCase().split(/\s+/).filter(function (t) { return t.length > 0; });
      }

      function isWordStart(text, at) {
        if (at === 0) return true;
        return !/[0-9a-z\u00c0-\uffff]/.test(text.charAt(at - 1));
      }

      function fieldScore(text, term, weight, repeats) {
        var at = text.indexOf(term);
        if (at < 0) return 0;
        var score = weight * (isWordStart(text, at) ? 1.5 : 1);
        if (repeats) {
          var count = 0;
          var from = at + term.length;
          while (count < 5) {
            var next = text.indexOf(term, from);
            if (next < 0) break;
            count++;
            from = next + term.length;
          }
          score += 0.2 * count;
        }
        return score;
      }

      /** The ranked matches of `query`: [{entry, score}], best first, at most MAX_RESULTS. */
      function search(query) {
        var entries = prepare();
        var ts = terms(query);
        if (!entries || ts.length === 0) return [];
        var results = [];
        for (var i = 0; i < entries.length; i++) {
          var e = entries[i];
          var total = 0;
          var all = true;
          for (var k = 0; k < ts.length; k++) {
            var t = ts[k];
            var s = fieldScore(e.title, t, e.top ? 10 : 0.5, false) + fieldScore(e.heading, t, 6, false)
              + fieldScore(e.captions, t, 3, false) + fieldScore(e.text, t, 1, true);
            if (s === 0) { all = false; break; }
            total += s;
          }
          if (all) results.push({ entry: e, score: total });
        }
        results.sort(function (a, b) { return b.score - a.score || a.entry.order - b.entry.order; });
        return results.slice(0, MAX_RESULTS);
      }

      /** Appends `text` to `parent`, every occurrence of a term wrapped in <mark>. */
      function appendMarked(parent, text, ts) {
        var lower = text.toLowerCase();
        var pos = 0;
        while (pos < text.length) {
          var best = -1, length = 0;
          for (var k = 0; k < ts.length; k++) {
            var at = lower.indexOf(ts[k], pos);
            if (at >= 0 && (best < 0 || at < best || (at === best && ts[k].length > length))) {
              best = at;
              length = ts[k].length;
            }
          }
          if (best < 0) break;
          if (best > pos) parent.appendChild(document.createTextNode(text.slice(pos, best)));
          var mark = document.createElement("mark");
          mark.textContent = text.slice(best, best + length);
          parent.appendChild(mark);
          pos = best + length;
        }
        if (pos < text.length) parent.appendChild(document.createTextNode(text.slice(pos)));
      }

      /** About 160 characters of the section around the first term found in it. */
      function snippet(entry, ts) {
        var fields = [entry.section.text, entry.section.captions, entry.section.heading];
        for (var f = 0; f < fields.length; f++) {
          var original = fields[f];
          var lower = original.toLowerCase();
          for (var k = 0; k < ts.length; k++) {
            var at = lower.indexOf(ts[k]);
            if (at < 0) continue;
            var start = Math.max(0, at - 60);
            var end = Math.min(original.length, at + ts[k].length + 100);
            return (start > 0 ? "… " : "") + original.slice(start, end).replace(/\s+/g, " ")
              + (end < original.length ? " …" : "");
          }
        }
        return entry.section.text.slice(0, 160).replace(/\s+/g, " ");
      }

      function resultHref(entry, query) {
        var href = entry.page.href + "?q=" + encodeURIComponent(query);
        return entry.section.anchor ? href + "#" + encodeURIComponent(entry.section.anchor) : href;
      }

      function render(list, status, query) {
        var started = performance.now();
        var ts = terms(query);
        var results = search(query);
        list.textContent = "";
        results.forEach(function (result, i) {
          var e = result.entry;
          var li = document.createElement("li");
          var a = document.createElement("a");
          a.href = resultHref(e, query);
          if (i === 0) a.className = "selected";
          var where = document.createElement("span");
          where.className = "search-where";
          var chapter = document.createElement("span");
          chapter.className = "search-chapter";
          appendMarked(chapter, e.page.title, ts);
          where.appendChild(chapter);
          if (e.section.heading) {
            where.appendChild(document.createTextNode(" › "));
            var section = document.createElement("span");
            section.className = "search-section";
            appendMarked(section, e.section.heading, ts);
            where.appendChild(section);
          }
          a.appendChild(where);
          var text = document.createElement("span");
          text.className = "search-snippet";
          appendMarked(text, snippet(e, ts), ts);
          a.appendChild(text);
          li.appendChild(a);
          list.appendChild(li);
        });
        list.hidden = ts.length === 0;
        var ms = performance.now() - started;
        list.setAttribute("data-ms", ms.toFixed(1));
        if (status) {
          status.textContent = ts.length === 0 ? ""
            : results.length === 0 ? "No results" : results.length === 1 ? "1 result" : results.length + " results";
        }
      }

      function move(list, step) {
        var links = list.querySelectorAll("a");
        if (links.length === 0) return;
        var current = 0;
        for (var i = 0; i < links.length; i++) if (links[i].classList.contains("selected")) current = i;
        links[current].classList.remove("selected");
        var next = Math.max(0, Math.min(links.length - 1, current + step));
        links[next].classList.add("selected");
        links[next].scrollIntoView({ block: "nearest" });
      }

      function setUp() {
        var input = document.getElementById("notes-search");
        var list = document.getElementById("notes-search-results");
        var status = document.getElementById("notes-search-status");
        if (!input || !list) return;
        input.addEventListener("input", function () { render(list, status, input.value); });
        input.addEventListener("keydown", function (event) {
          if (event.key === "ArrowDown") { move(list, 1); event.preventDefault(); }
          else if (event.key === "ArrowUp") { move(list, -1); event.preventDefault(); }
          else if (event.key === "Enter") {
            var chosen = list.querySelector("a.selected") || list.querySelector("a");
            if (chosen) { window.location.href = chosen.href; event.preventDefault(); }
          } else if (event.key === "Escape") {
            input.value = "";
            render(list, status, "");
            input.blur();
          }
        });
        document.addEventListener("keydown", function (event) {
          if (event.ctrlKey || event.metaKey || event.altKey) return;
          var target = event.target;
          var typing = target && (target.isContentEditable || /^(INPUT|TEXTAREA|SELECT)$/.test(target.tagName));
          if (!typing && (event.key === "/" || event.key === "s")) {
            event.preventDefault();
            document.body.classList.add("sidebar-open");
            input.focus();
            input.select();
          }
        });
      }

      /** The elements of the section that starts at `start` (a heading): up to the next heading
       * of the same or a higher level. */
      function sectionElements(start) {
        var level = /^H([1-6])$/.exec(start.tagName);
        if (!level) return [start];
        var elements = [start];
        for (var el = start.nextElementSibling; el; el = el.nextElementSibling) {
          var other = /^H([1-6])$/.exec(el.tagName);
          if (other && other[1] <= level[1]) break;
          elements.push(el);
        }
        return elements;
      }

      function texOf(math) {
        var annotation = math.querySelector("annotation");
        return (annotation ? annotation.textContent : math.textContent).toLowerCase();
      }

      /** Marks the first occurrence of a term in `elements` (text, or a formula's TeX). */
      function markFirst(elements, ts) {
        for (var i = 0; i < elements.length; i++) {
          var walker = document.createTreeWalker(elements[i], NodeFilter.SHOW_TEXT | NodeFilter.SHOW_ELEMENT, null);
          for (var node = walker.currentNode; node; node = walker.nextNode()) {
            if (node.nodeType === 1) {
              if (node.classList.contains("math")) {
                var tex = texOf(node);
                if (ts.some(function (t) { return tex.indexOf(t) >= 0; })) {
                  node.classList.add("search-hit");
                  return node;
                }
              }
              continue;
            }
            if (node.parentElement && node.parentElement.closest(".math, script, style")) continue;
            var lower = node.nodeValue.toLowerCase();
            for (var k = 0; k < ts.length; k++) {
              var at = lower.indexOf(ts[k]);
              if (at < 0) continue;
              var hit = node.splitText(at);
              hit.splitText(ts[k].length);
              var mark = document.createElement("mark");
              mark.className = "search-hit";
              hit.parentNode.replaceChild(mark, hit);
              mark.appendChild(hit);
              return mark;
            }
          }
        }
        return null;
      }

      /** On a page opened from a result (`?q=…#section`): mark the match and scroll to it. */
      function highlightArrival() {
        var match = /[?&]q=([^&#]*)/.exec(window.location.search);
        if (!match) return;
        var query;
        try { query = decodeURIComponent(match[1].replace(/\+/g, " ")); } catch (e) { return; }
        var ts = terms(query);
        if (ts.length === 0) return;
        var input = document.getElementById("notes-search");
        if (input) input.value = query;
        var body = document.querySelector(".chapter") || document.body;
        var id = window.location.hash ? decodeURIComponent(window.location.hash.slice(1)) : "";
        var start = id ? document.getElementById(id) : null;
        var hit = (start && markFirst(sectionElements(start), ts)) || markFirst([body], ts);
        if (hit) hit.scrollIntoView({ block: "center" });
      }

      function run() {
        setUp();
        highlightArrival();
      }
      window.notesSearch = search;
      if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", run);
      else run();
    })();

    """#
}
