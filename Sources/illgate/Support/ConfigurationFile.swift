import Daemon
import Foundation

/// The configuration file a command works with, read the same way by every command.
///
/// `--config FILE` names it; without the option, `$ILLGATE_CONFIG`, else `config/illgate.toml`. A file that
/// is missing, unreadable or invalid is an error naming it: no command falls back to another file or to a
/// default database, so a mistyped `--config` never shows another library's data.
enum ConfigurationFile {
    /// The path a command reads: `option`, else `$ILLGATE_CONFIG` (when set and not empty), else `config/illgate.toml`.
    static func path(_ option: String?, environment: [String: String] = ProcessInfo.processInfo.environment) -> String {
        option ?? DaemonConfiguration.defaultPath(environment: environment)
    }

    /// Reads and validates the configuration named by `option` (see ``path(_:environment:)``).
    /// - Throws: ``CommandFailure`` naming the file and every problem in it.
    static func load(_ option: String?) throws(CommandFailure) -> (path: String, configuration: DaemonConfiguration) {
        let environment = ProcessInfo.processInfo.environment
        let path = path(option, environment: environment)
        do {
            return (path, try DaemonConfiguration.load(path: path, environment: environment))
        } catch {
            throw CommandFailure("cannot use the configuration \(path):\n\(error.description)")
        }
    }
}
