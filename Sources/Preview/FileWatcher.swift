import Foundation

#if canImport(Glibc)
  import Glibc
#endif

/// Watches folders with Linux's inotify and reports changed paths in coalesced bursts.
///
/// Every folder under each tree is watched (new subfolders are added as they appear); a plain
/// folder is watched alone (for the book's folder: `notes.toml`, not the output beside it). Editors
/// save by writing a temporary file and renaming it over the original, or by truncating and
/// writing in several steps: all of it arrives within a few milliseconds, so events are
/// gathered until `quiet` seconds pass without one, then handed over as one sorted set of paths.
public final class FileWatcher: @unchecked Sendable {
  private let fd: Int32
  private var folders: [Int32: (path: String, recursive: Bool)] = [:]
  private let quiet: Double
  private let onChange: @Sendable ([String]) -> Void
  private let lock = NSLock()

  /// What inotify reports: a file written and closed, created, removed, moved in or out.
  private static let mask: UInt32 = UInt32(
    IN_CLOSE_WRITE | IN_CREATE | IN_DELETE | IN_MOVED_TO | IN_MOVED_FROM | IN_MODIFY | IN_ATTRIB
      | IN_DELETE_SELF | IN_MOVE_SELF)

  /// Starts watching `trees` and `folders` (those that exist) on a thread of its own.
  public init?(
    trees: [URL], folders plain: [URL], quiet: Double = 0.06, onChange: @escaping @Sendable ([String]) -> Void
  ) {
    fd = inotify_init1(Int32(IN_CLOEXEC))
    guard fd >= 0 else { return nil }
    self.quiet = quiet
    self.onChange = onChange
    for root in trees { add(root.standardizedFileURL.path, recursive: true) }
    for folder in plain { add(folder.standardizedFileURL.path, recursive: false) }
    let thread = Thread { [self] in loop() }
    thread.name = "notes-preview-watcher"
    thread.start()
  }

  /// The folders watched (absolute paths, sorted).
  public var watchedFolders: [String] { lock.withLock { folders.values.map(\.path).sorted() } }

  private func add(_ path: String, recursive: Bool) {
    guard SiteFiles.isDirectory(path) else { return }
    let wd = inotify_add_watch(fd, path, Self.mask)
    if wd >= 0 { lock.withLock { folders[wd] = (path, recursive) } }
    guard recursive, let names = try? FileManager.default.contentsOfDirectory(atPath: path) else { return }
    for name in names.sorted() where !Self.ignoredFolder(name) {
      let child = path + "/" + name
      var info = stat()
      if lstat(child, &info) == 0 && (info.st_mode & S_IFMT) == S_IFDIR { add(child, recursive: true) }
    }
  }

  /// Folders never worth watching: build products and version control.
  static func ignoredFolder(_ name: String) -> Bool {
    name.hasPrefix(".") || name == "build"
  }

  private func loop() {
    var buffer = [UInt8](repeating: 0, count: 64 * 1024)
    var pending = Set<String>()
    while true {
      var poller = pollfd(fd: fd, events: Int16(POLLIN), revents: 0)
      // Block until something happens; once events are pending, wait only `quiet` for more.
      let timeout: Int32 = pending.isEmpty ? -1 : Int32(quiet * 1000)
      let ready = poll(&poller, 1, timeout)
      if ready < 0 {
        if errno == EINTR { continue }
        return
      }
      if ready == 0 {
        let paths = pending.sorted()
        pending.removeAll()
        onChange(paths)
        continue
      }
      let count = buffer.withUnsafeMutableBytes { read(fd, $0.baseAddress, $0.count) }
      if count <= 0 {
        if count < 0 && (errno == EINTR || errno == EAGAIN) { continue }
        return
      }
      var offset = 0
      while offset + MemoryLayout<inotify_event>.size <= count {
        let (wd, mask, length) = buffer.withUnsafeBytes { raw -> (Int32, UInt32, Int) in
          let event = raw.loadUnaligned(fromByteOffset: offset, as: inotify_event.self)
          return (event.wd, event.mask, Int(event.len))
        }
        let nameStart = offset + MemoryLayout<inotify_event>.size
        let nameBytes = buffer[nameStart..<min(count, nameStart + length)].prefix { $0 != 0 }
        let name = String(decoding: nameBytes, as: UTF8.self)
        offset = nameStart + length
        guard let (folder, recursive) = lock.withLock({ folders[wd] }) else { continue }
        if mask & UInt32(IN_IGNORED) != 0 {
          _ = lock.withLock { folders.removeValue(forKey: wd) }
          continue
        }
        let path = name.isEmpty ? folder : folder + "/" + name
        if recursive && mask & UInt32(IN_ISDIR) != 0 && mask & UInt32(IN_CREATE | IN_MOVED_TO) != 0
          && !Self.ignoredFolder(name)
        {
          add(path, recursive: true)
        }
        pending.insert(path)
      }
    }
  }
}
