import Foundation
import Logging
import ServiceLifecycle
import Store
import UnixSignals

/// The daemon's own housekeeping: pets the systemd watchdog after checking the database answers, handles
/// SIGHUP by re-reading and validating the configuration, and says STOPPING=1 as soon as shutdown begins.
///
/// It is the last service in the group, so it is the first to hear of a graceful shutdown.
final class LifecycleService: Service {
    private let configurationFile: String
    private let environment: [String: String]
    private let notifier: SystemdNotifier
    private let store: any TransactionStore
    private let logger: Logger

    init(configurationFile: String, environment: [String: String], notifier: SystemdNotifier, store: any TransactionStore, logger: Logger) {
        self.configurationFile = configurationFile
        self.environment = environment
        self.notifier = notifier
        self.store = store
        self.logger = logger
    }

    func run() async throws {
        let watchdog = SystemdNotifier.watchdogInterval(environment: environment, processID: getpid())
        await withGracefulShutdownHandler {
            await withTaskGroup(of: Void.self) { group in
                group.addTask { await self.reloadOnHangup() }
                if let watchdog {
                    group.addTask { await self.petWatchdog(every: watchdog / 2) }
                }
                await group.waitForAll()
            }
        } onGracefulShutdown: {
            self.notifier.stopping()
            self.logger.notice("illgate stopping: no new connections; finishing messages in flight")
        }
    }

    private func reloadOnHangup() async {
        let hangups = await UnixSignalsSequence(trapping: .sighup)
        for await _ in hangups.cancelOnGracefulShutdown() {
            notifier.reloading()
            do {
                let configuration = try DaemonConfiguration.load(path: configurationFile, environment: environment)
                logger.notice(
                    "configuration re-read and valid",
                    metadata: [
                        "config": .string(configurationFile),
                        "summary": .string(configuration.summary),
                        "note": "listeners, peers and storage keep their start-up settings until a restart",
                    ]
                )
            } catch {
                logger.error(
                    "configuration reload refused: the running configuration stays",
                    metadata: ["config": .string(configurationFile), "problems": .string(error.description)]
                )
            }
            notifier.ready(status: "running")
        }
    }

    private func petWatchdog(every interval: Duration) async {
        while !Task.isShuttingDownGracefully && !Task.isCancelled {
            do {
                _ = try await store.outbox(statuses: [.dead])
                notifier.watchdog()
            } catch {
                logger.error("health check failed: the database does not answer; not petting the watchdog", metadata: ["error": .string("\(error)")])
            }
            try? await Task.sleep(for: interval)
        }
    }
}
