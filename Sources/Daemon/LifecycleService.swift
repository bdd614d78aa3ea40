import Foundation
import Gateway
import Logging
import ServiceLifecycle
import Store
import Transport
import UnixSignals

/// The daemon's own housekeeping: pets the systemd watchdog after checking the database answers, handles
/// SIGHUP by re-reading the configuration and applying what can change while running (see
/// ``ConfigurationReload``), and says STOPPING=1 as soon as shutdown begins.
///
/// It is the last service in the group, so it is the first to hear of a graceful shutdown.
final class LifecycleService: Service {
    private let startupConfiguration: DaemonConfiguration
    private let environment: [String: String]
    private let notifier: SystemdNotifier
    private let gateway: Gateway
    private let peerLinks: PeerLinkTable
    private let logger: Logger

    init(
        configuration: DaemonConfiguration,
        environment: [String: String],
        notifier: SystemdNotifier,
        gateway: Gateway,
        peerLinks: PeerLinkTable,
        logger: Logger
    ) {
        self.startupConfiguration = configuration
        self.environment = environment
        self.notifier = notifier
        self.gateway = gateway
        self.peerLinks = peerLinks
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
        let file = startupConfiguration.file
        var running = startupConfiguration
        for await _ in hangups.cancelOnGracefulShutdown() {
            notifier.reloading()
            do {
                let loaded = try DaemonConfiguration.load(path: file, environment: environment)
                let reload = ConfigurationReload(running: running, loaded: loaded)
                peerLinks.replace(with: reload.links)
                gateway.reconfigure(reload.gateway)
                running = reload.inForce
                var metadata: Logger.Metadata = [
                    "config": .string(file),
                    "summary": .string(running.summary),
                    "applied": .string(reload.applied.isEmpty ? "none" : reload.applied.joined(separator: ",")),
                ]
                if !reload.waitingForRestart.isEmpty {
                    metadata["restart_needed_for"] = .string(reload.waitingForRestart.joined(separator: ","))
                }
                logger.notice("configuration reloaded", metadata: metadata)
            } catch {
                logger.error(
                    "configuration reload refused: the running configuration stays",
                    metadata: ["config": .string(file), "problems": .string(error.description)]
                )
            }
            notifier.ready(status: "running")
        }
    }

    private func petWatchdog(every interval: Duration) async {
        while !Task.isShuttingDownGracefully && !Task.isCancelled {
            do {
                _ = try await gateway.store.outbox(statuses: [.dead])
                notifier.watchdog()
            } catch {
                logger.error("health check failed: the database does not answer; not petting the watchdog", metadata: ["error": .string("\(error)")])
            }
            try? await Task.sleep(for: interval)
        }
    }
}
