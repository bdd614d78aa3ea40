import ArgumentParser
import Daemon
import Foundation

/// `illgate serve`: runs the gateway daemon.
struct ServeCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "serve",
        abstract: "Run the gateway: ISO 18626 listeners, outbox delivery and the admin API.",
        discussion: "Stops gracefully on SIGTERM or SIGINT. SIGHUP re-reads the configuration and applies [library], [[peers]] and [policy] at once; listener, storage, admin, logging and delivery changes wait for a restart."
    )

    @Option(help: "The configuration file (default: $ILLGATE_CONFIG, else config/illgate.toml).")
    var config: String?

    func run() async throws {
        let environment = ProcessInfo.processInfo.environment
        let path = ConfigurationFile.path(config, environment: environment)
        let configuration: DaemonConfiguration
        do {
            configuration = try DaemonConfiguration.load(path: path, environment: environment)
        } catch {
            FileHandle.standardError.write(Data("illgate: cannot use the configuration \(path):\n\(error.description)\n".utf8))
            throw ExitCode(78)  // EX_CONFIG: systemd does not restart-loop on a broken file
        }
        try await IllgateDaemon.run(configuration: configuration, environment: environment)
    }
}
