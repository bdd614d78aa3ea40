import ArgumentParser
import Daemon
import Foundation

/// `illgate check-config`: validates a configuration file the way `illgate serve` reads it, without starting anything.
struct CheckConfigCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "check-config",
        abstract: "Check a configuration file without starting anything.",
        discussion: """
            Reads FILE as 'illgate serve' would, with the same environment overrides \
            (\(EnvironmentOverride.allCases.map(\.variable).joined(separator: ", "))), reads the secret files it names \
            and checks that the TLS files exist. Prints 'FILE: ok (N peers, http HOST:PORT, tcp HOST:PORT, database PATH)' \
            on standard output, or every problem on its own line on standard error as 'FILE:LINE: KEY: what is wrong', \
            in file order, and exits with status 78 (EX_CONFIG, as 'illgate serve' does: systemd does not restart on it). \
            A file that cannot be read says why: 'no such file' or 'permission denied'.
            """
    )

    @Argument(help: ArgumentHelp("The configuration file (default: $ILLGATE_CONFIG, else config/illgate.toml).", valueName: "file"))
    var file: String?

    func run() throws {
        let environment = ProcessInfo.processInfo.environment
        let path = ConfigurationFile.path(file, environment: environment)
        do {
            let configuration = try DaemonConfiguration.load(path: path, environment: environment)
            print("\(path): ok (\(configuration.summary))")
        } catch {
            let report = error.problems.map { $0.description + "\n" }.joined()
            FileHandle.standardError.write(Data(report.utf8))
            throw ExitCode(78)  // EX_CONFIG, the status serve exits with on the same file
        }
    }
}
