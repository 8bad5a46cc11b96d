import Foundation
import Site
import Testing

@Suite struct AssetTests {
  @Test func assetsAreRealFilesWithFontsAndNoSymlinks() throws {
    try withTemporaryDirectory { dir in
      let report = try Fixtures.builder().build(
        chapters: Fixtures.chapters(), extraFiles: [:], outputDirectory: dir)
      let tree = snapshot(dir)
      let links = tree.filter { String(decoding: $0.value, as: UTF8.self).hasPrefix("<symlink") }
      #expect(links.isEmpty, "symlinks in output: \(links.keys.sorted())")
      // Debian's katex.min.js is a symlink to katex.js: the copy must be the real script.
      let js = try #require(tree["assets/katex.min.js"])
      #expect(js.count > 100_000)
      #expect(String(decoding: js, as: UTF8.self).contains("katex"))
      let fonts = tree.keys.filter { $0.hasPrefix("assets/fonts/") }
      #expect(fonts.contains("assets/fonts/KaTeX_Main-Regular.woff2"))
      #expect(fonts.allSatisfy { $0.hasSuffix(".woff2") }, "only woff2 when woff2 exists: \(fonts.sorted())")
      // Every font the stylesheet names is shipped.
      let css = String(decoding: try #require(tree["assets/katex.min.css"]), as: UTF8.self)
      let named = Set(
        css.components(separatedBy: "url(").dropFirst().compactMap {
          $0.split(separator: ")").first.map(String.init)
        })
      #expect(!named.isEmpty)
      for url in named { #expect(tree["assets/" + url] != nil, "katex.min.css names missing \(url)") }
      #expect(tree["assets/highlight.min.js"].map { $0.count > 100_000 } == true)
      #expect(tree["assets/highlight-light.css"] != nil && tree["assets/highlight-dark.css"] != nil)
      let script = readText(dir, "assets/notes.js")
      #expect(
        script.contains("katex.render(") && script.contains("highlightElement")
          && script.contains("highlightBlock"))
      #expect(report.writtenFiles == report.writtenFiles.sorted())
      #expect(
        Set(report.writtenFiles)
          == Set(tree.filter { $0.value != Data("<dir>".utf8) && !$0.key.hasPrefix(".notes") }.keys))
    }
  }

  /// A fake KaTeX folder whose fonts exist only as .woff and .ttf: the best available is copied.
  @Test func fontFallbackWhenNoWoff2() throws {
    try withTemporaryDirectory { dir in
      let katex = dir.appendingPathComponent("katex")
      let fonts = katex.appendingPathComponent("fonts")
      try FileManager.default.createDirectory(at: fonts, withIntermediateDirectories: true)
      try Data(
        "@font-face{font-family:A;src:url(fonts/A.woff2) format('woff2'),url(fonts/A.woff) format('woff'),url(fonts/A.ttf) format('truetype')}@font-face{font-family:B;src:url(fonts/B.woff2) format('woff2'),url(fonts/B.ttf) format('truetype')}"
          .utf8
      )
      .write(to: katex.appendingPathComponent("katex.min.css"))
      try Data("var katex={};".utf8).write(to: katex.appendingPathComponent("katex.js"))
      try Data("w".utf8).write(to: fonts.appendingPathComponent("A.woff"))
      try Data("t".utf8).write(to: fonts.appendingPathComponent("A.ttf"))
      try Data("t".utf8).write(to: fonts.appendingPathComponent("B.ttf"))
      let sources = AssetSources(katex: katex, highlightJS: AssetSources.debian.highlightJS)
      let out = dir.appendingPathComponent("build")
      let report = try Fixtures.builder(assets: sources).build(
        chapters: Fixtures.chapters(), extraFiles: [:], outputDirectory: out)
      #expect(
        report.writtenFiles.filter { $0.hasPrefix("assets/fonts/") } == [
          "assets/fonts/A.woff", "assets/fonts/B.ttf",
        ])
      #expect(readText(out, "assets/katex.min.js") == "var katex={};")
      #expect(
        readText(out, "assets/katex.min.css")
          == "@font-face{font-family:A;src:url(fonts/A.woff) format('woff')}@font-face{font-family:B;src:url(fonts/B.ttf) format('truetype')}"
      )
    }
  }

  @Test func missingKaTeXNamesThePackageOnlyWhenMathIsNeeded() throws {
    try withTemporaryDirectory { dir in
      let nowhere = dir.appendingPathComponent("absent")
      let sources = AssetSources(katex: nowhere, highlightJS: AssetSources.debian.highlightJS)
      do {
        _ = try Fixtures.builder(assets: sources).build(
          chapters: Fixtures.chapters(), extraFiles: [:], outputDirectory: dir.appendingPathComponent("b1"))
        Issue.record("built without KaTeX")
      } catch let error as SiteError {
        #expect(error.description.contains("apt-get install libjs-katex"), "\(error)")
      }
      // No page has math: the missing folder does not matter and no KaTeX file is written.
      var chapters = Fixtures.chapters()
      chapters[1].hasMath = false
      chapters[1].titleHTML = "The kernel"
      chapters[1].titleHasMath = false
      let report = try Fixtures.builder(assets: sources).build(
        chapters: chapters, extraFiles: [:], outputDirectory: dir.appendingPathComponent("b2"))
      #expect(!report.writtenFiles.contains { $0.contains("katex") || $0.hasPrefix("assets/fonts/") })
    }
  }

  @Test func missingHighlightJSNamesThePackage() throws {
    try withTemporaryDirectory { dir in
      let empty = dir.appendingPathComponent("hl")
      try FileManager.default.createDirectory(at: empty, withIntermediateDirectories: true)
      let sources = AssetSources(katex: AssetSources.debian.katex, highlightJS: empty)
      do {
        _ = try Fixtures.builder(assets: sources).build(
          chapters: Fixtures.chapters(), extraFiles: [:], outputDirectory: dir.appendingPathComponent("b"))
        Issue.record("built without highlight.js")
      } catch let error as SiteError {
        #expect(error.description.contains("apt-get install libjs-highlight.js"), "\(error)")
      }
    }
  }

  @Test func missingKaTeXFontsNamesThePackage() throws {
    try withTemporaryDirectory { dir in
      let katex = dir.appendingPathComponent("katex")
      try FileManager.default.createDirectory(at: katex, withIntermediateDirectories: true)
      try Data("x".utf8).write(to: katex.appendingPathComponent("katex.min.css"))
      try Data("x".utf8).write(to: katex.appendingPathComponent("katex.min.js"))
      let sources = AssetSources(katex: katex, highlightJS: AssetSources.debian.highlightJS)
      #expect {
        try Fixtures.builder(assets: sources).build(
          chapters: Fixtures.chapters(), extraFiles: [:], outputDirectory: dir.appendingPathComponent("b"))
      } throws: { error in
        (error as? SiteError)?.description.contains("libjs-katex") == true
      }
    }
  }
}
