// swift-tools-version:6.0
// notes: a literate-notebook generator that turns Markdown lecture chapters into
// reproducible HTML lecture notes. See ARCHITECTURE.md for the pipeline.
import PackageDescription

let package = Package(
  name: "notes",
  products: [
    .executable(name: "notes", targets: ["notes"]),
    // The libraries that chapter programs import (every library product, unless notes.toml
    // names `imports`); notes builds them with SwiftPM in release mode.
    .library(name: "Criticality", targets: ["Criticality"]),
    .library(name: "Figures", targets: ["Figures"]),
    .library(name: "NotebookRuntime", targets: ["NotebookRuntime"]),
  ],
  dependencies: [
    .package(url: "https://github.com/apple/swift-argument-parser", from: "1.5.0"),
    .package(url: "https://github.com/hummingbird-project/swift-mustache", from: "2.0.0"),
    // Exact integers for the 1/n series (Criticality), instead of a hand-written BigInt.
    .package(url: "https://github.com/attaswift/BigInt", from: "6.0.1"),
    // The HTTP server of `notes preview`: pure Swift, no SwiftNIO (see README, "Preview").
    .package(url: "https://github.com/swhitty/FlyingFox", from: "0.27.1"),
  ],
  targets: [
    // MARK: Markdown layer
    .systemLibrary(
      name: "CCmarkGFM",
      pkgConfig: "libcmark-gfm",
      providers: [.apt(["libcmark-gfm-dev", "libcmark-gfm-extensions-dev"])]
    ),
    .target(name: "Markdown", dependencies: ["CCmarkGFM"]),
    // BibTeX reading, citation formatting and the citation lexer (not yet wired into Book).
    .target(name: "Bibliography", dependencies: ["Markdown"]),

    // MARK: Pipeline
    .target(name: "Notebook", dependencies: ["Markdown", "NotebookWire", "RuntimeSources"]),
    // The frames chapter programs write and the engine reads, and SHA-256: shared by both sides,
    // with no dependencies, so the engine does not depend on the chapter-side runtime.
    .target(name: "NotebookWire"),
    // The sources of NotebookRuntime and Figures as data (generated on every build by the
    // EmbedRuntime plugin), so that a
    // `notes` binary can give them to a book whose package does not provide them.
    .target(name: "RuntimeSources", plugins: ["EmbedRuntime"]),
    .executableTarget(name: "embed-runtime"),
    .plugin(name: "EmbedRuntime", capability: .buildTool(), dependencies: ["embed-runtime"]),
    // Full-text search: the index (built from the pipeline's data) and the page script.
    .target(name: "Search"),
    .target(
      name: "Site",
      dependencies: ["Markdown", "Notebook", "Search", .product(name: "Mustache", package: "swift-mustache")]
    ),
    // Headless Chromium through its DevTools protocol (notes pdf, and the browser tests).
    .target(name: "Browser"),
    // The libraries' API reference: symbol graphs → entries → module pages.
    .target(name: "Reference", dependencies: ["Markdown", "Site"]),
    // Book: load chapters → evaluate notebooks → render Markdown → write the site.
    .target(
      name: "Book", dependencies: ["Bibliography", "Markdown", "Notebook", "Reference", "Search", "Site"]),
    // `notes preview`: serves the output folder, watches the sources, rebuilds, live-updates pages.
    .target(
      name: "Preview",
      dependencies: ["Book", "Markdown", "Notebook", .product(name: "FlyingFox", package: "FlyingFox")]
    ),
    .executableTarget(
      name: "notes",
      dependencies: [
        "Book", "Browser", "Markdown", "Notebook", "Preview", "Site",
        .product(name: "ArgumentParser", package: "swift-argument-parser"),
      ]
    ),

    // MARK: Libraries linked into chapter programs
    .target(name: "Figures", linkerSettings: [.linkedLibrary("m")]),
    .target(
      name: "Criticality", dependencies: [.product(name: "BigInt", package: "BigInt")],
      linkerSettings: [.linkedLibrary("m")]),
    // Swift 5 mode: the runtime shares C's `stdout` with `print`, which Swift 6 flags.
    .target(
      name: "NotebookRuntime", dependencies: ["Figures", "NotebookWire"],
      swiftSettings: [.swiftLanguageMode(.v5)]),

    // MARK: Benchmarks (executables that print figures; run with -c release)
    .executableTarget(name: "criticality-bench", dependencies: ["Criticality"]),
    .executableTarget(name: "markdown-bench", dependencies: ["Markdown"]),
    .executableTarget(name: "notes-bench"),
    .executableTarget(name: "preview-bench"),

    // MARK: Tests
    .testTarget(name: "MarkdownTests", dependencies: ["Markdown"]),
    .testTarget(name: "BibliographyTests", dependencies: ["Bibliography", "Markdown"]),
    .testTarget(name: "SiteTests", dependencies: ["Site", "Markdown"]),
    .testTarget(name: "SearchTests", dependencies: ["Search"]),
    .testTarget(name: "BrowserTests", dependencies: ["Browser"]),
    .testTarget(name: "ReferenceTests", dependencies: ["Reference", "Markdown", "Site"]),
    .testTarget(name: "BookTests", dependencies: ["Book", "Markdown", "Notebook", "Site"]),
    .testTarget(
      name: "NotebookTests",
      dependencies: ["Markdown", "Notebook", "NotebookRuntime", "NotebookWire", "RuntimeSources"]),
    .testTarget(name: "FiguresTests", dependencies: ["Figures"], resources: [.copy("Snapshots")]),
    .testTarget(
      name: "CriticalityTests",
      dependencies: ["Criticality", .product(name: "BigInt", package: "BigInt")]),
    .testTarget(name: "PreviewTests", dependencies: ["Preview", "Markdown"]),
    .testTarget(name: "EndToEndTests", dependencies: ["notes", "Browser"], resources: [.copy("Fixtures")]),
  ]
)
