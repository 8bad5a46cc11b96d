import Foundation
import Markdown

/// One chapter file: `chapters/NN-slug.md` becomes `build/NN-slug.html`.
public struct ChapterSource: Sendable {
  public var source: SourceFile
  /// The output name: the file name without `.md`, lower-cased, other characters than
  /// letters, digits, `-` and `_` turned into `-`.
  public var slug: String
}

/// Finds and reads the chapters of a book.
public enum ChapterLoader {
  /// The Markdown files directly inside `directory` (`*.md`, `*.markdown`), ordered by file
  /// name, read and checked. Errors: no such folder, no chapters in it, an unreadable or
  /// non-UTF-8 file, two chapters with the same slug.
  ///
  /// With `only` (a file name in `directory`), that chapter alone is read, with the slug it has
  /// in the book, and only its own errors count; a file that is not one of the chapters is an
  /// error.
  public static func load(from directory: URL, displayPrefix: String, only: String? = nil)
    throws(BuildFailure)
    -> [ChapterSource]
  {
    var isDirectory: ObjCBool = false
    guard FileManager.default.fileExists(atPath: directory.path, isDirectory: &isDirectory) else {
      throw BuildFailure(
        Diagnostic(
          file: displayPrefix, message: "no chapters folder here (create it, or pass --chapters DIR)"))
    }
    guard isDirectory.boolValue else {
      throw BuildFailure(Diagnostic(file: displayPrefix, message: "is not a folder"))
    }
    let names: [String]
    do {
      names = try FileManager.default.contentsOfDirectory(atPath: directory.path)
    } catch {
      throw BuildFailure(
        Diagnostic(file: displayPrefix, message: "cannot list the folder: \(error.localizedDescription)"))
    }
    let files = names.filter { ($0.hasSuffix(".md") || $0.hasSuffix(".markdown")) && !$0.hasPrefix(".") }
      .sorted { $0.utf8.lexicographicallyPrecedes($1.utf8) }
    guard !files.isEmpty || only != nil else {
      throw BuildFailure(
        Diagnostic(file: displayPrefix, message: "no chapters: add Markdown files such as 01-introduction.md")
      )
    }
    var diagnostics: [Diagnostic] = []
    var chapters: [ChapterSource] = []
    var bySlug: [String: String] = [:]
    func display(_ name: String) -> String { displayPrefix.isEmpty ? name : "\(displayPrefix)/\(name)" }
    if let only, !files.contains(only) {
      throw BuildFailure(notAChapter(directory.appendingPathComponent(only), display: display(only)))
    }
    for name in files {
      let display = display(name)
      let slug = Self.slug(forFileName: name)
      // Reading one chapter: the others only hold their slugs.
      let counts = only == nil || only == name
      if Self.reservedSlugs.contains(slug) {
        if counts {
          diagnostics.append(
            Diagnostic(
              file: display,
              message:
                "the page name '\(slug)' is taken by the book's \(slug).html (the table of contents); rename the chapter, e.g. 01-\(slug).md"
            ))
        }
        continue
      }
      if let other = bySlug[slug] {
        if counts {
          diagnostics.append(
            Diagnostic(file: display, message: "has the same slug '\(slug)' as \(other); rename one of them"))
        }
        continue
      }
      bySlug[slug] = display
      guard counts else { continue }
      do {
        let source = try SourceFile.read(directory.appendingPathComponent(name), displayPath: display)
        chapters.append(ChapterSource(source: source, slug: slug))
      } catch {
        diagnostics.append(error)
      }
    }
    if !diagnostics.isEmpty { throw BuildFailure(diagnostics) }
    return chapters
  }

  /// Why `url`, asked for by name, is not one of the chapters: it cannot be read, or it is not
  /// a Markdown file directly in the chapters folder.
  static func notAChapter(_ url: URL, display: String) -> Diagnostic {
    do {
      _ = try SourceFile.read(url, displayPath: display)
    } catch {
      return error
    }
    return Diagnostic(
      file: display,
      message:
        "is not a chapter: chapters are the .md and .markdown files in the chapters folder (not hidden)")
  }

  /// Page names a chapter may not take.
  static let reservedSlugs: Set<String> = ["index"]

  /// `02-Two Point.md` → `02-two-point`; `02-Über-Straße.md` → `02-über-straße`;
  /// `03-αβγ.md` → `03-αβγ`. Letters and digits of any script are kept (lower-cased, in Unicode
  /// normal form C, so the name is the same whichever way the file system spelled it); runs of
  /// anything else but `_` become one `-`.
  public static func slug(forFileName name: String) -> String {
    var base = name
    for suffix in [".markdown", ".md"] where base.hasSuffix(suffix) {
      base.removeLast(suffix.count)
      break
    }
    var slug = ""
    for ch in base.precomposedStringWithCanonicalMapping.lowercased() {
      if ch.isLetter || ch.isNumber || ch == "-" || ch == "_" {
        slug.append(ch)
      } else if !slug.hasSuffix("-") {
        slug.append("-")
      }
    }
    while slug.hasSuffix("-") { slug.removeLast() }
    return slug.isEmpty ? "chapter" : slug.precomposedStringWithCanonicalMapping
  }
}
