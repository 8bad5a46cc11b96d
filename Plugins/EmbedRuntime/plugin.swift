import Foundation
import PackagePlugin

/// Generates `RuntimeSources.files` from the package's `Figures`, `NotebookRuntime` and `NotebookWire` folders on
/// every build where they changed, so the copy compiled into `notes` never goes stale and
/// nothing generated is committed.
@main struct EmbedRuntime: BuildToolPlugin {
  func createBuildCommands(context: PluginContext, target: Target) throws -> [Command] {
    let sources = context.package.directoryURL.appendingPathComponent("Sources")
    let modules = ["Figures", "NotebookRuntime", "NotebookWire"].map { sources.appendingPathComponent($0) }
    var inputs: [URL] = []
    for module in modules {
      let enumerator = FileManager.default.enumerator(at: module, includingPropertiesForKeys: nil)
      while let url = enumerator?.nextObject() as? URL {
        if url.pathExtension == "swift" { inputs.append(url) }
      }
    }
    let output = context.pluginWorkDirectoryURL.appendingPathComponent("RuntimeSourcesFiles.swift")
    return [
      .buildCommand(
        displayName: "Embedding the runtime's sources",
        executable: try context.tool(named: "embed-runtime").url,
        arguments: [output.path] + modules.map(\.path),
        inputFiles: inputs, outputFiles: [output])
    ]
  }
}
