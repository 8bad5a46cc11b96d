/// Anything `show(_:)` can place on a page: a ``Figure`` or a ``FigureGrid`` of panels.
public protocol FigureRendering: Sendable {
  /// The figure's title: the SVG `<title>` and the caption the page shows.
  var title: String { get }
  /// The complete, self-contained SVG document (starts with `<svg`, no XML prolog), with a
  /// `viewBox`, a `<title>` and a `<desc>`; the same figure always gives the same bytes.
  func svg() -> String
  /// The plotted data as CSV, one row a point, numbers in Swift's shortest round-trip form.
  func csv() -> String
  /// Warnings gathered while drawing (non-finite values skipped, non-positive values dropped
  /// from a log axis, ...). The engine prints them on stderr; the SVG `<desc>` repeats them.
  var warnings: [String] { get }
}
