import ArgumentParser
import Book
import Foundation
import Notebook
import Preview

#if canImport(Glibc)
  import Glibc
#endif

extension Notes {
  struct Preview: ParsableCommand {
    static let configuration = CommandConfiguration(
      abstract: "Build, serve the site on 127.0.0.1, and rebuild and update open pages on every change.",
      discussion: """
        Watches the chapters, notes.toml, references.bib, theme/ and the sources of the \
        libraries chapters import. A prose edit re-renders without running code; a block edit \
        re-runs that chapter. Errors and progress show in the page. The served files are what \
        `notes build` writes (plus a small live-update script added to pages as they are sent). \
        Ctrl-C stops the server, the watcher and every chapter program.
        """)

    @Option(name: .long, help: "The folder of Markdown chapters.")
    var chapters = "chapters"

    @Option(name: .long, help: "The output folder (as for notes build).")
    var output = "build"

    @Option(name: .long, help: "The port (default: 4000, or the first free one after it; 0: any free port).")
    var port: Int?

    @Option(
      name: .long,
      help: "The address to listen on (default 127.0.0.1; another one exposes the book to the network).")
    var host = "127.0.0.1"

    @Flag(name: .long, help: "Open the site in a browser (xdg-open) once it is built.")
    var open = false

    @Option(help: "Chapters compiled, run, parsed and rendered at once (default: the number of cores).")
    var jobs: Int?

    @Option(
      name: .customLong("package-path"),
      help: "The Swift package whose library products chapters import (as for notes build).")
    var packagePath: String?

    func validate() throws {
      if let jobs, jobs < 1 { throw ValidationError("--jobs must be at least 1") }
      if let port, !(0...65535).contains(port) { throw ValidationError("--port must be between 0 and 65535") }
    }

    func run() throws {
      // Ctrl-C, SIGTERM, SIGHUP: kill every chapter process group, finish a site switch in
      // progress, exit. A page that goes away mid-write must not end notes (SIGPIPE).
      Interruption.install()
      signal(SIGPIPE, SIG_IGN)
      let chaptersURL = url(chapters)
      var options = BuildOptions(
        chaptersDirectory: chaptersURL, outputDirectory: url(output),
        projectDirectory: chaptersURL.deletingLastPathComponent())
      options.packagePath = packagePath.map(url)
      if let jobs { options.jobs = jobs }
      options.notice = { say("notes: \($0)") }

      let host = self.host == "localhost" ? "127.0.0.1" : self.host
      let wanted: UInt16
      if let port {
        wanted = UInt16(port)
      } else {
        guard let free = PreviewServer.firstFreePort(host: host, from: 4000) else {
          throw ValidationError("no free port from 4000 to 4100 on \(host); name one with --port")
        }
        wanted = free
      }
      let channel = LiveChannel()
      let server: PreviewServer
      do {
        server = try PreviewServer(root: options.outputDirectory, channel: channel, host: host, port: wanted)
      } catch {
        throw ValidationError("cannot listen on \(host):\(wanted): \(error)")
      }
      let failed = LockedBox<String?>(nil)
      Task.detached {
        do { try await server.run() } catch { failed.value = "\(error)" }
      }
      let bound = LockedBox<UInt16?>(nil)
      let listening = DispatchSemaphore(value: 0)
      Task.detached {
        bound.value = try? await server.listeningPort()
        listening.signal()
      }
      listening.wait()
      guard let actualPort = bound.value else {
        throw ValidationError(
          "cannot listen on \(host):\(wanted): \(failed.value ?? "the server did not start")")
      }
      let shownHost = host.contains(":") ? "[\(host)]" : host
      let address = "http://\(shownHost):\(actualPort)/"
      say(
        "notes: serving \(Book.displayPath(options.outputDirectory))/ at \(address) (Ctrl-C stops)",
        stdout: true)
      if !["127.0.0.1", "::1"].contains(host) {
        say("notes: listening on \(host): other machines can read the book")
      }

      let display = ProgressDisplay()
      let session = PreviewSession(
        options: options, channel: channel, terminalProgress: display.reporter,
        log: { message in
          display.finish()
          say(message)
        })
      let watcher = FileWatcher(trees: session.plan.trees, folders: session.plan.folders) { paths in
        session.sourcesChanged(paths)
      }
      if watcher == nil { say("notes: cannot watch files (inotify): rebuilds will not happen on changes") }
      session.start()
      if open {
        session.waitForFirstBuild()
        let path = ProcessInfo.processInfo.environment["PATH"] ?? "/usr/bin:/bin"
        if let opener = path.split(separator: ":").map({ "\($0)/xdg-open" }).first(where: {
          FileManager.default.isExecutableFile(atPath: $0)
        }) {
          let process = Process()
          process.executableURL = URL(fileURLWithPath: opener)
          process.arguments = [address]
          try? process.run()
        } else {
          say("notes: no xdg-open here: open \(address) in a browser")
        }
      }
      withExtendedLifetime(watcher) {
        while true { pause() }
      }
    }
  }
}

/// Writes a line at once (stdout may be a file, which would buffer it).
private func say(_ message: String, stdout: Bool = false) {
  let bytes = Array((message + "\n").utf8)
  _ = bytes.withUnsafeBytes { write(stdout ? 1 : 2, $0.baseAddress, $0.count) }
}

/// A value shared between threads.
final class LockedBox<Value>: @unchecked Sendable {
  private let lock = NSLock()
  private var stored: Value
  init(_ value: Value) { stored = value }
  var value: Value {
    get { lock.withLock { stored } }
    set { lock.withLock { stored = newValue } }
  }
}
