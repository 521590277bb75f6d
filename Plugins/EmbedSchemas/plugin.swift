import Foundation
import PackagePlugin

/// Embeds every file of the top-level `schemas/` folder into the target as a
/// Swift source, so that the program validates against exactly those files and
/// an installed binary does not depend on the source tree.
@main
struct EmbedSchemas: BuildToolPlugin {
  func createBuildCommands(context: PluginContext, target: Target) throws -> [Command] {
    let folder = context.package.directoryURL.appending(path: "schemas")
    let names = try FileManager.default.contentsOfDirectory(atPath: folder.path)
      .filter { $0.hasSuffix(".xsd") || $0.hasSuffix(".json") || $0.hasSuffix(".toml") }
      .sorted()
    let inputs = names.map { folder.appending(path: $0) }
    let output = context.pluginWorkDirectoryURL.appending(path: "EmbeddedSchemas.swift")
    return [
      .buildCommand(
        displayName: "Embedding \(names.count) schema files",
        executable: try context.tool(named: "schema-embedder").url,
        arguments: [output.path] + inputs.map(\.path),
        inputFiles: inputs,
        outputFiles: [output]
      )
    ]
  }
}
