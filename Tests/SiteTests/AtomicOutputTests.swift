import Foundation
import Site
import Testing

@Suite struct AtomicOutputTests {
  /// Builds a first site, then runs `failing`; the output folder must be byte-identical after.
  private func expectUnchanged(_ failing: (SiteBuilder, URL) throws -> Void) throws {
    try withTemporaryDirectory { dir in
      let out = dir.appendingPathComponent("build")
      _ = try Fixtures.builder().build(
        chapters: Fixtures.chapters(), extraFiles: ["data/a.csv": Data("1,2\n".utf8)], outputDirectory: out)
      let before = snapshot(out)
      #expect(before["index.html"] != nil)
      #expect(throws: SiteError.self) { try failing(Fixtures.builder(), out) }
      let after = snapshot(out)
      #expect(after == before, "changed: \(Set(after.keys).symmetricDifference(before.keys).sorted())")
    }
  }

  @Test func escapingExtraFileLeavesPreviousSite() throws {
    try expectUnchanged { builder, out in
      var chapters = Fixtures.chapters()
      chapters[0].bodyHTML = "<p>changed</p>"
      _ = try builder.build(
        chapters: chapters, extraFiles: ["../evil.txt": Data("x".utf8)], outputDirectory: out)
    }
  }

  @Test func failureWhileStagingLeavesPreviousSite() throws {
    // "zz" is a file and "zz/y" needs it to be a folder: staging fails after most files are written.
    try expectUnchanged { builder, out in
      var chapters = Fixtures.chapters()
      chapters[0].bodyHTML = "<p>changed</p>"
      _ = try builder.build(
        chapters: chapters, extraFiles: ["zz": Data("1".utf8), "zz/y": Data("2".utf8)], outputDirectory: out)
    }
  }

  @Test func templateErrorLeavesPreviousSite() throws {
    try withTemporaryDirectory { dir in
      let theme = dir.appendingPathComponent("theme")
      try FileManager.default.createDirectory(at: theme, withIntermediateDirectories: true)
      try Data("{{#x}}unclosed".utf8).write(to: theme.appendingPathComponent("page.mustache"))
      try expectUnchanged { _, out in
        _ = try Fixtures.builder(theme: theme).build(
          chapters: Fixtures.chapters(), extraFiles: [:], outputDirectory: out)
      }
    }
  }

  @Test func rejectsUnsafeExtraPaths() throws {
    try withTemporaryDirectory { dir in
      for bad in [
        "/etc/x", "a//b", "a/./b", "a/../../b", ".notes/manifest", "index.html", "assets/notes.css", "a\\b",
      ] {
        #expect(throws: SiteError.self, "accepted \(bad)") {
          try Fixtures.builder().build(
            chapters: Fixtures.chapters(), extraFiles: [bad: Data()], outputDirectory: dir)
        }
      }
      #expect(!FileManager.default.fileExists(atPath: dir.path + "/index.html"))
    }
  }

  @Test func staleFilesRemovedForeignFilesAndCacheKept() throws {
    try withTemporaryDirectory { dir in
      let out = dir.appendingPathComponent("build")
      _ = try Fixtures.builder().build(
        chapters: Fixtures.chapters(),
        extraFiles: ["data/old.csv": Data("old".utf8), "data/keep.csv": Data("k".utf8)], outputDirectory: out)
      let fm = FileManager.default
      try Data("mine".utf8).write(to: out.appendingPathComponent("README.txt"))
      try Data("mine".utf8).write(to: out.appendingPathComponent("data/notes-by-hand.txt"))
      try fm.createDirectory(
        at: out.appendingPathComponent(".notes/cache"), withIntermediateDirectories: true)
      try Data("cached".utf8).write(to: out.appendingPathComponent(".notes/cache/blob"))
      // A symlink that points outside: its target must survive even though a stale path goes through it.
      let outside = dir.appendingPathComponent("outside")
      try fm.createDirectory(at: outside, withIntermediateDirectories: true)
      try Data("precious".utf8).write(to: outside.appendingPathComponent("x.csv"))

      var chapters = Fixtures.chapters()
      chapters.removeLast()  // 03-four-point.html becomes stale
      chapters[1].hasMath = false
      chapters[1].hasCode = false
      chapters[1].titleHTML = "The kernel"  // no page needs KaTeX or highlight.js any more
      chapters[1].titleHasMath = false
      let report = try Fixtures.builder().build(
        chapters: chapters, extraFiles: ["data/keep.csv": Data("k2".utf8)], outputDirectory: out)

      #expect(!fm.fileExists(atPath: out.path + "/03-four-point.html"))
      #expect(!fm.fileExists(atPath: out.path + "/data/old.csv"))
      #expect(!fm.fileExists(atPath: out.path + "/assets/katex.min.js"))
      #expect(!fm.fileExists(atPath: out.path + "/assets/fonts"))  // emptied folder removed
      #expect(readText(out, "data/keep.csv") == "k2")
      #expect(readText(out, "README.txt") == "mine")
      #expect(readText(out, "data/notes-by-hand.txt") == "mine")
      #expect(readText(out, ".notes/cache/blob") == "cached")
      #expect(
        report.removedFiles.contains("03-four-point.html") && report.removedFiles.contains("data/old.csv"))
      #expect(!report.removedFiles.contains("README.txt"))
      let manifest = readText(out, ".notes/manifest")
      #expect(manifest == report.writtenFiles.map { $0 + "\n" }.joined())
      #expect(!fm.fileExists(atPath: out.path + "/.notes/staging"))
      #expect(readText(outside, "x.csv") == "precious")
    }
  }

  @Test func neverDeletesThroughSymlinkedFolder() throws {
    try withTemporaryDirectory { dir in
      let out = dir.appendingPathComponent("build")
      _ = try Fixtures.builder().build(
        chapters: [], extraFiles: ["data/x.csv": Data("1".utf8)], outputDirectory: out)
      let outside = dir.appendingPathComponent("outside")
      try FileManager.default.createDirectory(at: outside, withIntermediateDirectories: true)
      try Data("precious".utf8).write(to: outside.appendingPathComponent("x.csv"))
      try FileManager.default.removeItem(at: out.appendingPathComponent("data"))
      try FileManager.default.createSymbolicLink(
        at: out.appendingPathComponent("data"), withDestinationURL: outside)
      _ = try Fixtures.builder().build(chapters: [], extraFiles: [:], outputDirectory: out)
      #expect(readText(outside, "x.csv") == "precious")
      // Writing through it is refused, before anything changes.
      #expect(throws: SiteError.self) {
        try Fixtures.builder().build(chapters: [], extraFiles: ["data/y.csv": Data()], outputDirectory: out)
      }
      #expect(!FileManager.default.fileExists(atPath: outside.path + "/y.csv"))
    }
  }

  @Test func folderOfOldFilesMayBecomeAFile() throws {
    try withTemporaryDirectory { dir in
      let out = dir.appendingPathComponent("build")
      _ = try Fixtures.builder().build(
        chapters: [], extraFiles: ["data/x.csv": Data("1".utf8), "data/sub/y.csv": Data("2".utf8)],
        outputDirectory: out)
      let report = try Fixtures.builder().build(
        chapters: [], extraFiles: ["data": Data("now a file".utf8)], outputDirectory: out)
      #expect(readText(out, "data") == "now a file")
      #expect(report.writtenFiles.contains("data"))
      // A folder holding a file notes did not write is not cleared: the build fails unchanged.
      _ = try Fixtures.builder().build(
        chapters: [], extraFiles: ["d/x.csv": Data("1".utf8)], outputDirectory: out)
      try Data("mine".utf8).write(to: out.appendingPathComponent("d/mine.txt"))
      let before = snapshot(out)
      #expect(throws: SiteError.self) {
        try Fixtures.builder().build(chapters: [], extraFiles: ["d": Data()], outputDirectory: out)
      }
      #expect(snapshot(out) == before)
    }
  }

  @Test func outputPathThatIsAFileIsAnError() throws {
    try withTemporaryDirectory { dir in
      let file = dir.appendingPathComponent("build")
      try Data("not a folder".utf8).write(to: file)
      do {
        _ = try Fixtures.builder().build(
          chapters: Fixtures.chapters(), extraFiles: [:], outputDirectory: file)
        Issue.record("wrote into a file path")
      } catch let error as SiteError {
        #expect(
          error.description.contains(file.path) && error.description.contains("not a folder"), "\(error)")
      }
      #expect(readText(dir, "build") == "not a folder")
    }
  }

  @Test func twoBuildsAreByteIdentical() throws {
    try withTemporaryDirectory { dir in
      let a = dir.appendingPathComponent("a")
      let b = dir.appendingPathComponent("b")
      let extra = ["data/z.csv": Data("z".utf8), "data/a.csv": Data("a".utf8), "m.txt": Data("m".utf8)]
      _ = try Fixtures.builder().build(chapters: Fixtures.chapters(), extraFiles: extra, outputDirectory: a)
      _ = try Fixtures.builder().build(chapters: Fixtures.chapters(), extraFiles: extra, outputDirectory: b)
      let first = snapshot(a)
      #expect(first.count > 20)
      #expect(first == snapshot(b))
      // Rebuilding in place changes nothing either.
      _ = try Fixtures.builder().build(chapters: Fixtures.chapters(), extraFiles: extra, outputDirectory: a)
      #expect(snapshot(a) == first)
    }
  }
}
