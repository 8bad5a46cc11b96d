import Foundation

/// The small script the preview server adds to every HTML page it sends (`notes build` never
/// writes it): it listens on `/_notes/events`, updates the page in place when its file
/// changed (keeping the scroll position), reloads it (restoring the scroll position) when a
/// stylesheet or script changed, and shows errors and progress in a banner.
enum LiveScript {
  /// Path of the Server-Sent Events stream.
  static let eventsPath = "/_notes/events"

  /// `html` with the state and the script inserted before `</body>` (or appended).
  static func inject(into html: Data, state: PreviewState) -> Data {
    let tag = Data(
      "<script id=\"notes-preview-state\" type=\"application/json\">\(state.json())</script>\n<script>\(text)</script>\n"
        .utf8)
    if let range = html.range(of: Data("</body>".utf8), options: .backwards) {
      var result = html
      result.replaceSubrange(range.lowerBound..<range.lowerBound, with: tag)
      return result
    }
    return html + tag
  }

  static let text = #"""
    (function () {
      "use strict";
      var KEY = "notes-preview-scroll:" + location.pathname;
      var saved = sessionStorage.getItem(KEY);
      if (saved !== null) {
        sessionStorage.removeItem(KEY);
        var y = +saved;
        window.addEventListener("load", function () { window.scrollTo(0, y); });
        window.scrollTo(0, y);
      }
      var initial = JSON.parse(document.getElementById("notes-preview-state").textContent);
      var version = initial.version;
      window.__notesPreview = { state: initial, updates: 0 };

      function pagePath() {
        var p = location.pathname.replace(/^\/+/, "");
        if (p === "" || p.charAt(p.length - 1) === "/") p += "index.html";
        return decodeURIComponent(p);
      }
      function el(tag, cls, text) {
        var e = document.createElement(tag);
        if (cls) e.className = cls;
        if (text !== undefined) e.textContent = text;
        return e;
      }
      function banner() {
        var b = document.getElementById("notes-preview-banner");
        if (!b) {
          b = el("div");
          b.id = "notes-preview-banner";
          b.setAttribute("role", "status");
          b.style.cssText = "position:fixed;left:0;right:0;bottom:0;z-index:2147483647;max-height:45vh;" +
            "overflow:auto;font:13px/1.4 ui-monospace,monospace;padding:0;margin:0;box-shadow:0 -2px 8px rgba(0,0,0,.3)";
        }
        if (b.parentNode !== document.body) document.body.appendChild(b);
        return b;
      }
      function show(state) {
        window.__notesPreview.state = state;
        var errors = state.problems.filter(function (p) { return p.severity === "error"; });
        var b = banner();
        b.textContent = "";
        if (errors.length) {
          var box = el("div", "notes-preview-errors");
          box.style.cssText = "background:#5c0b0b;color:#fff;padding:8px 12px;white-space:pre-wrap";
          box.appendChild(el("strong", null, "notes: the build failed; this is the last good page.\n"));
          errors.forEach(function (p) {
            var line = el("div", "notes-preview-error");
            line.appendChild(el("span", "location", p.location + ": "));
            line.appendChild(el("span", "message", p.message));
            box.appendChild(line);
          });
          b.appendChild(box);
        }
        if (state.building) {
          var run = el("div", "notes-preview-progress");
          run.style.cssText = "background:#123;color:#fff;padding:4px 12px";
          var parts = state.running.map(function (r) {
            var t = "running " + r.chapter + ", " + r.seconds + " s";
            if (r.fraction !== null && r.fraction !== undefined) t += " (" + Math.round(r.fraction * 100) + "%)";
            return t;
          });
          if (state.buildingLibraries) parts.unshift("building the chapter libraries (release)");
          run.textContent = parts.length ? parts.join(" · ") : "rebuilding…";
          b.appendChild(run);
        }
        b.style.display = b.childNodes.length ? "block" : "none";
      }
      // The page's own scripts (typesetting, highlighting) run again on the new body; the
      // copies that do it are marked so that they do not count as a change of the head.
      function rerunPageScripts() {
        Array.prototype.forEach.call(document.querySelectorAll("script[data-notes-preview]"), function (s) { s.remove(); });
        var scripts = document.querySelectorAll("head script[src]");
        for (var i = 0; i < scripts.length; i++) {
          if (!/notes\.js(\?|$)/.test(scripts[i].getAttribute("src"))) continue;
          var s = document.createElement("script");
          s.src = scripts[i].src;
          s.setAttribute("data-notes-preview", "");
          document.head.appendChild(s);
        }
      }
      function refreshSearchIndex() {
        var current = document.querySelector("head script[src*='search-index.js']:not([data-notes-preview])");
        if (!current) return;
        Array.prototype.forEach.call(document.querySelectorAll("script[data-notes-search]"), function (s) { s.remove(); });
        var s = document.createElement("script");
        s.src = current.src;
        s.setAttribute("data-notes-preview", "");
        s.setAttribute("data-notes-search", "");
        document.head.appendChild(s);
      }
      function headOf(root) {
        return Array.prototype.filter.call(root.querySelectorAll("link,script"), function (e) {
          return !e.hasAttribute("data-notes-preview");
        }).map(function (e) { return e.outerHTML; }).join("\n");
      }
      function updateInPlace(state) {
        var y = window.scrollY;
        fetch(location.pathname, { cache: "no-store" }).then(function (r) { return r.text(); }).then(function (html) {
          var doc = new DOMParser().parseFromString(html, "text/html");
          if (headOf(document.head) !== headOf(doc.head)) { reload(); return; }
          document.title = doc.title;
          var keep = document.getElementById("notes-preview-banner");
          var fresh = doc.body;
          Array.prototype.forEach.call(fresh.querySelectorAll("script"), function (s) { s.remove(); });
          document.body.replaceChildren.apply(document.body, Array.prototype.slice.call(fresh.childNodes));
          for (var i = 0; i < fresh.attributes.length; i++) document.body.setAttribute(fresh.attributes[i].name, fresh.attributes[i].value);
          if (keep) document.body.appendChild(keep);
          rerunPageScripts();
          window.scrollTo(0, y);
          window.__notesPreview.updates += 1;
          show(state);
        }, function () { reload(); });
      }
      function reload() {
        sessionStorage.setItem(KEY, String(window.scrollY));
        location.reload();
      }
      show(initial);
      var source = new EventSource("/_notes/events");
      source.addEventListener("state", function (e) {
        var state = JSON.parse(e.data);
        var mine = pagePath();
        if (state.version !== version) {
          var old = version;
          version = state.version;
          var changed = state.changed || [];
          if (state.version !== old + 1 && old !== undefined) { updateInPlace(state); return; }
          // The search index changes with the prose: load it again; other assets need a reload.
          if (changed.some(function (p) { return /\.(css|js)$/.test(p) && !/search-index\.js$/.test(p); })) { reload(); return; }
          if (changed.some(function (p) { return /search-index\.js$/.test(p); })) refreshSearchIndex();
          if (changed.indexOf(mine) >= 0) { updateInPlace(state); return; }
        }
        show(state);
      });
    })();
    """#
}
