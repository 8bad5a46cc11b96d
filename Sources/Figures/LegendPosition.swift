/// Where a figure's legend goes.
///
/// Inside the axes a legend never reaches past the frame: a legend too large for the frame
/// goes outside (below the axes) whatever the position asked for. An automatic legend that
/// finds no free place goes below rather than right of the axes, so that the figure keeps
/// its width and is not scaled down on the page.
public enum LegendPosition: Sendable, Hashable {
  /// Inside the axes where it covers no data (no line, marker, error bar, histogram outline
  /// or reference line; shaded areas may lie beneath it), preferring the candidate over the
  /// least ink; if every candidate covers data, outside below the axes.
  case automatic
  /// Inside the axes, in the upper right corner.
  case upperRight
  /// Inside the axes, in the upper left corner.
  case upperLeft
  /// Inside the axes, in the lower left corner.
  case lowerLeft
  /// Inside the axes, in the lower right corner.
  case lowerRight
  /// Inside the axes, centred at the top.
  case upperCenter
  /// Inside the axes, centred at the bottom.
  case lowerCenter
  /// Inside the axes, centred on the left.
  case centerLeft
  /// Inside the axes, centred on the right.
  case centerRight
  /// Outside, right of the axes, in one column: the canvas grows wider by the legend's width.
  /// (In a ``FigureGrid``, below the panels like `outsideBottom`.)
  case outsideRight
  /// Outside, below the axes (under the x label), entries in rows that wrap at the figure's
  /// width: the canvas grows taller. In a ``FigureGrid``, below the panels.
  case outsideBottom
  /// No legend.
  case hidden
}

/// The legend of a ``FigureGrid``.
public enum GridLegend: Sendable, Hashable {
  /// One legend below the panels when at least two panels have labelled series and the
  /// panels agree on them (each label drawn the same way wherever it appears, no two labels
  /// drawn the same way), unless every such panel has `legend = .hidden`; otherwise each
  /// panel's own ``Figure/legend``.
  case automatic
  /// One legend below the panels with the labelled series of all panels (each label and look
  /// once, in order of first appearance), whatever the panels agree on.
  case shared
  /// Each panel's own ``Figure/legend``; a panel legend that does not fit inside its panel
  /// goes below the panels, headed by the panel's letter.
  case perPanel
  /// No legend at all.
  case hidden
}
