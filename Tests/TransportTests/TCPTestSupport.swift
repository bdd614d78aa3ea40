import Foundation
import Gateway
import ISO18626
import Logging
import NIOCore
import NIOPosix
import Store
import Testing
import Transport

/// A lending library's gateway on a temporary SQLite file, with one peer (the borrower), for the TCP tests.
final class TCPTestLibrary: Sendable {
    static let lenderAgency = AgencyID(type: .isil, value: "DK-LEND")
    static let borrowerAgency = AgencyID(type: .isil, value: "US-BORR")

    let gateway: Gateway
    private let directory: URL

    init() throws {
        directory = FileManager.default.temporaryDirectory.appendingPathComponent("illgate-tcp-test-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        gateway = try Gateway(
            configuration: GatewayConfiguration(
                libraryAgencyID: Self.lenderAgency,
                peers: [Peer(name: "borrower", agencyIDs: [Self.borrowerAgency])],
                requestIDPrefix: "LEND"
            ),
            store: try SQLiteTransactionStore(path: directory.appendingPathComponent("illgate.sqlite").path)
        )
    }

    deinit {
        try? FileManager.default.removeItem(at: directory)
    }

    /// A valid request from the borrower.
    static func request(_ requestID: String, title: String = "Moby-Dick") throws -> [UInt8] {
        let header = Header(
            supplyingAgencyID: lenderAgency,
            requestingAgencyID: borrowerAgency,
            timestamp: Date(),
            requestingAgencyRequestID: requestID
        )
        let request = Request(header: header, bibliographicInfo: BibliographicInfo(title: title), serviceInfo: ServiceInfo(serviceType: .loan))
        return try ISO18626Encoder().encode(.request(request), edition: .v1_2)
    }

    /// Decodes a reply that must be a request confirmation.
    static func requestConfirmation(_ bytes: [UInt8]) throws -> RequestConfirmation {
        guard case .requestConfirmation(let confirmation) = try ISO18626Decoder().decode(bytes).message else {
            throw TCPTestFailure("not a requestConfirmation: \(String(decoding: bytes, as: UTF8.self))")
        }
        return confirmation
    }

    /// Runs a TCP listener for this library on 127.0.0.1, port 0, for the duration of `body`.
    func withListener(
        maximumFrameSize: Int = 1 << 20,
        idleTimeout: TimeInterval = 30,
        frameTimeout: TimeInterval = 30,
        maximumConnections: Int = 16,
        maximumConnectionsPerAddress: Int = 16,
        _ body: (_ port: Int, _ listener: TCPListener) async throws -> Void
    ) async throws {
        var logger = Logger(label: "illgate.tcp.test")
        logger.logLevel = .error
        let listener = TCPListener(
            configuration: TCPListenerConfiguration(
                host: "127.0.0.1",
                port: 0,
                maximumFrameSize: maximumFrameSize,
                idleTimeout: idleTimeout,
                frameTimeout: frameTimeout,
                maximumConnections: maximumConnections,
                maximumConnectionsPerAddress: maximumConnectionsPerAddress
            ),
            gateway: gateway,
            logger: logger
        )
        try await withThrowingTaskGroup(of: Void.self) { group in
            group.addTask { try await listener.run() }
            let address = try await listener.waitUntilListening()
            let port = try #require(address.port)
            do {
                try await body(port, listener)
            } catch {
                group.cancelAll()
                throw error
            }
            group.cancelAll()
        }
    }
}

/// A test's own failure, with a message.
struct TCPTestFailure: Error, CustomStringConvertible {
    var description: String

    init(_ description: String) {
        self.description = description
    }
}

/// A raw client connection for the listener tests: writes arbitrary bytes, reads reply frames with the
/// binding's decoder. Every connection is closed after `lifetime` at the latest, so a test cannot hang.
struct TCPTestConnection {
    let channel: NIOAsyncChannel<TCPFrame, Never>

    static func connect(port: Int, from source: String? = nil, lifetime: TimeAmount = .seconds(60)) async throws -> TCPTestConnection {
        let channel: NIOAsyncChannel<TCPFrame, Never> = try await LoopbackClient.connect(port: port, from: source, lifetime: lifetime) { channel in
            try channel.pipeline.syncOperations.addHandler(ByteToMessageHandler(TCPFrameDecoder(maximumFrameSize: 1 << 20)))
        }
        return TCPTestConnection(channel: channel)
    }

    /// Runs `body` with the connection's reply frames, then closes it.
    func use<T>(_ body: (inout TCPTestReplies) async throws -> T) async throws -> T {
        try await channel.executeThenClose { inbound, _ in
            var replies = TCPTestReplies(iterator: inbound.makeAsyncIterator())
            return try await body(&replies)
        }
    }

    func send(_ bytes: [UInt8]) async throws {
        try await channel.channel.writeAndFlush(ByteBuffer(bytes: bytes))
    }

    func send(_ text: String) async throws {
        try await send(Array(text.utf8))
    }

    /// Shuts down our sending side; the listener still answers what it received.
    func finishSending() async throws {
        try await channel.channel.close(mode: .output)
    }
}

/// Test client connections to 127.0.0.1.
enum LoopbackClient {
    /// Connects to 127.0.0.1:`port`, from `source` (another loopback address, to look like another host) when
    /// given, with `configure`'s handlers; the connection is closed after `lifetime` at the latest, so that no
    /// test can hang on it.
    static func connect<Inbound: Sendable, Outbound: Sendable>(
        port: Int,
        from source: String?,
        lifetime: TimeAmount,
        _ configure: @escaping @Sendable (any Channel) throws -> Void = { _ in }
    ) async throws -> NIOAsyncChannel<Inbound, Outbound> {
        var bootstrap = ClientBootstrap(group: MultiThreadedEventLoopGroup.singleton)
        if let source {
            bootstrap = bootstrap.bind(to: try SocketAddress(ipAddress: source, port: 0))
        }
        let channel = try await bootstrap
            .channelOption(.allowRemoteHalfClosure, value: true)
            .connect(host: "127.0.0.1", port: port) { channel in
                channel.eventLoop.makeCompletedFuture {
                    try configure(channel)
                    return try NIOAsyncChannel<Inbound, Outbound>(wrappingChannelSynchronously: channel)
                }
            }
        let nioChannel = channel.channel
        nioChannel.eventLoop.scheduleTask(in: lifetime) { nioChannel.close(promise: nil) }
        return channel
    }
}

/// The reply frames of a ``TCPTestConnection``.
struct TCPTestReplies {
    var iterator: NIOAsyncChannelInboundStream<TCPFrame>.AsyncIterator

    /// The next reply; fails the test if the connection closed instead.
    mutating func next() async throws -> TCPFrame {
        guard let frame = try await iterator.next() else { throw TCPTestFailure("connection closed without a reply") }
        return frame
    }

    /// Reads until the connection closes (or is reset) and returns the frames that came before.
    mutating func untilClosed() async -> [TCPFrame] {
        var frames: [TCPFrame] = []
        while true {
            do {
                guard let frame = try await iterator.next() else { return frames }
                frames.append(frame)
            } catch {
                return frames
            }
        }
    }
}

/// A server that misbehaves for the client tests: never answers, or closes after reading.
enum TCPTestServer {
    enum Behaviour {
        case neverAnswer
        case closeAfterReading
    }

    static func withServer(_ behaviour: Behaviour, _ body: (_ port: Int) async throws -> Void) async throws {
        let server = try await ServerBootstrap(group: MultiThreadedEventLoopGroup.singleton)
            .bind(host: "127.0.0.1", port: 0) { channel in
                channel.eventLoop.makeCompletedFuture {
                    try NIOAsyncChannel<ByteBuffer, ByteBuffer>(wrappingChannelSynchronously: channel)
                }
            }
        let port = try #require(server.channel.localAddress?.port)
        try await withThrowingTaskGroup(of: Void.self) { group in
            group.addTask {
                try await server.executeThenClose { connections in
                    try await withThrowingDiscardingTaskGroup { connectionGroup in
                        for try await connection in connections {
                            connectionGroup.addTask {
                                try? await connection.executeThenClose { inbound, _ in
                                    for try await _ in inbound where behaviour == .closeAfterReading {
                                        return
                                    }
                                }
                            }
                        }
                    }
                }
            }
            do {
                try await body(port)
            } catch {
                group.cancelAll()
                throw error
            }
            group.cancelAll()
        }
    }
}
