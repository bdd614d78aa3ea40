import Daemon
import Foundation
import Testing

/// Helpers for the configuration tests: parsing text, the repository's files, temporary directories.
enum ConfigurationTestSupport {
    /// The smallest valid configuration.
    static let minimal = """
        [library]
        agency_ids = ["ISIL:US-NNC"]

        """

    /// The file name problems carry in these tests.
    static let file = "illgate.toml"

    /// The working directory relative paths resolve against in these tests.
    static let workingDirectory = "/srv/illgate"

    /// Parses text that must be valid.
    static func parse(_ text: String, environment: [String: String] = [:], workingDirectory: String = workingDirectory) throws -> DaemonConfiguration {
        try DaemonConfiguration.parse(text: text, path: file, environment: environment, workingDirectory: workingDirectory)
    }

    /// The problems of text that must be invalid (none when it turns out valid, which the tests then notice).
    static func problems(_ text: String, environment: [String: String] = [:], workingDirectory: String = workingDirectory) -> [ConfigurationProblem] {
        do {
            _ = try DaemonConfiguration.parse(text: text, path: file, environment: environment, workingDirectory: workingDirectory)
            return []
        } catch {
            return error.problems
        }
    }

    /// The one problem of text that must have exactly one.
    static func problem(_ text: String, environment: [String: String] = [:], sourceLocation: SourceLocation = #_sourceLocation) throws -> ConfigurationProblem {
        let found = problems(text, environment: environment)
        #expect(found.count == 1, "expected one problem, found \(found.map(\.description))", sourceLocation: sourceLocation)
        return try #require(found.first, sourceLocation: sourceLocation)
    }

    /// The repository root, found from this file.
    static var repositoryRoot: URL {
        URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
    }

    /// A new empty directory for files a test writes; removed by the caller with `removeItem`.
    static func temporaryDirectory() throws -> URL {
        let url = FileManager.default.temporaryDirectory.appendingPathComponent("illgate-config-\(UUID().uuidString)", isDirectory: true)
        try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
        return url
    }
}
