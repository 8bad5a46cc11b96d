/// What a build wrote.
public struct SiteReport: Sendable, Equatable {
  /// Every file of the new site, relative to the output folder, sorted (byte order).
  public var writtenFiles: [String]
  /// Files that the previous build wrote and this one no longer does, now deleted; sorted.
  public var removedFiles: [String]

  public init(writtenFiles: [String], removedFiles: [String] = []) {
    self.writtenFiles = writtenFiles
    self.removedFiles = removedFiles
  }
}
