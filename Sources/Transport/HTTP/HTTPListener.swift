import Foundation
public import Gateway
import HTTPTypes
import Hummingbird
import HummingbirdCore
import HummingbirdTLS
public import Logging
import NIOCore
import NIOSSL
public import ServiceLifecycle

/// The HTTP binding: `POST /iso18626` with an XML body, answered by the confirmation.
///
/// Every message that can be confirmed is answered with HTTP 200 and the confirmation, ERROR ones
/// included, as CrossLink and ReShare do. Plain-text errors are kept for what no confirmation can answer:
/// 400 for a body that is not recognisably ISO 18626, 401 for credentials that match no peer, 405 for
/// another method, 413 for a body over the limit, 415 for a content type other than XML, and 503 when the
/// message could not be stored (the peer should send it again). Bad input never gets a 500.
public final class HTTPListener: Service {
    private let application: any Service

    /// Creates the listener.
    /// - Parameters:
    ///   - configuration: address, limits and TLS.
    ///   - gateway: where messages go.
    ///   - peers: the peers' transport credentials.
    ///   - logger: for one line per message and for security events.
    ///   - onListening: called with the bound port once the listener accepts connections.
    public init(
        configuration: HTTPListenerConfiguration,
        gateway: Gateway,
        peers: PeerLinkTable,
        logger: Logger,
        onListening: @escaping @Sendable (Int) async -> Void = { _ in }
    ) throws(TransportError) {
        let router = Router(context: ISO18626RequestContext.self)
        let handler = MessageHandler(
            gateway: gateway,
            authenticator: PeerAuthenticator(links: peers),
            maximumBodySize: configuration.maximumBodySize,
            scheme: configuration.tls == nil ? "http" : "https",
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
        let http1 = HTTPServerBuilder.http1(
            configuration: .init(idleTimeout: .milliseconds(Int64(configuration.requestTimeout * 1000)))
        )
        let server: HTTPServerBuilder
        if let tls = configuration.tls {
            do {
                server = try .tls(http1, tlsConfiguration: try Self.tlsConfiguration(tls))
            } catch let error as TransportError {
                throw error
            } catch {
                throw TransportError("TLS for the HTTP listener: \(error)")
            }
        } else {
            server = http1
        }
        application = Application(
            router: router,
            server: server,
            configuration: ApplicationConfiguration(
                address: .hostname(configuration.host, port: configuration.port),
                serverName: "illgate"
            ),
            onServerRunning: { channel in
                await onListening(channel.localAddress?.port ?? configuration.port)
            },
            logger: logger
        )
    }

    public func run() async throws {
        try await application.run()
    }

    private static func tlsConfiguration(_ files: TLSFiles) throws -> TLSConfiguration {
        let chain = try NIOSSLCertificate.fromPEMFile(files.certificatePath).map { NIOSSLCertificateSource.certificate($0) }
        let key = try NIOSSLPrivateKey(file: files.privateKeyPath, format: .pem)
        var tls = TLSConfiguration.makeServerConfiguration(certificateChain: chain, privateKey: .privateKey(key))
        if let clientCA = files.clientCAPath {
            tls.trustRoots = .file(clientCA)
            tls.certificateVerification = files.requireClientCertificate ? .noHostnameVerification : .optionalVerification
        } else if files.requireClientCertificate {
            throw TransportError("require_client_certificate needs a client_ca to verify client certificates against")
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
        } catch {
            return plain(.contentTooLarge, "the message is larger than the limit of \(maximumBodySize) bytes")
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
