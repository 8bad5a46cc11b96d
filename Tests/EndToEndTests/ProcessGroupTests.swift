import Foundation
import Testing

#if canImport(Glibc)
  import Glibc
#endif

/// Issue 10, cases 7 and 5 (signals): a chapter runs in a process group of its own that is
/// killed when the chapter ends, times out, or `notes` is interrupted, so nothing it spawned
/// holds the build open, prints into the page or keeps a core busy after `notes` has gone.
@Suite struct ProcessGroupTests {
  /// Whether a live (not zombie) process's command line contains `needle`.
  static func processAlive(commandLineContaining needle: String) -> Bool {
    let me = getpid()
    for name in (try? FileManager.default.contentsOfDirectory(atPath: "/proc")) ?? [] {
      guard let pid = pid_t(name), pid != me,
        let command = try? Data(contentsOf: URL(fileURLWithPath: "/proc/\(name)/cmdline")),
        String(decoding: command, as: UTF8.self).contains(needle)
      else { continue }
      if isAlive(pid) { return true }
    }
    return false
  }

  /// Whether `pid` is a running (not zombie) process.
  static func isAlive(_ pid: pid_t) -> Bool {
    guard let stat = try? String(contentsOfFile: "/proc/\(pid)/stat", encoding: .utf8),
      let close = stat.lastIndex(of: ")")
    else { return false }
    let state = stat[stat.index(after: close)...].trimmingCharacters(in: .whitespaces).prefix(1)
    return state != "Z" && state != "X"
  }

  /// Waits up to `seconds` for `condition`.
  static func eventually(_ seconds: Double, _ condition: () -> Bool) -> Bool {
    let deadline = Date().addingTimeInterval(seconds)
    while Date() < deadline {
      if condition() { return true }
      Thread.sleep(forTimeInterval: 0.05)
    }
    return condition()
  }

  @Test func spawnedChildrenDieWithTheChapterAndNeverPrintIntoIt() async throws {
    try await ChapterLibraries.ready()
    let book = try Workspace()
    let tag = "late-\(UUID().uuidString.prefix(8))"
    // One grandchild stays in the chapter's group, one leaves it (setsid).
    try book.write(
      "chapters/01-spawn.md",
      """
      # Spawn

      ```{swift}
      for arguments in [["-c", "sleep 25; echo \(tag)-group"], ["-c", "setsid sh -c 'sleep 25; echo \(tag)-session'"]] {
        let child = Process()
        child.executableURL = URL(fileURLWithPath: "/bin/sh")
        child.arguments = arguments
        try child.run()
      }
      print("started")
      ```

      ```{swift}
      print("second block")
      ```
      """)
    let result = try book.notes("build")
    #expect(result.status == 0, "\(result)")
    // The build does not wait for the grandchildren (they sleep 25 s).
    #expect(result.seconds < 20, "\(result)")
    let page = try book.read("build/01-spawn.html")
    #expect(page.contains("started"))
    #expect(page.contains("second block"))
    // Their late output lands nowhere (the code listing names it once, in the command).
    #expect(!page.contains("\(tag)-group\n"), "\(page)")
    #expect(!result.stderr.contains(tag) && !result.stdout.contains(tag), "\(result)")
    #expect(Self.eventually(3) { !Self.processAlive(commandLineContaining: tag) }, "a grandchild survived")
  }

  /// A timeout names the block that was running, and frames of the engine's protocol (here
  /// forged malformed with the run's own nonce, on stdout and stderr) are never shown.
  @Test func aTimeoutNamesItsBlockAndNoFrameIsShown() async throws {
    try await ChapterLibraries.ready()
    let book = try Workspace()
    let text = """
      # Frames

      ```{swift}
      let nonce = ProcessInfo.processInfo.environment["NOTES_NONCE"] ?? "none"
      print("before\\u{1E}\\(nonce):{not json\\u{1E}after")
      FileHandle.standardError.write(Data("warn\\u{1E}\\(nonce):{\\"kind\\":\\n".utf8))
      ```

      ```{swift}
      //| timeout: 2
      print("waiting")
      Thread.sleep(forTimeInterval: 60)
      ```
      """
    try book.write("chapters/01-frames.md", text)
    let result = try book.notes("build", "--keep-going")
    #expect(result.status == 1, "\(result)")
    #expect(result.seconds < 30, "\(result)")
    let fence = try #require(SourceText.fence(before: "Thread.sleep", in: text))
    let error = try #require(
      result.stderr.split(separator: "\n").first { $0.hasPrefix("chapters/01-frames.md:\(fence): error: ") },
      "\(result)")
    #expect(error.contains("timeout of 2 s"), "\(result)")
    #expect(!result.stderr.contains("\u{1E}") && !result.stderr.contains("\"kind\""), "\(result)")
    let page = try book.read("build/01-frames.html")
    #expect(page.contains("beforeafter"), "\(page)")
    #expect(!page.contains("\u{1E}"))
  }

  /// A busy chapter, then `signal` to `notes`: it exits 128 + signal at once, and the chapter's
  /// process and what it spawned are gone.
  @Test(arguments: [("INT", SIGINT), ("TERM", SIGTERM), ("HUP", SIGHUP)])
  func aSignalToNotesStopsTheChapter(name: String, signal: Int32) async throws {
    try await ChapterLibraries.ready()
    let book = try Workspace()
    let tag = "busy-\(UUID().uuidString.prefix(8))"
    try book.write(
      "chapters/01-busy.md",
      """
      # Busy

      ```{swift}
      let helper = Process()
      helper.executableURL = URL(fileURLWithPath: "/bin/sh")
      helper.arguments = ["-c", "sleep 30; echo \(tag)"]
      try helper.run()
      try String(getpid()).write(toFile: "running", atomically: true, encoding: .utf8)
      var steps = 0
      while true { steps &+= 1 }
      ```
      """)
    let notes = Process()
    notes.executableURL = NotesCLI.executable
    notes.arguments = ["build"]
    notes.currentDirectoryURL = book.root
    notes.environment = NotesCLI.environment(in: book.root)
    notes.standardOutput = FileHandle.nullDevice
    notes.standardError = FileHandle.nullDevice
    notes.standardInput = FileHandle.nullDevice
    try notes.run()
    let started = Self.eventually(120) { book.exists("running") && ((try? book.read("running")) ?? "") != "" }
    guard started else {
      notes.terminate()
      notes.waitUntilExit()
      Issue.record("the chapter did not start")
      return
    }
    let chapter = try #require(pid_t(try book.read("running")))
    #expect(Self.isAlive(chapter))
    let sent = Date()
    kill(notes.processIdentifier, signal)
    notes.waitUntilExit()
    #expect(Date().timeIntervalSince(sent) < 10)
    #expect(notes.terminationReason == .exit)
    #expect(notes.terminationStatus == 128 + signal, "\(name)")
    #expect(Self.eventually(3) { !Self.isAlive(chapter) }, "the chapter program survived SIG\(name)")
    #expect(
      Self.eventually(3) { !Self.processAlive(commandLineContaining: tag) }, "its child survived SIG\(name)")
  }
}
