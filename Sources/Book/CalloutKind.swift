import Markdown

/// The kinds of callout a chapter may write as `> [!KIND]` (case-insensitive): GitHub's five
/// alerts, the numbered lecture environments (Quarto's label prefixes), and unnumbered ones.
enum CalloutKind: String, CaseIterable, Sendable, Hashable {
  case note, tip, important, warning, caution
  case definition, theorem, lemma, proposition, corollary, example, exercise
  case remark, proof, solution

  /// "Note", "Theorem".
  var name: String { rawValue.prefix(1).uppercased() + rawValue.dropFirst() }
  var plural: String { name + "s" }

  /// GitHub's alerts: a box with an icon and the kind's name.
  var isAlert: Bool { [.note, .tip, .important, .warning, .caution].contains(self) }

  /// The label prefix of a numbered, referable environment (Quarto's); nil for the others.
  var prefix: String? {
    switch self {
    case .definition: return "def-"
    case .theorem: return "thm-"
    case .lemma: return "lem-"
    case .proposition: return "prp-"
    case .corollary: return "cor-"
    case .example: return "exm-"
    case .exercise: return "exr-"
    default: return nil
    }
  }

  /// The kind written `[!kind]`, any case; nil for an unknown one.
  init?(marker kind: String) { self.init(rawValue: kind.lowercased()) }

  static var known: String { allCases.map { $0.rawValue.uppercased() }.joined(separator: ", ") }

  /// How a callout of this kind renders: `number` is "3.1" for a numbered environment,
  /// `exercise` "3.1" for a solution (the exercise it follows).
  func frame(label: String?, number: String?, exercise: String?) -> Document.CalloutFrame {
    let id = label.map { " id=\"\(HTMLEscaping.escape($0))\"" } ?? ""
    let css = "callout callout-\(rawValue)"
    let heading = [name, number].compactMap { $0 }.joined(separator: " ")
    if self == .solution {
      let text = "Solution" + (exercise.map { " to Exercise \($0)" } ?? "")
      return Document.CalloutFrame(
        open: "<details class=\"\(css)\"\(id)>",
        titleOpen: "<summary><span class=\"callout-label\">\(HTMLEscaping.escape(text))</span>",
        nameOpen: " <span class=\"callout-name\">(", nameClose: ")</span>", titleClose: "</summary>",
        close: "</details>")
    }
    if isAlert {
      // role="note": a remark beside the text; the visible label names its kind.
      return Document.CalloutFrame(
        open: "<div class=\"\(css)\"\(id) role=\"note\">",
        titleOpen: "<p class=\"callout-title\"><span class=\"callout-icon\" aria-hidden=\"true\"></span>"
          + "<span class=\"callout-label\">\(name)</span>",
        nameOpen: " <span class=\"callout-name\">", nameClose: "</span>", titleClose: "</p>", close: "</div>")
    }
    return Document.CalloutFrame(
      open: "<div class=\"\(css)\"\(id) role=\"group\" aria-label=\"\(HTMLEscaping.escape(heading))\">",
      titleOpen:
        "<p class=\"callout-title\"><span class=\"callout-label\">\(HTMLEscaping.escape(heading))</span>",
      nameOpen: " <span class=\"callout-name\">(", nameClose: ")</span>", titleClose: "</p>", close: "</div>")
  }
}
