import Foundation

/// The compiler settings of the chapter libraries' release build, beyond SwiftPM's `-c release`.
enum LibraryBuildSettings {
  /// `swift build` arguments:
  /// - `-gnone`: no debug info (SwiftPM's release default is `-g`), about a tenth of the build's
  ///   CPU time. Chapter programs keep theirs, so a crash still points at the chapter line;
  ///   library frames show function names without file and line.
  /// - `-target-cpu native`: the libraries run only on the machine that built them, so they use
  ///   its vector units (AVX2 where present: four doubles per instruction in the samplers and
  ///   the training loops). Swift emits no fused multiply-adds and no reassociation without
  ///   being told, so every result is bit for bit the same as with the baseline CPU.
  static let arguments = ["-Xswiftc", "-gnone", "-Xswiftc", "-target-cpu", "-Xswiftc", "native"]

  /// What the settings produce on this machine, for the libraries' hash: the arguments and the
  /// host CPU's feature flags (`native` means different code on a different CPU).
  static var fingerprint: String {
    let cpu =
      (try? String(contentsOfFile: "/proc/cpuinfo", encoding: .utf8))?
      .split(separator: "\n").first { $0.hasPrefix("flags") }.map(String.init) ?? ""
    return arguments.joined(separator: " ") + "\0" + cpu
  }
}
