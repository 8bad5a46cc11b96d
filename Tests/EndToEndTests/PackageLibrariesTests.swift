import Foundation
import Testing

/// Issue 11: chapters import the library products of the book's own Swift package, built by
/// SwiftPM with their whole dependency graph; a `notes` binary copied out of its checkout
/// works in any book.
@Suite struct PackageLibrariesTests {
  /// A course package: `Optics` depends on `Lenses`, which depends on swift-numerics (a
  /// package from outside, with a C module), and neither provides the runtime or `Figures`.
  static let manifest = """
    // swift-tools-version:6.0
    import PackageDescription

    let package = Package(
      name: "course",
      products: [
        .library(name: "Optics", targets: ["Optics"]),
        .library(name: "Lenses", targets: ["Lenses"]),
      ],
      dependencies: [.package(url: "https://github.com/apple/swift-numerics", from: "1.1.1")],
      targets: [
        .target(name: "Lenses", dependencies: [.product(name: "Numerics", package: "swift-numerics")]),
        .target(name: "Optics", dependencies: ["Lenses"]),
      ]
    )

    """

  static func lenses(power: String) -> String {
    """
    import Numerics

    /// The modulus of (1 + i)^power, computed with swift-numerics' `Complex`.
    public func modulus(power: Int) -> Double {
      var z = Complex<Double>.one
      for _ in 0..<power { z = z * Complex(1, 1) }
      return z.length * \(power)
    }

    """
  }

  static let optics = """
    import Lenses

    /// Focal length of a thin lens with radii r1 and r2 and index n (the lensmaker's equation).
    public func focalLength(n: Double, r1: Double, r2: Double) -> Double {
      1 / ((n - 1) * (1 / r1 - 1 / r2))
    }

    /// Twice `Lenses.modulus`: a module depending on another of the package.
    public func doubled(_ power: Int) -> Double { 2 * modulus(power: power) }

    """

  static let chapter = """
    # Optics

    ```{swift}
    print("f =", focalLength(n: 1.5, r1: 0.1, r2: -0.1))
    print("m =", doubled(2))
    var fig = Figure(title: "A line")
    fig.line(x: [0, 1, 2], y: [0, 1, 4], label: "y")
    show(fig)
    ```

    Modulus: `{swift} modulus(power: 2)`.

    """

  @Test func aCopiedBinaryBuildsABookWithItsOwnPackageAndDependencies() throws {
    let book = try Workspace()
    try book.write("Package.swift", Self.manifest)
    try book.write("Sources/Lenses/Lenses.swift", Self.lenses(power: "1"))
    try book.write("Sources/Optics/Optics.swift", Self.optics)
    try book.write("notes.toml", "title = \"Optics\"\n")
    try book.write("chapters/01-optics.md", Self.chapter)

    // The binary, copied outside the checkout: it must not need the checkout's sources.
    let bin = FileManager.default.temporaryDirectory.appendingPathComponent("notes-bin-\(UUID().uuidString)")
    try FileManager.default.createDirectory(at: bin, withIntermediateDirectories: true)
    defer { try? FileManager.default.removeItem(at: bin) }
    let copy = bin.appendingPathComponent("notes")
    try FileManager.default.copyItem(at: NotesCLI.executable, to: copy)

    let first = try NotesCLI.run(["build"], in: book.root, executable: copy)
    try #require(first.status == 0, "\(first)")
    let page = try book.read("build/01-optics.html")
    #expect(page.contains("f = 0.1"), "\(page)")
    // 2 · |(1 + i)²| · 1 = 4.
    #expect(page.contains("m = 4.0"), "\(page)")
    #expect(page.contains("<svg"), "the shipped Figures draws")
    #expect(book.exists(".build-notes/chapter-libraries/Package.swift"))

    // A warm build does not call SwiftPM and re-executes nothing.
    let warm = try NotesCLI.run(["build"], in: book.root, executable: copy)
    try #require(warm.status == 0, "\(warm)")
    #expect(warm.stdout.contains("0 executed"), "\(warm)")
    #expect(!warm.stdout.contains("libraries"), "\(warm)")

    // Editing a module the chapter reaches through another re-builds and re-runs it.
    try book.write("Sources/Lenses/Lenses.swift", Self.lenses(power: "3"))
    let edited = try NotesCLI.run(["build"], in: book.root, executable: copy)
    try #require(edited.status == 0, "\(edited)")
    #expect(edited.stdout.contains("1 executed"), "\(edited)")
    let after = try book.read("build/01-optics.html")
    // 2 · |(1 + i)²| · 3 = 12.
    #expect(after.contains("m = 12.0"), "\(after)")
  }

  @Test func aMistypedImportInNotesTomlIsAnError() throws {
    let book = try Workspace()
    try book.write("notes.toml", "title = \"T\"\nimports = [\"Criticality\", \"Optcs\"]\n")
    try book.write("chapters/01-a.md", "# A\n\n```{swift}\nprint(1)\n```\n")
    let result = try book.notes("build")
    #expect(result.status != 0)
    #expect(result.stderr.contains("notes.toml: error: imports names 'Optcs'"), "\(result)")
  }
}
