// The Figures module: SVG plots for the lecture pages (issue 6); see ARCHITECTURE.md.
//
// A chapter builds a `Figure` (or a `FigureGrid` of them) with `line`, `scatter`,
// `errorBars`, `band`, `function`, `histogram` and `referenceLine`, sets scales, limits and
// labels, and hands it to the engine's `show(_:)`, which inlines `svg()` in the page, writes
// `csv()` next to it and prints `warnings` on stderr.
//
// Pipeline of one panel: Series (as given) → PreparedSeries (filtered for the axis scales,
// warnings counted) → ResolvedAxis (limits + AxisTicks) → PanelLayout margins → PanelRenderer
// (frame, ticks, MathText labels, SeriesDrawing with clipping and thinning, returning the
// InkGrid of the data) → LegendPlacement (inside where no data is, else outside) → Legend
// column or LegendRows below (a grid's shared legend: GridLegendPlan) → SVGDocument (title,
// desc, content-hashed ids; the canvas grown by an outside legend).
