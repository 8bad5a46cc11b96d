/// Nests a chapter's flat heading list for the tables of contents: each level-2 heading
/// owns the level-3 (and deeper) headings after it; deeper headings that come before any
/// level-2 heading stay at the top level.
enum SectionTree {
  /// Mustache context: `[{anchor, titleHTML, hasChildren, children: [{anchor, titleHTML}]}]`.
  /// Every key is always present, so lookups never fall through to an outer context.
  static func context(for sections: [SectionHeading]) -> [[String: Any]] {
    var top: [(heading: SectionHeading, children: [SectionHeading])] = []
    for heading in sections {
      if heading.level > 2, !top.isEmpty {
        top[top.count - 1].children.append(heading)
      } else {
        top.append((heading, []))
      }
    }
    return top.map { entry in
      [
        "anchor": entry.heading.anchor,
        "titleHTML": entry.heading.titleHTML,
        "level": entry.heading.level,
        "hasChildren": !entry.children.isEmpty,
        "children": entry.children.map { child -> [String: Any] in
          [
            "anchor": child.anchor, "titleHTML": child.titleHTML, "level": child.level,
            "hasChildren": false, "children": [[String: Any]](),
          ]
        },
      ]
    }
  }
}
