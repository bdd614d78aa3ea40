import Foundation
import Gateway
import Logging
import NIOCore
import Prometheus
import ServiceLifecycle
import Store
import Transport
import UnixSignals

/// Runs illgate: opens the store, starts the gateway, the listeners, the admin API and the outbox
/// dispatcher as one ServiceLifecycle group, tells systemd when it is ready, reloads on SIGHUP and drains
/// on SIGTERM.
public enum IllgateDaemon {
    /// How long a graceful shutdown may take before the remaining services are cancelled; below the unit's
    /// `TimeoutStopSec=`.
    static let shutdownBound: Duration = .seconds(20)

    /// Starts everything and returns when the daemon has shut down.
    /// - Parameters:
    ///   - configuration: the validated configuration.
    ///   - environment: the process environment (systemd's variables).
    ///   - onReady: called with the bound ports once every listener accepts connections (tests use it).
    public static func run(
        configuration: DaemonConfiguration,
        environment: [String: String],
        onReady: @escaping @Sendable (BoundPorts) async -> Void = { _ in }
    ) async throws {
        _ = LoggingSystemSetup.bootstrap(
            format: LogFormat(rawValue: configuration.logging.format.rawValue) ?? .logfmt,
            level: configuration.logging.level
        )
        // Logging goes through a writer thread: whatever way the daemon ends, its last lines are written.
        defer { LoggingSystemSetup.flush() }
        let logger = {
            var logger = Logger(label: "illgate")
            logger.logLevel = configuration.logging.level
            return logger
        }()
        logger.notice(
            "illgate starting",
            metadata: ["config": .string(configuration.file), "summary": .string(configuration.summary), "pid": .string(String(getpid()))]
        )

        let sockets = try SystemdSocketActivation(environment: environment)
        try sockets.check(httpEnabled: configuration.http != nil, tcpEnabled: configuration.tcp != nil)
        if sockets.http != nil || sockets.tcp != nil {
            let inherited = [sockets.http.map { "http:fd\($0)" }, sockets.tcp.map { "tcp:fd\($0)" }].compactMap { $0 }
            logger.notice("socket activation", metadata: ["inherited": .string(inherited.joined(separator: " "))])
        }

        let directory = (configuration.storagePath as NSString).deletingLastPathComponent
        if !directory.isEmpty {
            try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true)
        }
        let registry = MetricsSetup.bootstrap()
        let store = try SQLiteTransactionStore(path: configuration.storagePath)
        let gateway = try Gateway(configuration: configuration.gateway, store: store, validateOutbound: configuration.validateOutbound)
        for row in try await gateway.noteUnreadableRows() {
            logger.error("stored row cannot be read; its transaction is refused until repaired", metadata: ["error": .string(row.description)])
        }
        let token = try AdminAPI.loadOrCreateToken(at: configuration.admin.tokenFile)
        let notifier = SystemdNotifier(environment: environment)

        var listenerCount = 1
        if configuration.http != nil { listenerCount += 1 }
        if configuration.tcp != nil { listenerCount += 1 }
        let readiness = Readiness(expected: listenerCount) { ports in
            let status = ports.statusLine
            notifier.ready(status: status)
            logger.notice("illgate ready", metadata: ["listening": .string(status)])
            await onReady(ports)
        }

        let peerLinks = PeerLinkTable(configuration.peerLinks)
        let dispatcher = OutboxDispatcher(
            gateway: gateway,
            peers: peerLinks,
            retryPolicy: configuration.retryPolicy,
            pollInterval: .milliseconds(Int64(configuration.deliveryPollInterval * 1000)),
            logger: logger
        )
        // Housekeeping runs without a [policy] too: a reload may add one, and patron data is purged regardless.
        let housekeeping = Housekeeping(
            gateway: gateway,
            interval: .seconds(60),
            patronDataRetentionDays: configuration.patronDataRetentionDays,
            logger: logger
        )
        var services: [any Service] = [dispatcher, housekeeping, MemoryTrim()]
        services.append(
            AdminAPI(
                configuration: configuration.admin,
                token: token,
                gateway: gateway,
                metrics: { registry.emitToString() },
                logger: logger,
                onListening: { port in await readiness.bound(\.admin, port) }
            )
        )
        if let tcp = configuration.tcp {
            let listener =
                if let descriptor = sockets.tcp {
                    TCPListener(configuration: tcp, socketDescriptor: descriptor, gateway: gateway, logger: logger)
                } else {
                    TCPListener(configuration: tcp, gateway: gateway, logger: logger)
                }
            services.append(listener)
            Task {
                if let address = try? await listener.waitUntilListening() {
                    await readiness.bound(\.tcp, address.port ?? tcp.port)
                }
            }
        }
        if let http = configuration.http {
            services.append(
                try HTTPListener(
                    configuration: http,
                    socketDescriptor: sockets.http,
                    gateway: gateway,
                    peers: peerLinks,
                    logger: logger,
                    onListening: { port in await readiness.bound(\.http, port) }
                )
            )
        }
        services.append(
            LifecycleService(
                configuration: configuration,
                environment: environment,
                notifier: notifier,
                gateway: gateway,
                peerLinks: peerLinks,
                logger: logger
            )
        )

        var groupConfiguration = ServiceGroupConfiguration(services: services, gracefulShutdownSignals: [.sigterm, .sigint], logger: logger)
        groupConfiguration.maximumGracefulShutdownDuration = shutdownBound
        let group = ServiceGroup(configuration: groupConfiguration)
        try await group.run()
        logger.notice("illgate stopped")
    }
}

/// The ports the daemon listens on, once bound.
public struct BoundPorts: Sendable, Equatable {
    /// The ISO 18626 HTTP port.
    public var http: Int?
    /// The TCP binding's port.
    public var tcp: Int?
    /// The admin API's port.
    public var admin: Int?

    var statusLine: String {
        [http.map { "http:\($0)" }, tcp.map { "tcp:\($0)" }, admin.map { "admin:\($0)" }]
            .compactMap { $0 }.joined(separator: " ")
    }
}

/// Waits until every listener is bound, then reports readiness once.
actor Readiness {
    private var ports = BoundPorts()
    private var remaining: Int
    private let onReady: @Sendable (BoundPorts) async -> Void

    init(expected: Int, onReady: @escaping @Sendable (BoundPorts) async -> Void) {
        remaining = expected
        self.onReady = onReady
    }

    func bound(_ listener: WritableKeyPath<BoundPorts, Int?>, _ port: Int) async {
        ports[keyPath: listener] = port
        remaining -= 1
        if remaining == 0 { await onReady(ports) }
    }
}
