import Foundation
import Testing

#if canImport(Glibc)
  import Glibc
#endif

/// `notes preview` through the real binary (issue 12): serving, live updates over SSE, errors
/// in the page, safe file serving, and Ctrl-C.
@Suite struct PreviewEndToEndTests {
  static let prose = "# Prose\n\nThe first version of the text.\n"
  static let code = """
    # Code

    Some words.

    ```{swift}
    print("output-one")
    ```

    """

  /// A two-chapter book (one prose, one with a block) with `notes preview` running on it and
  /// its first build done.
  func start() async throws -> (Workspace, PreviewProcess) {
    try await ChapterLibraries.ready()
    let book = try Workspace()
    try book.write("notes.toml", "title = \"Preview book\"\n")
    try book.write("chapters/01-prose.md", Self.prose)
    try book.write("chapters/02-code.md", Self.code)
    let preview = try PreviewProcess(book)
    try preview.waitForBuild(after: 0)
    return (book, preview)
  }

  @Test func servesTheBuiltSiteAndUpdatesItOnEdits() async throws {
    let (book, preview) = try await start()
    #expect(PreviewProcess.problems(try preview.state()).isEmpty, "\(preview.log)")

    // The index and a chapter: what `notes build` wrote, plus the live script.
    let index = try preview.request("/")
    #expect(index.status == 200)
    #expect(index.headers["content-type"] == "text/html; charset=utf-8")
    #expect(index.text.contains("Preview book"))
    #expect(index.text.contains("/_notes/events"))
    #expect(!(try book.read("build/index.html")).contains("/_notes/events"), "the build never has the script")
    let page = try preview.request("/02-code.html")
    #expect(page.status == 200 && page.text.contains("output-one"))

    // A prose edit: the page changes, and open pages are told (SSE) which files changed.
    let events = try EventStream(port: preview.port)
    let first = try #require(events.wait(seconds: 10) { _ in true }, "no initial SSE state")
    #expect(events.isEventStream)
    let version = PreviewProcess.version(first)
    try book.edit("chapters/01-prose.md", replacing: "first version", with: "second version")
    let update = events.wait(seconds: 30) { PreviewProcess.version($0) > version }
    #expect((update?["changed"] as? [String])?.contains("01-prose.html") == true, "\(preview.log)")
    #expect(try preview.request("/01-prose.html").text.contains("The second version of the text."))

    // A block edit: the new output is served.
    var state = try preview.state()
    try book.edit("chapters/02-code.md", replacing: "output-one", with: "output-two")
    state = try preview.waitForBuild(after: PreviewProcess.version(state))
    #expect(try preview.request("/02-code.html").text.contains("output-two"), "\(preview.log)")

    // A compile error: the last good page stays, carrying the located error.
    try book.edit("chapters/02-code.md", replacing: "print(\"output-two\")", with: "print(undefinedThing)")
    let text = try book.read("chapters/02-code.md")
    let line = try #require(SourceText.line(of: "undefinedThing", in: text))
    let column = try #require(SourceText.column(of: "undefinedThing", onLineWith: "undefinedThing", in: text))
    let location = "chapters/02-code.md:\(line):\(column)"
    state = try preview.waitForState(seconds: 120, "the compile error") {
      PreviewProcess.problems($0).contains { ($0["location"] as? String) == location }
    }
    #expect(
      events.wait(seconds: 5) {
        PreviewProcess.problems($0).contains { ($0["location"] as? String) == location }
      } != nil)
    let broken = try preview.request("/02-code.html").text
    #expect(broken.contains(location), "the served page carries the error")
    #expect(broken.contains("undefinedThing"))
    #expect(broken.contains("output-two"), "the last good page stays under the error")

    // Fixed: the error is gone.
    try book.edit("chapters/02-code.md", replacing: "print(undefinedThing)", with: "print(\"output-three\")")
    state = try preview.waitForState(seconds: 120, "the fix") {
      PreviewProcess.problems($0).isEmpty && !PreviewProcess.building($0)
        && (try? preview.request("/02-code.html").text.contains("output-three")) == true
    }
    #expect(!(try preview.request("/02-code.html").text.contains(location)))

    // The served site is byte for byte what `notes build` writes for the same sources.
    let fresh = try book.notes("build", "--output", "fresh")
    #expect(fresh.status == 0, "\(fresh)")
    #expect(
      Tree.differences(
        try book.tree("build", excluding: [".notes"]), try book.tree("fresh", excluding: [".notes"])) == [])
    #expect(preview.stop(within: 5) != nil)
  }

  @Test func servesOnlyTheSiteSafely() async throws {
    let (book, preview) = try await start()
    // Links out of the output folder, and a secret beside the book.
    try book.write("secret.txt", "top secret\n")
    try FileManager.default.createSymbolicLink(
      atPath: book.url("build/leak.txt").path, withDestinationPath: book.url("secret.txt").path)
    try FileManager.default.createSymbolicLink(
      atPath: book.url("build/leakdir").path, withDestinationPath: book.root.path)
    for path in [
      "/../secret.txt", "/..%2fsecret.txt", "/%2e%2e/secret.txt", "/assets/../../secret.txt", "/.notes/",
      "/.notes/cache", "/leak.txt", "/leakdir/secret.txt", "/assets/", "/nothing.html", "/..",
    ] {
      let response = try preview.request(path)
      #expect(response.status == 404, "\(path) → \(response.status)")
      #expect(!response.text.contains("top secret"))
    }
    let cached = try FileManager.default.subpathsOfDirectory(atPath: book.url("build/.notes").path)
      .first { !$0.hasSuffix("/") }
    if let cached { #expect(try preview.request("/.notes/\(cached)").status == 404) }
    for method in ["POST", "PUT", "DELETE", "OPTIONS"] {
      let response = try preview.request("/index.html", method: method)
      #expect(response.status == 405, "\(method) → \(response.status)")
    }
    let head = try preview.request("/index.html", method: "HEAD")
    #expect(head.status == 200 && head.body.isEmpty)
    #expect(Int(head.headers["content-length"] ?? "") ?? 0 > 0)
    for (path, type) in [("/assets/notes.css", "text/css"), ("/assets/notes.js", "text/javascript")] {
      let response = try preview.request(path)
      #expect(response.status == 200)
      #expect(response.headers["content-type"]?.hasPrefix(type) == true, "\(path): \(response.headers)")
      #expect(response.body == (try Data(contentsOf: book.url("build" + path))), "served as written")
    }
    #expect(preview.stop(within: 5) != nil)
  }

  /// A book that never built: pages explain why (with the located error) and become the site once
  /// the error is fixed.
  @Test func aFirstBuildThatFailsShowsItsErrorInThePage() async throws {
    try await ChapterLibraries.ready()
    let book = try Workspace()
    try book.write("chapters/01-bad.md", "# Bad\n\n```{swift}\nlet x: Int = \"no\"\n```\n")
    let preview = try PreviewProcess(book)
    let state = try preview.waitForState(seconds: 120, "the failure") { !PreviewProcess.problems($0).isEmpty }
    let location = try #require(PreviewProcess.problems(state).first?["location"] as? String)
    #expect(location.hasPrefix("chapters/01-bad.md:4:"), "\(state)")
    let page = try preview.request("/")
    #expect(page.status == 404)
    #expect(page.text.contains(location) && page.text.contains("/_notes/events"))
    #expect(try preview.request("/.notes/").text == "404 not found\n", "only pages get the explanation")
    try book.edit("chapters/01-bad.md", replacing: "\"no\"", with: "1")
    try preview.waitForState(seconds: 120, "the first site") { PreviewProcess.version($0) >= 1 }
    #expect(try preview.request("/").status == 200)
    #expect(preview.stop(within: 5) != nil)
  }

  /// A chapter whose block runs long: progress shows; editing its code while it runs stops it
  /// and runs the new code; Ctrl-C ends notes and every chapter process within two seconds.
  @Test func longRunsShowProgressAreCancelledOnEditAndStopOnCtrlC() async throws {
    try await ChapterLibraries.ready()
    let book = try Workspace()
    let slow = """
      # Slow

      ```{swift}
      reportProgress(0.25)
      Thread.sleep(forTimeInterval: 120)
      print("slow-done")
      ```

      """
    try book.write("chapters/01-slow.md", slow)
    let preview = try PreviewProcess(book)
    // Progress: the running chapter, its seconds and its reported fraction.
    try preview.waitForState(seconds: 120, "the chapter running with progress") { state in
      let running = state["running"] as? [[String: Any]] ?? []
      return running.contains {
        ($0["chapter"] as? String) == "chapters/01-slow.md" && ($0["fraction"] as? Double) == 0.25
      }
    }
    try preview.waitForState(seconds: 10, "seconds counting") { state in
      (state["running"] as? [[String: Any]] ?? []).contains { ($0["seconds"] as? Int ?? 0) >= 1 }
    }
    #expect(try preview.request("/_notes/state").status == 200)

    // A code edit while it runs: stopped and rerun, the new output shown (not 120 s later).
    let started = Date()
    try book.edit(
      "chapters/01-slow.md", replacing: "Thread.sleep(forTimeInterval: 120)", with: "print(\"fast-now\")")
    try preview.waitForState(seconds: 90, "the rerun") { state in
      !PreviewProcess.building(state) && PreviewProcess.version(state) >= 1
    }
    #expect(Date().timeIntervalSince(started) < 90)
    let page = try preview.request("/01-slow.html").text
    #expect(page.contains("fast-now") && page.contains("slow-done"), "\(preview.log)")
    #expect(preview.stderr.contains("changed while it ran"))

    // Make it slow again, then Ctrl-C while it runs.
    try book.edit(
      "chapters/01-slow.md", replacing: "print(\"fast-now\")", with: "Thread.sleep(forTimeInterval: 121)")
    try preview.waitForState(seconds: 120, "the slow chapter running again") { state in
      !((state["running"] as? [[String: Any]]) ?? []).isEmpty
    }
    // The chapter's program itself (not only its compiler) is running.
    let chapterProgram = "/.notes/cache/work/01-slow/chapter"
    let deadline = Date().addingTimeInterval(120)
    while Date() < deadline && Self.processes(matching: chapterProgram, exact: true) == 0 { usleep(100_000) }
    #expect(Self.processes(matching: chapterProgram, exact: true) > 0, "the chapter program runs")
    let status = preview.stop(SIGINT, within: 2)
    #expect(status == 130, "exit \(String(describing: status))\n\(preview.log)")
    usleep(200_000)
    #expect(Self.processes(matching: "/.notes/cache/work/01-slow/") == 0, "no chapter process survives")
    #expect(book.exists("build/01-slow.html"), "the last complete site stays")
  }

  /// Processes whose command line contains `text` (with `exact`: whose program path ends with it).
  static func processes(matching text: String, exact: Bool = false) -> Int {
    let entries = (try? FileManager.default.contentsOfDirectory(atPath: "/proc")) ?? []
    return entries.filter { Int($0) != nil }.filter { pid in
      guard let data = FileManager.default.contents(atPath: "/proc/\(pid)/cmdline") else { return false }
      let arguments = String(decoding: data, as: UTF8.self).split(separator: "\0")
      if exact { return arguments.first?.hasSuffix(text) == true }
      return arguments.contains { $0.contains(text) }
    }.count
  }
}
