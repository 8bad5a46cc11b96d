/// TeX control words understood in labels and the Unicode characters they stand for.
enum MathSymbols {
  static let table: [String: String] = [
    // Greek, lower case
    "alpha": "α", "beta": "β", "gamma": "γ", "delta": "δ", "epsilon": "ϵ", "varepsilon": "ε",
    "zeta": "ζ", "eta": "η", "theta": "θ", "vartheta": "ϑ", "iota": "ι", "kappa": "κ",
    "lambda": "λ", "mu": "μ", "nu": "ν", "xi": "ξ", "pi": "π", "varpi": "ϖ", "rho": "ρ",
    "varrho": "ϱ", "sigma": "σ", "varsigma": "ς", "tau": "τ", "upsilon": "υ", "phi": "ϕ",
    "varphi": "φ", "chi": "χ", "psi": "ψ", "omega": "ω",
    // Greek, upper case
    "Gamma": "Γ", "Delta": "Δ", "Theta": "Θ", "Lambda": "Λ", "Xi": "Ξ", "Pi": "Π",
    "Sigma": "Σ", "Upsilon": "Υ", "Phi": "Φ", "Psi": "Ψ", "Omega": "Ω",
    // Letter-like and operators
    "ell": "ℓ", "hbar": "ℏ", "infty": "∞", "pm": "±", "mp": "∓", "cdot": "·", "cdots": "⋯",
    "ldots": "…", "dots": "…", "times": "×", "div": "÷", "perp": "⊥", "parallel": "∥",
    "langle": "⟨", "rangle": "⟩", "le": "≤", "leq": "≤", "ge": "≥", "geq": "≥", "ne": "≠",
    "neq": "≠", "approx": "≈", "sim": "∼", "simeq": "≃", "equiv": "≡", "propto": "∝",
    "partial": "∂", "nabla": "∇", "sum": "∑", "prod": "∏", "int": "∫", "to": "→",
    "rightarrow": "→", "leftarrow": "←", "Rightarrow": "⇒", "mapsto": "↦", "ll": "≪",
    "gg": "≫", "circ": "∘", "ast": "∗", "star": "⋆", "dagger": "†", "prime": "′", "in": "∈",
    "forall": "∀", "exists": "∃", "emptyset": "∅", "lvert": "|", "rvert": "|", "vert": "|",
    "lVert": "‖", "rVert": "‖", "Vert": "‖", "mid": "|", "quad": "\u{2003}",
    "qquad": "\u{2003}\u{2003}",
    // Upright function names
    "log": "log", "ln": "ln", "exp": "exp", "sin": "sin", "cos": "cos", "tan": "tan",
    "tanh": "tanh", "sinh": "sinh", "cosh": "cosh", "max": "max", "min": "min", "det": "det",
    "tr": "tr", "Tr": "Tr", "lim": "lim", "arg": "arg", "var": "Var", "Var": "Var",
    "Cov": "Cov", "erf": "erf", "sgn": "sgn",
  ]

  /// Control words that only change size or spacing of delimiters: dropped.
  static let ignored: Set<String> = [
    "left", "right", "big", "Big", "bigg", "Bigg", "bigl", "bigr", "Bigl", "Bigr", "displaystyle",
    "textstyle", "limits", "nolimits",
  ]

  /// Control words whose argument is set upright.
  static let upright: Set<String> = [
    "mathrm", "text", "textrm", "operatorname", "mathsf", "textsf", "mathcal", "mathbb",
    "mathfrak", "mathscr", "textup", "mathtt", "texttt",
  ]

  /// Control words whose argument is set bold.
  static let bold: Set<String> = ["mathbf", "textbf", "boldsymbol", "bm"]
}
