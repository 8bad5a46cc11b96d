import Foundation
import Testing

@testable import Preview

/// What a request path may reach: regular files inside the output folder, nothing else.
@Suite struct SiteFilesTests {
  /// A site folder with a page, an asset, a cache folder, links in and out, and a secret beside it.
  final class Fixture: @unchecked Sendable {
    let base: URL
    var site: URL { base.appendingPathComponent("build") }
    init() throws {
      base = FileManager.default.temporaryDirectory.appendingPathComponent("sitefiles-\(UUID().uuidString)")
      let fm = FileManager.default
      try fm.createDirectory(
        at: base.appendingPathComponent("build/assets"), withIntermediateDirectories: true)
      try fm.createDirectory(
        at: base.appendingPathComponent("build/.notes/cache"), withIntermediateDirectories: true)
      try fm.createDirectory(at: base.appendingPathComponent("build/sub"), withIntermediateDirectories: true)
      try Data("<p>index</p>".utf8).write(to: site.appendingPathComponent("index.html"))
      try Data("<p>sub</p>".utf8).write(to: site.appendingPathComponent("sub/index.html"))
      try Data("body{}".utf8).write(to: site.appendingPathComponent("assets/notes.css"))
      try Data("cache".utf8).write(to: site.appendingPathComponent(".notes/cache/x.json"))
      try Data("secret".utf8).write(to: base.appendingPathComponent("secret.txt"))
      try fm.createSymbolicLink(
        atPath: site.appendingPathComponent("out.txt").path, withDestinationPath: "../secret.txt")
      try fm.createSymbolicLink(
        atPath: site.appendingPathComponent("outdir").path, withDestinationPath: base.path)
      try fm.createSymbolicLink(
        atPath: site.appendingPathComponent("cache").path, withDestinationPath: ".notes/cache")
      try fm.createSymbolicLink(
        atPath: site.appendingPathComponent("style.css").path, withDestinationPath: "assets/notes.css")
    }
    deinit { try? FileManager.default.removeItem(at: base) }
  }

  @Test(arguments: [
    ("/", "index.html"), ("/index.html", "index.html"), ("/sub", "sub/index.html"),
    ("/sub/", "sub/index.html"),
    ("/assets/notes.css", "assets/notes.css"), ("/assets%2Fnotes.css", "assets/notes.css"),
    ("/style.css", "assets/notes.css"),
  ])
  func servesFilesInside(_ path: String, _ expected: String) throws {
    let fixture = try Fixture()
    let resolved = try #require(SiteFiles(root: fixture.site).resolve(path))
    #expect(resolved.path == SiteFiles.realPath(fixture.site.appendingPathComponent(expected).path))
  }

  @Test(arguments: [
    "/../secret.txt", "/..%2Fsecret.txt", "/%2e%2e/secret.txt", "/assets/../../secret.txt", "/..",
    "/.notes/cache/x.json",
    "/.notes/", "/out.txt", "/outdir/secret.txt", "/cache/x.json", "/assets", "/missing.html",
    "relative.html",
    "/a%00b", "/assets\\notes.css",
  ])
  func refuses(_ path: String) throws {
    let fixture = try Fixture()
    #expect(SiteFiles(root: fixture.site).resolve(path) == nil)
  }

  @Test(arguments: [
    ("index.html", "text/html; charset=utf-8"), ("a.css", "text/css; charset=utf-8"),
    ("a.js", "text/javascript; charset=utf-8"), ("f.svg", "image/svg+xml"),
    ("d.csv", "text/csv; charset=utf-8"),
    ("k.woff2", "font/woff2"), ("k.woff", "font/woff"), ("k.ttf", "font/ttf"), ("p.png", "image/png"),
    ("s.json", "application/json"), ("x.unknown", "application/octet-stream"),
    ("noext", "application/octet-stream"),
  ])
  func contentTypes(_ name: String, _ type: String) {
    #expect(ContentType.of(name) == type)
  }
}
