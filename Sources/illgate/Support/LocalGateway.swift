import Daemon
import Foundation
import Gateway
import Policy
import Store

/// The configuration and database of this installation, opened directly (for commands that read or
/// import while the daemon may be running: SQLite lets both work at once).
struct LocalGateway {
    let configuration: DaemonConfiguration
    let store: SQLiteTransactionStore

    init(configurationPath: String?) throws {
        configuration = try ConfigurationFile.load(configurationPath).configuration
        let directory = (configuration.storagePath as NSString).deletingLastPathComponent
        if !directory.isEmpty {
            try? FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true)
        }
        do {
            store = try SQLiteTransactionStore(path: configuration.storagePath)
        } catch {
            throw CommandFailure("\(error)")
        }
    }

    /// A gateway on this database whose clock reads `now`.
    func gateway(now: Date) throws -> Gateway {
        do {
            return try Gateway(configuration: configuration.gateway, store: store, clock: { now })
        } catch {
            throw CommandFailure("cannot load the bundled schemas: \(error)")
        }
    }

    /// The library's time zone (UTC without a policy).
    var timeZone: TimeZone {
        configuration.policy?.timeZone ?? TimeZone(identifier: "UTC") ?? .current
    }
}
