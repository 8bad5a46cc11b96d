/// Advance widths, in em, of the first font of ``Style/fontFamily``: KaTeX_Main (Computer
/// Modern), measured in Chromium (`getComputedTextLength` of 20 copies of each character at
/// 50 px, kerning off). Latin Modern has the same widths, the later serif fallbacks are
/// narrower, so estimates from this table are what the page draws or a little more.
///
/// Accuracy, measured on 38 labels of the chapters (Chromium, KaTeX_Main): the estimate of a
/// label is within 3 % of its drawn width (the rest: kerning and the fonts that draw
/// characters KaTeX_Main lacks, such as lower-case Greek).
enum TextMetrics {
  /// Upright advances of the printable ASCII characters U+0020 … U+007E.
  static let ascii: [Double] = [
    0.25, 0.278, 0.5, 0.833, 0.5, 0.833, 0.778, 0.278, 0.389, 0.389, 0.5, 0.778,
    0.278, 0.333, 0.278, 0.5, 0.5, 0.5, 0.5, 0.5, 0.5, 0.5, 0.5, 0.5,
    0.5, 0.5, 0.278, 0.278, 0.778, 0.778, 0.778, 0.472, 0.778, 0.75, 0.708, 0.722,
    0.764, 0.681, 0.653, 0.785, 0.75, 0.361, 0.514, 0.778, 0.625, 0.917, 0.75, 0.778,
    0.681, 0.778, 0.736, 0.556, 0.722, 0.75, 0.75, 1.028, 0.75, 0.75, 0.611, 0.278,
    0.5, 0.278, 0.5, 0.5, 0.333, 0.5, 0.556, 0.444, 0.556, 0.444, 0.306, 0.5,
    0.556, 0.278, 0.306, 0.528, 0.278, 0.833, 0.556, 0.5, 0.556, 0.528, 0.392, 0.394,
    0.389, 0.556, 0.528, 0.722, 0.528, 0.528, 0.444, 0.5, 0.278, 0.5, 0.5,
  ]
  /// Italic advances of `a` … `z`.
  static let italicLower: [Double] = [
    0.511, 0.46, 0.46, 0.511, 0.46, 0.307, 0.46, 0.511, 0.307, 0.307, 0.46, 0.256, 0.818,
    0.562, 0.511, 0.511, 0.46, 0.422, 0.409, 0.332, 0.537, 0.46, 0.664, 0.464, 0.486, 0.409,
  ]
  /// Italic advances of `A` … `Z`.
  static let italicUpper: [Double] = [
    0.743, 0.704, 0.716, 0.755, 0.678, 0.653, 0.774, 0.743, 0.386, 0.525, 0.769, 0.627, 0.897,
    0.743, 0.767, 0.678, 0.767, 0.729, 0.562, 0.716, 0.743, 0.743, 0.999, 0.743, 0.743, 0.613,
  ]

  /// The advance of `c` in em (upright or `italic`); characters not in the tables count as
  /// 0.6 em (letters) or 0.78 em (symbols, the width of KaTeX's relations).
  static func advance(_ c: Character, italic: Bool = false) -> Double {
    if let a = c.asciiValue, a >= 32, a < 127 {
      if italic {
        if a >= 97 && a <= 122 { return italicLower[Int(a) - 97] }
        if a >= 65 && a <= 90 { return italicUpper[Int(a) - 65] }
      }
      return ascii[Int(a) - 32]
    }
    return nonASCII(c)
  }

  static func nonASCII(_ c: Character) -> Double {
    switch c {
    case "\u{2009}": 0.167
    case "·", "\u{2005}": 0.25
    case "′": 0.275
    case "ι", "’": 0.278
    case "⟨", "⟩": 0.389
    case "τ": 0.402
    case "ς": 0.406
    case "ζ": 0.414
    case "ℓ", "∫": 0.417
    case "ε": 0.42
    case "γ": 0.442
    case "χ", "†": 0.444
    case "ξ": 0.446
    case "ν": 0.452
    case "δ": 0.471
    case "λ": 0.485
    case "θ": 0.491
    case "υ": 0.495
    case "ρ": 0.499
    case "°", "–", "‖", "“", "”", "∅", "∗", "∘", "∥", "⋆": 0.5
    case "κ": 0.504
    case "π": 0.505
    case "β": 0.509
    case "η": 0.523
    case "α": 0.525
    case "∂": 0.531
    case "μ": 0.536
    case "σ": 0.539
    case "ℏ": 0.54
    case "≠": 0.549
    case "∀", "∃": 0.556
    case "φ": 0.577
    case "ϵ": 0.615
    case "ϑ": 0.619
    case "ψ": 0.626
    case "Γ": 0.627
    case "ϱ": 0.635
    case "ϕ": 0.66
    case "Ξ", "∈": 0.667
    case "Λ": 0.694
    case "ω": 0.706
    case "∑": 0.713
    case "Σ", "Φ", "Ω": 0.722
    case "Π": 0.75
    case "±", "×", "÷", "Θ", "Υ", "Ψ", "−", "∓", "∝", "∼", "≃", "≈", "≡", "≤", "≥", "⊥": 0.778
    case "∏": 0.823
    case "Δ", "∇": 0.833
    case "ϖ": 0.837
    case "\u{2003}": 0.999
    case "—", "←", "→", "↦", "⇒", "∞", "≪", "≫": 1
    case "…", "⋯": 1.172
    default: c.isLetter ? 0.6 : 0.78
    }
  }

  /// Width in user units of plain `text` at `fontSize`.
  static func width(_ text: String, fontSize: Double, italic: Bool = false) -> Double {
    text.reduce(0) { $0 + advance($1, italic: italic) } * fontSize
  }
}

/// Escaping of text for XML content and attribute values.
enum XML {
  /// `text` with `&`, `<`, `>`, `"` and `'` replaced by entities, and control characters
  /// other than tab and newline (not allowed in XML 1.0) removed.
  static func escape(_ text: String) -> String {
    var out = ""
    out.reserveCapacity(text.utf8.count)
    for scalar in text.unicodeScalars {
      switch scalar {
      case "&": out += "&amp;"
      case "<": out += "&lt;"
      case ">": out += "&gt;"
      case "\"": out += "&quot;"
      case "'": out += "&#39;"
      case "\t", "\n": out.unicodeScalars.append(scalar)
      default:
        if scalar.value < 0x20 || (0xFFFE...0xFFFF).contains(scalar.value)
          || (0xD800...0xDFFF).contains(scalar.value)
        {
          continue
        }
        out.unicodeScalars.append(scalar)
      }
    }
    return out
  }
}
