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
