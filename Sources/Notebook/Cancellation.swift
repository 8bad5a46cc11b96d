import Foundation

#if canImport(Glibc)
  import Glibc
#endif

/// Chapter runs to abandon: a long-lived caller (`notes preview`) cancels a chapter whose
/// source changed while it was compiled or run. The process group of its compiler or program
/// is killed at once, and the run ends as a failure (never cached, never shown: the caller
/// rebuilds).
public final class ChapterCancellation: @unchecked Sendable {
  private let lock = NSLock()
  /// Chapter file → the process groups its run has started and not yet ended.
  private var groups: [String: Set<pid_t>] = [:]
  private var cancelled: Set<String> = []

  public init() {}

  /// Marks `chapter` (its file as diagnostics name it, `chapters/x.md`) cancelled and kills
  /// the process groups its run has going.
  public func cancel(_ chapter: String) {
    lock.withLock {
      cancelled.insert(chapter)
      for group in groups[chapter] ?? [] { kill(-group, SIGKILL) }
    }
  }

  /// Forgets every cancellation (at the start of a build).
  public func reset() {
    lock.withLock { cancelled.removeAll() }
  }

  /// Whether `chapter` was cancelled since the last ``reset()``.
  public func isCancelled(_ chapter: String) -> Bool {
    lock.withLock { cancelled.contains(chapter) }
  }

  /// A child of `chapter`'s run started in group `group`; killed at once if the chapter is
  /// already cancelled.
  func started(_ group: pid_t, chapter: String) {
    lock.withLock {
      groups[chapter, default: []].insert(group)
      if cancelled.contains(chapter) { kill(-group, SIGKILL) }
    }
  }

  /// The child in `group` has ended.
  func ended(_ group: pid_t, chapter: String) {
    lock.withLock {
      groups[chapter]?.remove(group)
      if groups[chapter]?.isEmpty == true { groups[chapter] = nil }
    }
  }
}
