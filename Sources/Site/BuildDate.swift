/// The "Built on" date of reproducible builds, from `SOURCE_DATE_EPOCH`
/// (reproducible-builds.org: seconds since 1970-01-01T00:00:00Z, a decimal integer).
enum BuildDate {
  /// `YYYY-MM-DD` (UTC) for the variable's value, nil when it is unset or empty; throws when
  /// it is not a non-negative integer. Exact (integer civil-from-days, H. Hinnant's algorithm).
  static func fromEnvironment(_ environment: [String: String]) throws -> String? {
    guard let raw = environment["SOURCE_DATE_EPOCH"], !raw.isEmpty else { return nil }
    guard let seconds = Int64(raw), seconds >= 0 else {
      throw SiteError("SOURCE_DATE_EPOCH='\(raw)' is not a number of seconds since 1970-01-01 (UTC)")
    }
    return dateString(epochSeconds: seconds)
  }

  /// Calendar date (proleptic Gregorian, UTC) of a Unix time, as `YYYY-MM-DD`.
  static func dateString(epochSeconds: Int64) -> String {
    let z = epochSeconds / 86_400 + 719_468
    let era = (z >= 0 ? z : z - 146_096) / 146_097
    let doe = z - era * 146_097
    let yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365
    let doy = doe - (365 * yoe + yoe / 4 - yoe / 100)
    let mp = (5 * doy + 2) / 153
    let day = doy - (153 * mp + 2) / 5 + 1
    let month = mp < 10 ? mp + 3 : mp - 9
    let year = yoe + era * 400 + (month <= 2 ? 1 : 0)
    func pad(_ v: Int64, _ w: Int) -> String {
      let s = String(v)
      return String(repeating: "0", count: max(0, w - s.count)) + s
    }
    return "\(pad(year, 4))-\(pad(month, 2))-\(pad(day, 2))"
  }
}
