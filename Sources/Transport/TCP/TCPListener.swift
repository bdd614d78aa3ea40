public import Gateway
public import Logging
public import NIOCore
import NIOPosix
public import ServiceLifecycle

/// The TCP listener of the illgate binding (DESIGN.md §8): a ServiceLifecycle service that accepts
/// connections, frames each one with ``TCPFrameDecoder`` and hands every frame to the ``Gateway``.
///
/// Each frame gets exactly one reply frame, in order, in the connection's framing:
/// - a confirmation from the gateway is written as it is;
/// - a frame the gateway cannot recognise as ISO 18626 gets a `requestConfirmation` with messageStatus ERROR
///   and errorType BadlyFormedMessage;
/// - when the gateway cannot store a message, the connection is closed without a reply so the peer retries;
/// - a framing error gets the same kind of ERROR confirmation, naming the problem, and the connection is closed.
///
/// Connections beyond `maximumConnections`, or beyond `maximumConnectionsPerAddress` from one source address,
/// are closed as soon as they are accepted (counted in `illgate_connections_refused_total` and logged at most
/// once a minute per source); a connection without traffic for `idleTimeout` is closed, and one whose frame
/// has not been completed within `frameTimeout` of its first byte is answered with an ERROR confirmation and
/// closed. On graceful shutdown the listener stops accepting, lets messages being
/// answered finish and their replies be written, and closes every connection within `drainTimeout`.
public final class TCPListener: Service, Sendable {
    /// Where the listener binds and its limits.
    public let configuration: TCPListenerConfiguration
    private let gateway: Gateway
    private let logger: Logger
    private let eventLoopGroup: any EventLoopGroup
    private let inheritedSocket: NIOBSDSocket.Handle?
    private let drainTimeout: TimeAmount
    private let startup = TCPListenerStartup()
    private let admission: ConnectionAdmission

    /// Creates a listener that binds `configuration.host` and `configuration.port` when it runs.
    /// - Parameters:
    ///   - configuration: address and limits (port 0 picks a free port; see ``waitUntilListening()``).
    ///   - gateway: where the messages go.
    ///   - logger: for connection events and the one line per message.
    ///   - eventLoopGroup: the NIO event loops; `nil` uses `MultiThreadedEventLoopGroup.singleton`.
    ///   - drainTimeout: how long messages being answered at graceful shutdown may take.
    public convenience init(
        configuration: TCPListenerConfiguration,
        gateway: Gateway,
        logger: Logger = Logger(label: "illgate.tcp"),
        eventLoopGroup: (any EventLoopGroup)? = nil,
        drainTimeout: Duration = .seconds(10)
    ) {
        self.init(
            configuration: configuration,
            inheritedSocket: nil,
            gateway: gateway,
            logger: logger,
            eventLoopGroup: eventLoopGroup,
            drainTimeout: drainTimeout
        )
    }

    /// Creates a listener on a socket that is already bound and listening, such as one passed by systemd
    /// socket activation (`$LISTEN_FDS`, starting at descriptor 3). `configuration.host` and `port` are
    /// ignored; the limits apply. The listener takes ownership of the descriptor and closes it when it stops.
    /// - Parameters:
    ///   - configuration: the limits.
    ///   - socketDescriptor: the listening socket.
    ///   - gateway: where the messages go.
    ///   - logger: for connection events and the one line per message.
    ///   - eventLoopGroup: the NIO event loops; `nil` uses `MultiThreadedEventLoopGroup.singleton`.
    ///   - drainTimeout: how long messages being answered at graceful shutdown may take.
    public convenience init(
        configuration: TCPListenerConfiguration,
        socketDescriptor: NIOBSDSocket.Handle,
        gateway: Gateway,
        logger: Logger = Logger(label: "illgate.tcp"),
        eventLoopGroup: (any EventLoopGroup)? = nil,
        drainTimeout: Duration = .seconds(10)
    ) {
        self.init(
            configuration: configuration,
            inheritedSocket: socketDescriptor,
            gateway: gateway,
            logger: logger,
            eventLoopGroup: eventLoopGroup,
            drainTimeout: drainTimeout
        )
    }

    private init(
        configuration: TCPListenerConfiguration,
        inheritedSocket: NIOBSDSocket.Handle?,
        gateway: Gateway,
        logger: Logger,
        eventLoopGroup: (any EventLoopGroup)?,
        drainTimeout: Duration
    ) {
        self.configuration = configuration
        self.gateway = gateway
        self.logger = logger
        self.eventLoopGroup = eventLoopGroup ?? MultiThreadedEventLoopGroup.singleton
        self.inheritedSocket = inheritedSocket
        self.drainTimeout = TimeAmount(drainTimeout)
        admission = ConnectionAdmission(limits: configuration.connectionLimits, transport: "tcp", logger: logger)
    }

    /// The address the listener is bound to, while it is listening.
    public var localAddress: SocketAddress? {
        startup.address
    }

    /// How many connections are open now.
    public var openConnectionCount: Int {
        admission.openConnections
    }

    /// Waits until ``run()`` has bound the listening socket.
    /// - Returns: the bound address (with the real port when port 0 was configured).
    /// - Throws: ``TCPListenerError`` if binding failed or the listener has stopped.
    public func waitUntilListening() async throws -> SocketAddress {
        try await startup.waitUntilListening()
    }

    /// Binds, then accepts and serves connections until graceful shutdown or cancellation. Run it once.
    /// - Throws: ``TCPListenerError/bindFailed(address:reason:)`` when the socket cannot be bound.
    public func run() async throws {
        let server: NIOAsyncChannel<NIOAsyncChannel<TCPFrame, Never>, Never>
        do {
            server = try await bind()
        } catch {
            let failure = TCPListenerError.bindFailed(address: bindDescription, reason: "\(error)")
            startup.finished(failure)
            logger.error("tcp listener cannot start", metadata: ["error": "\(failure)"])
            throw failure
        }
        defer { startup.finished(.stopped) }
        let serverChannel = server.channel
        guard let address = serverChannel.localAddress else {
            try? await serverChannel.close()
            throw TCPListenerError.bindFailed(address: bindDescription, reason: "the socket has no local address")
        }
        startup.listening(on: address)
        logger.info("tcp listener started", metadata: ["listen_address": "\(address)"])

        try await withThrowingDiscardingTaskGroup { group in
            try await server.executeThenClose { connections in
                try await withGracefulShutdownHandler {
                    for try await connection in connections {
                        accept(connection, in: &group)
                    }
                } onGracefulShutdown: {
                    serverChannel.close(promise: nil)
                }
            }
            logger.info("tcp listener stopped accepting; finishing open connections", metadata: ["open": "\(openConnectionCount)"])
        }
        logger.info("tcp listener stopped")
    }

    /// Starts serving an accepted connection, or closes it when a limit is reached.
    private func accept(_ connection: NIOAsyncChannel<TCPFrame, Never>, in group: inout ThrowingDiscardingTaskGroup<any Error>) {
        let remote = connection.channel.remoteAddress?.ipAddress ?? "unknown"
        guard admission.admit(remote) else {
            connection.channel.close(promise: nil)
            return
        }
        var connectionLogger = logger
        connectionLogger[metadataKey: "remote"] = "\(remote)"
        connectionLogger.debug("tcp connection opened")
        let served = TCPConnection(channel: connection, gateway: gateway, logger: connectionLogger, drainTimeout: drainTimeout)
        group.addTask {
            await served.run()
            self.admission.release(remote)
        }
    }

    private func bind() async throws -> NIOAsyncChannel<NIOAsyncChannel<TCPFrame, Never>, Never> {
        let bootstrap = ServerBootstrap(group: eventLoopGroup)
            .serverChannelOption(.socketOption(.so_reuseaddr), value: 1)
            .serverChannelOption(.backlog, value: 1024)
            .childChannelOption(.socketOption(.tcp_nodelay), value: 1)
            .childChannelOption(.allowRemoteHalfClosure, value: true)
        let initializer = childChannelInitializer()
        if let inheritedSocket {
            return try await bootstrap.bind(inheritedSocket, childChannelInitializer: initializer)
        }
        return try await bootstrap.bind(host: configuration.host, port: configuration.port, childChannelInitializer: initializer)
    }

    /// Sets up a connection's pipeline: idle detection, framing, and the async wrapper.
    private func childChannelInitializer() -> @Sendable (any Channel) -> EventLoopFuture<NIOAsyncChannel<TCPFrame, Never>> {
        let maximumFrameSize = configuration.maximumFrameSize
        let idleTimeout = TimeAmount(seconds: configuration.idleTimeout)
        let frameTimeout = TimeAmount(seconds: configuration.frameTimeout)
        let logger = logger
        return { channel in
            channel.eventLoop.makeCompletedFuture {
                let pipeline = channel.pipeline.syncOperations
                if let idleTimeout {
                    try pipeline.addHandler(IdleStateHandler(allTimeout: idleTimeout))
                }
                try pipeline.addHandler(ByteToMessageHandler(TCPFrameDecoder(maximumFrameSize: maximumFrameSize)))
                try pipeline.addHandler(MessageToByteHandler(TCPFrameEncoder()))
                try pipeline.addHandler(TCPConnectionTimeoutHandler(frameTimeout: frameTimeout, logger: logger))
                return try NIOAsyncChannel<TCPFrame, Never>(wrappingChannelSynchronously: channel)
            }
        }
    }

    private var bindDescription: String {
        if let inheritedSocket { return "inherited socket \(inheritedSocket)" }
        return "\(configuration.host):\(configuration.port)"
    }
}
