import Foundation
import Markdown

/// What a long-lived process (`notes preview`) keeps in memory from one build to the next, so
/// that a prose edit does not re-parse every chapter or re-decode every cached result. Each value
/// is keyed by the exact bytes it was computed from (a chapter's text, a result file's contents),
/// so a hit is the same value the build would compute; after a build only what it used is kept.
/// `notes build` has none: one build per process.
public final class BuildMemory: @unchecked Sendable {
  private let lock = NSLock()
  private var documents: [String: Document] = [:]
  private var usedDocuments: [String: Document] = [:]
  private var results: [String: (data: Data, entry: ResultCache.Entry)] = [:]

  public init() {}

  /// The chapter `text` parsed, from the last build if it parsed the same text.
  public func document(parsing text: String) -> Document {
    if let document = lock.withLock({ documents[text] }) {
      lock.withLock { usedDocuments[text] = document }
      return document
    }
    let document = Document(parsing: text)
    lock.withLock { usedDocuments[text] = document }
    return document
  }

  /// A result file's entry (by chapter slug), decoded once per distinct contents.
  func entry(slug: String, data: Data, decode: (Data) -> ResultCache.Entry?) -> ResultCache.Entry? {
    if let kept = lock.withLock({ results[slug] }), kept.data == data { return kept.entry }
    guard let entry = decode(data) else { return nil }
    lock.withLock { results[slug] = (data, entry) }
    return entry
  }

  /// Ends a build: documents it did not parse are forgotten.
  public func buildFinished() {
    lock.withLock {
      documents = usedDocuments
      usedDocuments = [:]
    }
  }
}
