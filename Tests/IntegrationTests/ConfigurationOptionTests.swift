import Foundation
import Testing

/// Every command that reads a configuration treats `--config` the same way: a missing or invalid file is an
/// error naming it, never a silent fallback (on a host with several libraries, the default database would be
/// another library's).
@Suite(.enabled(if: IllgateBinary.url != nil, "the illgate executable was not built"))
struct ConfigurationOptionTests {
    /// Every subcommand that takes `--config` (or, for check-config, the file itself), with the arguments it
    /// needs otherwise; `FILE` stands for the configuration.
    static let commands: [[String]] = [
        ["serve", "--config", "FILE"],
        ["check-config", "FILE"],
        ["request", "--config", "FILE", "--peer", "lender", "--title", "Moby-Dick"],
        ["tx", "list", "--config", "FILE"],
        ["tx", "show", "--config", "FILE", "1"],
        ["tx", "action", "--config", "FILE", "1", "willSupply"],
        ["outbox", "list", "--config", "FILE"],
        ["outbox", "retry", "--config", "FILE", "1"],
        ["outbox", "drop", "--config", "FILE", "1"],
        ["review", "list", "--config", "FILE"],
        ["review", "approve", "--config", "FILE", "1"],
        ["review", "refuse", "--config", "FILE", "1"],
        ["holdings", "import", "--config", "FILE", "holdings.csv"],
        ["policy", "explain", "--config", "FILE", "request.xml"],
        ["report", "activity", "--config", "FILE"],
        ["report", "copyright", "--config", "FILE", "--year", "2026"],
        ["royalties", "list", "--config", "FILE"],
        ["royalties", "pay", "--config", "FILE", "--batch", "INV-1", "1"],
        ["refusals", "--config", "FILE"],
    ]

    /// Runs `illgate ARGS` in `directory`, without `ILLGATE_*` variables.
    static func run(_ arguments: [String], in directory: URL) throws -> (status: Int32, error: String) {
        let environment = ProcessInfo.processInfo.environment.filter { !$0.key.hasPrefix("ILLGATE_") }
        let result = try IllgateBinary.runProcess(try #require(IllgateBinary.url), arguments, in: directory, environment: environment)
        return (result.status, result.error)
    }

    @Test("A missing or invalid --config is an error naming the file, for every command", arguments: [false, true])
    func badConfigurationIsAnError(fileExists: Bool) throws {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("illgate-config-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: directory.appendingPathComponent("data"), withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: directory) }
        // What a fallback would find: the default configuration and database of another library.
        try FileManager.default.createDirectory(at: directory.appendingPathComponent("config"), withIntermediateDirectories: true)
        try "[library]\nagency_ids = [\"ISIL:XX-OTHER\"]\n".write(to: directory.appendingPathComponent("config/illgate.toml"), atomically: true, encoding: .utf8)
        FileManager.default.createFile(atPath: directory.appendingPathComponent("data/illgate.sqlite").path, contents: Data())
        try "isbn,title\n".write(to: directory.appendingPathComponent("holdings.csv"), atomically: true, encoding: .utf8)
        try "<ISO18626Message/>".write(to: directory.appendingPathComponent("request.xml"), atomically: true, encoding: .utf8)

        let file = directory.appendingPathComponent(fileExists ? "library-b.toml" : "library-b-typo.toml").path
        if fileExists {
            try "[library]\nagency_ids = 42\n".write(toFile: file, atomically: true, encoding: .utf8)
        }
        for command in Self.commands {
            let arguments = command.map { $0 == "FILE" ? file : $0 }
            let result = try Self.run(arguments, in: directory)
            let name = command.prefix { $0 != "--config" && $0 != "FILE" }.joined(separator: " ")
            #expect(result.status != 0, "illgate \(name) with a bad --config exited 0")
            #expect(result.error.contains(file), "illgate \(name) does not name the file: \(result.error)")
            if fileExists {
                #expect(result.error.contains("library.agency_ids"), "illgate \(name): \(result.error)")
            } else {
                #expect(result.error.contains("no such file"), "illgate \(name): \(result.error)")
            }
        }
    }
}
