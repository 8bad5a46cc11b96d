import Markdown
import Site

/// The API reference as site pages: one per module (`reference-<Module>.html`), listing its
/// public symbols with declarations and doc comments. Doc comments are Markdown with `$…$`
/// math, rendered by the chapters' pipeline (``Document``), so their formulas typeset alike.
public enum ReferencePages {
  /// The page file name (without `.html`) of `module`.
  public static func slug(of module: String) -> String { "reference-\(module)" }

  /// The address of an entry, from any page of the site (all pages sit side by side).
  public static func href(_ entry: APIReference.Entry) -> String {
    "\(slug(of: entry.module)).html#\(entry.anchor)"
  }

  /// One page per module, in the reference's order.
  public static func pages(_ reference: APIReference) -> [ChapterPage] {
    reference.modules.map { page($0, reference: reference) }
  }

  static func page(_ module: APIReference.Module, reference: APIReference) -> ChapterPage {
    var body = ""
    var sections: [SectionHeading] = []
    var hasMath = false
    var hasCode = false
    func markdown(_ text: String) -> String {
      let document = Document(parsing: text)
      for node in document.nodes {
        if case .math = node.kind { hasMath = true }
        if case .codeBlock = node.kind { hasCode = true }
      }
      return document.render(.plain).html
    }
    let documented = module.symbolCount - module.undocumented.count
    body +=
      "<p class=\"api-module-summary\">The public API of the module <code>\(HTMLEscaping.escape(module.name))</code>: "
      + "\(module.symbolCount) symbols, \(documented) with a doc comment.</p>\n"

    // Entries: a heading per top-level group, a section per top-level symbol with its members
    // under headings of their own groups.
    func entryHTML(_ usr: String, level: Int) -> String {
      let entry = reference.entries[usr]!
      let group = APIReference.group(of: entry.kind).title
      var html = "<section class=\"api-entry\" id=\"\(HTMLEscaping.escape(entry.anchor))\">\n"
      html +=
        "<h\(level) class=\"api-title\"><code>\(HTMLEscaping.escape(entry.path.joined(separator: ".")))</code>"
        + " <span class=\"api-kind\">\(HTMLEscaping.escape(singular(group)))</span></h\(level)>\n"
      html +=
        "<pre class=\"api-declaration\"><code>\(declarationHTML(entry, reference: reference))</code></pre>\n"
      if entry.doc == nil, let inherited = entry.inheritedDoc {
        // Another module's words (e.g. Swift's `description`): its summary only.
        html += "<div class=\"api-summary\">\(markdown(inherited.summary))</div>\n"
        html += "<p class=\"api-inherited\">Documentation inherited from the protocol it implements.</p>\n"
      } else if let doc = entry.doc {
        if !doc.summary.isEmpty { html += "<div class=\"api-summary\">\(markdown(doc.summary))</div>\n" }
        if !doc.discussion.isEmpty {
          html += "<div class=\"api-discussion\">\(markdown(doc.discussion))</div>\n"
        }
        if !doc.parameters.isEmpty {
          html +=
            "<h\(level + 1) class=\"api-section\">Parameters</h\(level + 1)>\n<dl class=\"api-parameters\">\n"
          for (name, text) in doc.parameters {
            html += "<dt><code>\(HTMLEscaping.escape(name))</code></dt><dd>\(markdown(text))</dd>\n"
          }
          html += "</dl>\n"
        }
        if let returns = doc.returns {
          html += "<h\(level + 1) class=\"api-section\">Return Value</h\(level + 1)>\n\(markdown(returns))\n"
        }
        if let throwsText = doc.throwsText {
          html += "<h\(level + 1) class=\"api-section\">Throws</h\(level + 1)>\n\(markdown(throwsText))\n"
        }
      } else {
        html += "<p class=\"api-undocumented\">No doc comment.</p>\n"
      }
      var currentGroup = ""
      if !entry.members.isEmpty { html += "<div class=\"api-members\">\n" }
      for member in entry.members {
        let title = APIReference.group(of: reference.entries[member]!.kind).title
        if title != currentGroup {
          html +=
            "<h\(min(level + 1, 6)) class=\"api-group\">\(HTMLEscaping.escape(title))</h\(min(level + 1, 6))>\n"
          currentGroup = title
        }
        html += entryHTML(member, level: min(level + 2, 6))
      }
      if !entry.members.isEmpty { html += "</div>\n" }
      return html + "</section>\n"
    }
    var currentGroup = ""
    for usr in module.topLevel {
      let entry = reference.entries[usr]!
      let title = APIReference.group(of: entry.kind).title
      if title != currentGroup {
        let anchor = "topic-" + APIReference.anchor(for: [title.replacingOccurrences(of: " ", with: "-")])
        body += "<h2 class=\"api-group\" id=\"\(anchor)\">\(HTMLEscaping.escape(title))</h2>\n"
        sections.append(SectionHeading(level: 2, titleHTML: HTMLEscaping.escape(title), anchor: anchor))
        currentGroup = title
      }
      if !entry.members.isEmpty {
        sections.append(
          SectionHeading(
            level: 3, titleHTML: "<code>\(HTMLEscaping.escape(entry.title))</code>", anchor: entry.anchor))
      }
      body += entryHTML(usr, level: 3)
    }
    if !module.undocumented.isEmpty {
      body += "<h2 id=\"undocumented\">Without a doc comment</h2>\n<ul class=\"api-undocumented-list\">\n"
      for usr in module.undocumented {
        let entry = reference.entries[usr]!
        body +=
          "<li><a href=\"#\(HTMLEscaping.escape(entry.anchor))\"><code>"
          + "\(HTMLEscaping.escape(entry.path.joined(separator: ".")))</code></a></li>\n"
      }
      body += "</ul>\n"
      sections.append(SectionHeading(level: 2, titleHTML: "Without a doc comment", anchor: "undocumented"))
    }
    return ChapterPage(
      slug: slug(of: module.name), sourcePath: "the symbol graph of \(module.name)",
      titleHTML: "<code>\(HTMLEscaping.escape(module.name))</code> API reference",
      titleText: "\(module.name) API reference", sections: sections, bodyHTML: body, hasMath: hasMath,
      hasCode: hasCode)
  }

  /// "Structures" → "Structure", for an entry's kind label.
  static func singular(_ group: String) -> String {
    switch group {
    case "Classes": return "Class"
    case "Properties", "Instance Properties": return "Instance Property"
    case "Type Properties": return "Type Property"
    case "Enumeration Cases": return "Enumeration Case"
    case "Subscripts": return "Subscript"
    case "Type Aliases": return "Type Alias"
    case "Associated Types": return "Associated Type"
    default: return group.hasSuffix("s") ? String(group.dropLast()) : group
    }
  }

  /// The declaration as escaped HTML: keywords and names marked for the stylesheet, and types
  /// of the reference linked to their entries.
  static func declarationHTML(_ entry: APIReference.Entry, reference: APIReference) -> String {
    var html = ""
    for fragment in entry.declaration {
      let text = HTMLEscaping.escape(fragment.spelling)
      switch fragment.kind {
      case "keyword", "attribute":
        html += "<span class=\"api-keyword\">\(text)</span>"
      case "identifier":
        html += "<span class=\"api-identifier\">\(text)</span>"
      case "typeIdentifier":
        if let usr = fragment.preciseIdentifier, let target = reference.entries[usr] {
          html += "<a class=\"api-type\" href=\"\(HTMLEscaping.escape(href(target)))\">\(text)</a>"
        } else {
          html += "<span class=\"api-type\">\(text)</span>"
        }
      default:
        html += text
      }
    }
    return html
  }
}
