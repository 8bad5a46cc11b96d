/// The data of figures as CSV (RFC 4180), one row a point, in the order the series were
/// added. Columns `series,kind,x,y,error` (a `panel` column first for grids):
/// lines, scatter and functions leave `error` empty; error bars give their error; bands give
/// the centre `(lower+upper)/2` as `y` and the half-width as `error`; histograms give the bin
/// centre, the bar height (count or density) and its Poisson error; reference lines give only
/// their `x` or `y`. Numbers are the given values in Swift's shortest round-trip form
/// (`nan`/`inf` included: the CSV is the data, not the drawing).
enum CSVExport {
  static func csv(panels: [(name: String, figure: Figure)]) -> String {
    let withPanel = panels.count > 1 || panels.first.map { !$0.name.isEmpty } == true
    var out = (withPanel ? "panel," : "") + "series,kind,x,y,error\n"
    let d = NumberFormatting.data
    for (name, figure) in panels {
      for (i, s) in figure.series.enumerated() {
        let prefix =
          (withPanel ? field(name) + "," : "")
          + field(s.label.isEmpty ? "series \(i + 1)" : s.label) + "," + s.kind.csvName + ","
        switch s.kind {
        case .verticalLine:
          out += prefix + d(s.x[0]) + ",,\n"
        case .horizontalLine:
          out += prefix + "," + d(s.y[0]) + ",\n"
        case .band:
          for j in s.x.indices {
            out +=
              prefix + d(s.x[j]) + "," + d((s.lower[j] + s.upper[j]) / 2) + ","
              + d((s.upper[j] - s.lower[j]) / 2) + "\n"
          }
        case .errorBars, .histogram:
          for j in s.x.indices { out += prefix + d(s.x[j]) + "," + d(s.y[j]) + "," + d(s.error[j]) + "\n" }
        case .line, .scatter, .function:
          for j in s.x.indices { out += prefix + d(s.x[j]) + "," + d(s.y[j]) + ",\n" }
        }
      }
    }
    return out
  }

  /// A CSV field, quoted when it holds a comma, quote or line break.
  static func field(_ s: String) -> String {
    guard s.contains(where: { $0 == "," || $0 == "\"" || $0 == "\n" || $0 == "\r" }) else { return s }
    return "\"" + s.replacingOccurrences(of: "\"", with: "\"\"") + "\""
  }
}
