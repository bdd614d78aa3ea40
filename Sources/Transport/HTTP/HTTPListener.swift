import Foundation
public import Gateway
import HTTPTypes
import Hummingbird
import HummingbirdCore
import HummingbirdTLS
public import Logging
public import NIOCore
import NIOExtras
import NIOHTTP1
import NIOHTTPTypes
import NIOPosix
import NIOSSL
public import ServiceLifecycle

/// The HTTP binding: `POST /iso18626` with an XML body, answered by the confirmation.
///
/// Every message that can be confirmed is answered with HTTP 200 and the confirmation, ERROR ones
/// included, as CrossLink and ReShare do. Plain-text errors are kept for what no confirmation can answer:
/// 400 for a body that is not recognisably ISO 18626, 401 for credentials that match no peer, 405 for
/// another method, 413 for a body over the limit, 415 for a content type other than XML, and 503 when the
/// message could not be stored (the peer should send it again). Bad input never gets a 500.
///
/// HTTP/1.1 is Hummingbird's (`HTTP1Channel`, with TLS from `TLSChannel`) behind our own listening socket, so
/// that the socket can be one systemd passes (socket activation), and so that every accepted connection goes
/// through a ``ConnectionAdmission`` (a total and a per-address cap) before it is served. Each connection has
/// a deadline for each request (``HTTPRequestDeadlineHandler``) and a keep-alive idle timeout. On graceful
/// shutdown the listener stops accepting, lets requests in progress be answered and closes every connection.
public final class HTTPListener: Service {
    private enum ChildChannel {
        case plain(HTTP1Channel)
        case tls(TLSChannel<HTTP1Channel>)
    }

    private let configuration: HTTPListenerConfiguration
    private let inheritedSocket: NIOBSDSocket.Handle?
    private let child: ChildChannel
    private let admission: ConnectionAdmission
    private let eventLoopGroup: any EventLoopGroup
    private let logger: Logger
    private let onListening: @Sendable (Int) async -> Void

    /// Creates the listener.
    /// - Parameters:
    ///   - configuration: address, limits and TLS.
    ///   - socketDescriptor: a socket already bound and listening, such as one passed by systemd socket
    ///     activation; the listener takes it over (and closes it when it stops), and `configuration.host` and
    ///     `port` are ignored. `nil` binds `configuration.host` and `port`.
    ///   - gateway: where messages go.
    ///   - peers: the peers' transport credentials.
    ///   - logger: for one line per message and for security events.
    ///   - eventLoopGroup: the NIO event loops; `nil` uses `MultiThreadedEventLoopGroup.singleton`.
    ///   - onListening: called with the bound port once the listener accepts connections.
    public init(
        configuration: HTTPListenerConfiguration,
        socketDescriptor: NIOBSDSocket.Handle? = nil,
        gateway: Gateway,
        peers: PeerLinkTable,
        logger: Logger,
        eventLoopGroup: (any EventLoopGroup)? = nil,
        onListening: @escaping @Sendable (Int) async -> Void = { _ in }
    ) throws(TransportError) {
        let scheme = configuration.tls == nil ? "http" : "https"
        let router = Router(context: ISO18626RequestContext.self)
        let handler = MessageHandler(
            gateway: gateway,
            authenticator: PeerAuthenticator(links: peers),
            maximumBodySize: configuration.maximumBodySize,
            scheme: scheme,
            logger: logger
        )
        router.post("iso18626") { request, context in
            await handler.respond(to: request, context: context)
        }
        for method in [HTTPRequest.Method.get, .put, .delete, .patch, .head] {
            router.on("iso18626", method: method) { _, _ in
                Response(
                    status: .methodNotAllowed,
                    headers: [.allow: "POST", .contentType: "text/plain; charset=utf-8"],
                    body: .init(byteBuffer: ByteBuffer(string: "ISO 18626 messages are sent with POST\n"))
                )
            }
        }
        let requestTimeout = TimeAmount(seconds: configuration.requestTimeout)
        let http1 = HTTP1Channel(
            responder: Self.responder(router.buildResponder(), logger: logger),
            configuration: HTTP1Channel.Configuration(
                additionalChannelHandlers: Self.connectionHandlers(requestTimeout: requestTimeout, transport: scheme, logger: logger),
                idleTimeout: TimeAmount(seconds: configuration.idleTimeout),
                httpDecoderConfiguration: .init(
                    maxHeaderFieldSize: Self.maximumHeaderFieldSize,
                    maxHeaderListSize: Self.maximumHeaderListSize,
                    maxHeaderFieldCount: Self.maximumHeaderFieldCount
                )
            )
        )
        if let tls = configuration.tls {
            do {
                child = .tls(try TLSChannel(http1, tlsConfiguration: try Self.tlsConfiguration(tls)))
            } catch let error as TransportError {
                throw error
            } catch {
                throw TransportError(.tlsSetupFailed, underlying: error)
            }
        } else {
            child = .plain(http1)
        }
        self.configuration = configuration
        self.inheritedSocket = socketDescriptor
        self.admission = ConnectionAdmission(limits: configuration.connectionLimits, transport: scheme, logger: logger)
        self.eventLoopGroup = eventLoopGroup ?? MultiThreadedEventLoopGroup.singleton
        self.logger = logger
        self.onListening = onListening
    }

    /// The largest single header field, name and value, in bytes; a request with a larger one gets 400.
    public static let maximumHeaderFieldSize = 8 * 1024
    /// The largest total of all header fields, in bytes; a request with more gets 400.
    public static let maximumHeaderListSize = 16 * 1024
    /// The most header fields a request may have; a request with more gets 400.
    public static let maximumHeaderFieldCount = 100

    /// Binds (or takes over the inherited socket), then serves connections until graceful shutdown.
    /// - Throws: ``TransportError`` when the socket cannot be bound.
    public func run() async throws {
        switch child {
        case .plain(let channel): try await serve(channel)
        case .tls(let channel): try await serve(channel)
        }
    }

    private func serve<Child: ServerChildChannel>(_ child: Child) async throws where Child.Value == NIOAsyncChannel<HTTPRequestPart, HTTPResponsePart> {
        let quiescing = ServerQuiescingHelper(group: eventLoopGroup)
        let server = try await bind(child, quiescing: quiescing)
        let port = server.channel.localAddress?.port ?? configuration.port
        logger.info("http listener started", metadata: ["listen_address": "\(server.channel.localAddress.map { "\($0)" } ?? bindDescription)"])
        await onListening(port)
        let admission = admission
        let logger = logger
        await withGracefulShutdownHandler {
            await withDiscardingTaskGroup { group in
                do {
                    try await server.executeThenClose { connections in
                        for try await connection in connections {
                            let remote = connection.channel.remoteAddress?.ipAddress ?? "unknown"
                            guard admission.admit(remote) else {
                                // Closed at once; the async wrapper must still be finished, off the accept loop.
                                connection.channel.close(promise: nil)
                                group.addTask { try? await connection.executeThenClose { _, _ in } }
                                continue
                            }
                            group.addTask {
                                await child.handle(value: connection, logger: logger)
                                admission.release(remote)
                            }
                        }
                    }
                } catch {
                    logger.error("http listener stopped accepting", metadata: ["error": "\(error)"])
                }
            }
        } onGracefulShutdown: {
            // Closes the listening socket and asks every connection to close once its response is written.
            quiescing.initiateShutdown(promise: nil)
        }
        logger.info("http listener stopped")
    }

    private func bind<Child: ServerChildChannel>(_ child: Child, quiescing: ServerQuiescingHelper) async throws(TransportError) -> NIOAsyncChannel<Child.Value, Never> {
        let bootstrap = ServerBootstrap(group: eventLoopGroup)
            .serverChannelOption(.backlog, value: 1024)
            .serverChannelOption(.socketOption(.so_reuseaddr), value: 1)
            .serverChannelInitializer { channel in
                channel.eventLoop.makeCompletedFuture {
                    try channel.pipeline.syncOperations.addHandler(quiescing.makeServerChannelHandler(channel: channel))
                }
            }
            .childChannelOption(.allowRemoteHalfClosure, value: true)
        let logger = logger
        let setup: @Sendable (any Channel) -> EventLoopFuture<Child.Value> = { channel in child.setup(channel: channel, logger: logger) }
        do {
            if let inheritedSocket {
                return try await bootstrap.bind(inheritedSocket, serverBackPressureStrategy: nil, childChannelInitializer: setup)
            }
            return try await bootstrap.bind(host: configuration.host, port: configuration.port, serverBackPressureStrategy: nil, childChannelInitializer: setup)
        } catch {
            let failure = TransportError(.cannotListen, address: bindDescription, underlying: error)
            logger.error("http listener cannot start", metadata: ["error": "\(failure)"])
            throw failure
        }
    }

    private var bindDescription: String {
        if let inheritedSocket { return "inherited socket \(inheritedSocket)" }
        return "\(configuration.host):\(configuration.port)"
    }

    /// The handlers each connection gets between Hummingbird's HTTP decoding and its request handling.
    private static func connectionHandlers(requestTimeout: TimeAmount?, transport: String, logger: Logger) -> [any RemovableChannelHandler] {
        guard let requestTimeout else { return [] }
        return [HTTPRequestDeadlineHandler(requestTimeout: requestTimeout, transport: transport, logger: logger)]
    }

    /// Answers each request through the router, as Hummingbird's `Application` does: an error the router did
    /// not turn into a response becomes a 500 (the message handler itself never throws), and every response
    /// carries `Date` and `Server`.
    private static func responder(_ router: RouterResponder<ISO18626RequestContext>, logger: Logger) -> HTTPChannelHandler.Responder {
        { (request, responseWriter: consuming ResponseWriter, channel) in
            let context = ISO18626RequestContext(source: ApplicationRequestContextSource(channel: channel, logger: logger))
            var response: Response
            do {
                response = try await router.respond(to: request, context: context)
            } catch let error as HTTPParserError {
                // Hummingbird answers a request it cannot parse with 400 and closes the connection.
                throw error
            } catch {
                response = Response(status: .internalServerError)
            }
            response.headers[.date] = HTTPDate.string()
            response.headers[.server] = "illgate"
            try await responseWriter.write(response: response.head, body: response.body)
        }
    }

    private static func tlsConfiguration(_ files: TLSFiles) throws -> TLSConfiguration {
        let chain = try NIOSSLCertificate.fromPEMFile(files.certificatePath).map { NIOSSLCertificateSource.certificate($0) }
        let key = try NIOSSLPrivateKey(file: files.privateKeyPath, format: .pem)
        var tls = TLSConfiguration.makeServerConfiguration(certificateChain: chain, privateKey: .privateKey(key))
        if let clientCA = files.clientCAPath {
            tls.trustRoots = .file(clientCA)
            tls.certificateVerification = files.requireClientCertificate ? .noHostnameVerification : .optionalVerification
        } else if files.requireClientCertificate {
            throw TransportError(.clientCAMissing, key: "require_client_certificate")
        }
        return tls
    }
}

/// Handles one `POST /iso18626`.
private struct MessageHandler: Sendable {
    let gateway: Gateway
    let authenticator: PeerAuthenticator
    let maximumBodySize: Int
    let scheme: String
    let logger: Logger

    func respond(to request: Request, context: ISO18626RequestContext) async -> Response {
        let started = ContinuousClock.now
        let remote = context.remoteAddress

        if let contentType = request.headers[.contentType] {
            let mediaType = contentType.split(separator: ";").first.map { $0.trimmingCharacters(in: .whitespaces).lowercased() } ?? ""
            guard mediaType == "text/xml" || mediaType == "application/xml" else {
                return plain(.unsupportedMediaType, "send ISO 18626 messages as text/xml or application/xml, not \(mediaType)")
            }
        }
        if let length = request.headers[.contentLength].flatMap(Int.init), length > maximumBodySize {
            return plain(.contentTooLarge, "the message is \(length) bytes; the limit is \(maximumBodySize)")
        }
        var request = request
        let body: ByteBuffer
        do {
            body = try await request.collectBody(upTo: maximumBodySize)
        } catch is NIOTooManyBytesError {
            return plain(.contentTooLarge, "the message is larger than the limit of \(maximumBodySize) bytes")
        } catch {
            return plain(.badRequest, "the message body could not be read")
        }

        // Only a TLS connection has a client certificate; asking a plain one costs a trip to its event loop.
        let commonName = scheme == "https" ? await certificateCommonName(of: context.channel) : nil
        let peerName: String?
        switch authenticator.identify(authorization: request.headers[.authorization], certificateCommonName: commonName) {
        case .anonymous:
            peerName = nil
        case .peer(let name):
            peerName = name
        case .refused(let reason):
            var metadata: Logger.Metadata = ["event": "security", "transport": .string(scheme), "reason": .string(reason)]
            if let remote { metadata["remote"] = .string(remote) }
            logger.warning("security: authentication failed", metadata: metadata)
            return Response(
                status: .unauthorized,
                headers: [.wwwAuthenticate: "Basic realm=\"illgate\"", .contentType: "text/plain; charset=utf-8"],
                body: .init(byteBuffer: ByteBuffer(string: "authentication failed\n"))
            )
        }

        let reply = await gateway.handle(
            Array(buffer: body),
            from: PeerContext(authenticatedPeerName: peerName, remoteAddress: remote, transport: scheme)
        )
        let latency = started.duration(to: .now)
        InboundMessageLog.record(
            reply,
            transport: scheme,
            remoteAddress: remote,
            latencyMilliseconds: Double(latency.components.seconds) * 1000 + Double(latency.components.attoseconds) / 1e15,
            logger: logger
        )
        switch reply.body {
        case .confirmation(let bytes):
            return Response(
                status: .ok,
                headers: [.contentType: "application/xml; charset=utf-8"],
                body: .init(byteBuffer: ByteBuffer(bytes: bytes))
            )
        case .notISO18626(let explanation):
            return plain(.badRequest, "not an ISO 18626 message: \(explanation)")
        case .unavailable(let explanation):
            var response = plain(.serviceUnavailable, explanation)
            response.headers[.retryAfter] = "30"
            return response
        }
    }

    private func plain(_ status: HTTPResponse.Status, _ text: String) -> Response {
        Response(
            status: status,
            headers: [.contentType: "text/plain; charset=utf-8"],
            body: .init(byteBuffer: ByteBuffer(string: text + "\n"))
        )
    }

    /// The client certificate's common name, read from NIOSSL's description of the certificate
    /// (`<NIOSSLCertificate;serial_number=...;common_name=NAME;...>`), the only public way to it.
    private func certificateCommonName(of channel: any Channel) async -> String? {
        guard let certificate = try? await channel.nioSSL_peerCertificate().get() else { return nil }
        let description = certificate.description
        guard let range = description.range(of: ";common_name=") else { return nil }
        let rest = description[range.upperBound...]
        let end = rest.firstIndex(where: { $0 == ";" || $0 == ">" }) ?? rest.endIndex
        let name = String(rest[..<end])
        return name.isEmpty ? nil : name
    }
}
