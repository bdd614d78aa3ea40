import Foundation
import ISO18626
import NIOCore
import NIOHTTP1
import NIOPosix
import Synchronization

/// A peer library's ISO 18626 endpoint for the dispatcher tests: an HTTP server on 127.0.0.1 that records
/// every body it receives (with the time) and answers as the test's responder says.
final class TestHTTPPeer: Sendable {
    /// An answer to one POST.
    struct Response: Sendable {
        var status: Int
        var headers: [(String, String)]
        var body: [UInt8]

        /// 200 with an OK confirmation.
        static let ok = Response(status: 200, headers: [], body: TestHTTPPeer.confirmation(.ok))
    }

    /// One POST as received.
    struct Received: Sendable {
        var body: String
        var at: ContinuousClock.Instant
    }

    let port: Int
    private let channel: any Channel
    private let log: Received.Log

    private init(port: Int, channel: any Channel, log: Received.Log) {
        self.port = port
        self.channel = channel
        self.log = log
    }

    /// Starts a peer on 127.0.0.1 and an ephemeral port.
    static func start(_ responder: @escaping @Sendable (String) -> Response = { _ in .ok }) async throws -> TestHTTPPeer {
        let received = Received.Log()
        let channel = try await ServerBootstrap(group: MultiThreadedEventLoopGroup.singleton)
            .serverChannelOption(.backlog, value: 256)
            .serverChannelOption(.socketOption(.so_reuseaddr), value: 1)
            .childChannelInitializer { channel in
                channel.eventLoop.makeCompletedFuture {
                    try channel.pipeline.syncOperations.configureHTTPServerPipeline()
                    try channel.pipeline.syncOperations.addHandler(PeerHandler(received: received, responder: responder))
                }
            }
            .bind(host: "127.0.0.1", port: 0)
            .get()
        guard let port = channel.localAddress?.port else { throw TCPTestFailure("the test peer has no port") }
        return TestHTTPPeer(port: port, channel: channel, log: received)
    }

    /// A port on 127.0.0.1 where nothing listens (bound, then closed): connections are refused.
    static func closedPort() async throws -> Int {
        let channel = try await ServerBootstrap(group: MultiThreadedEventLoopGroup.singleton)
            .bind(host: "127.0.0.1", port: 0)
            .get()
        guard let port = channel.localAddress?.port else { throw TCPTestFailure("no port") }
        try await channel.close()
        return port
    }

    /// The endpoint URL.
    var endpoint: URL {
        URL(string: "http://127.0.0.1:\(port)/iso18626")!
    }

    /// Everything received so far, in order of arrival.
    var received: [Received] {
        log.entries.withLock { $0 }
    }

    func stop() async {
        try? await channel.close()
    }

    /// A confirmation with the given status (an ERROR one carries UnrecognisedDataValue).
    static func confirmation(_ status: MessageStatus) -> [UInt8] {
        let now = Date()
        let confirmation = RequestConfirmation(
            confirmationHeader: ConfirmationHeader(timestamp: now, timestampReceived: now, messageStatus: status),
            errorData: status == .ok ? [] : [ErrorData(errorType: .unrecognisedDataValue, errorValue: "supplyingAgencyId: not here")]
        )
        return (try? ISO18626Encoder().encode(.requestConfirmation(confirmation), edition: .v1_2)) ?? []
    }
}

extension TestHTTPPeer.Received {
    /// The shared record of a peer's requests (one per server, shared by its connections' handlers).
    final class Log: Sendable {
        let entries = Mutex<[TestHTTPPeer.Received]>([])
    }
}

/// Answers each request on one connection.
private final class PeerHandler: ChannelInboundHandler {
    typealias InboundIn = HTTPServerRequestPart
    typealias OutboundOut = HTTPServerResponsePart

    private let received: TestHTTPPeer.Received.Log
    private let responder: @Sendable (String) -> TestHTTPPeer.Response
    private var body = ByteBuffer()

    init(received: TestHTTPPeer.Received.Log, responder: @escaping @Sendable (String) -> TestHTTPPeer.Response) {
        self.received = received
        self.responder = responder
    }

    func channelRead(context: ChannelHandlerContext, data: NIOAny) {
        switch unwrapInboundIn(data) {
        case .head:
            body.clear()
        case .body(var chunk):
            body.writeBuffer(&chunk)
        case .end:
            let text = String(buffer: body)
            received.entries.withLock { $0.append(.init(body: text, at: .now)) }
            let response = responder(text)
            var headers = HTTPHeaders()
            headers.add(name: "Content-Type", value: "application/xml")
            headers.add(name: "Content-Length", value: String(response.body.count))
            for (name, value) in response.headers {
                headers.add(name: name, value: value)
            }
            let head = HTTPResponseHead(version: .http1_1, status: HTTPResponseStatus(statusCode: response.status), headers: headers)
            context.write(wrapOutboundOut(.head(head)), promise: nil)
            context.write(wrapOutboundOut(.body(.byteBuffer(ByteBuffer(bytes: response.body)))), promise: nil)
            context.writeAndFlush(wrapOutboundOut(.end(nil)), promise: nil)
        }
    }
}
