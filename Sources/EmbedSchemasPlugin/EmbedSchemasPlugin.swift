import Foundation
import PackagePlugin

/// Compiles the package's `schemas/*.xsd` into the target as Swift string constants,
/// so that the `illgate` binary validates against exactly the schemas in the repository
/// and never has to find them on disk at run time.
@main
struct EmbedSchemasPlugin: BuildToolPlugin {
    func createBuildCommands(context: PluginContext, target: any Target) async throws -> [Command] {
        let schemaDirectory = context.package.directoryURL.appending(path: "schemas")
        let schemas = try FileManager.default
            .contentsOfDirectory(at: schemaDirectory, includingPropertiesForKeys: nil)
            .filter { $0.pathExtension == "xsd" }
            .sorted { $0.lastPathComponent < $1.lastPathComponent }
        let output = context.pluginWorkDirectoryURL.appending(path: "EmbeddedSchemas.swift")
        return [
            .buildCommand(
                displayName: "Embedding \(schemas.count) ISO 18626 schemas",
                executable: try context.tool(named: "SchemaEmbedder").url,
                arguments: [output.path] + schemas.map(\.path),
                inputFiles: schemas,
                outputFiles: [output]
            )
        ]
    }
}
