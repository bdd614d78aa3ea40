import AsyncHTTPClient
import Foundation
public import Gateway
import ISO18626
public import Logging
import NIOCore
import NIOHTTP1
import Store
public import ServiceLifecycle

/// Delivers committed outbound messages to peers (DESIGN.md §4): per transaction in order (the store hands
/// out only the oldest pending message of each transaction), several transactions at once, each attempt
/// with a timeout, failures retried with exponential backoff and jitter, then dead-lettered. The peer's
/// confirmation is stored with the message; an ERROR confirmation is surfaced to staff, not retried.
/// Undelivered messages survive restarts because they live in the database, not in memory.
public final class OutboxDispatcher: Service {
    private let gateway: Gateway
    private let links: PeerLinkTable
    private let retryPolicy: RetryPolicy
    private let pollInterval: Duration
    private let logger: Logger
    private let httpClient: HTTPClient
    private let tcpClient: TCPPeerClient
    private let tlsConfigurations = OutboundTLSConfigurations()

    /// Creates a dispatcher.
    /// - Parameters:
    ///   - gateway: whose outbox to deliver.
    ///   - peers: where each peer is reached, with what credentials (read at each delivery, so a reload applies).
    ///   - retryPolicy: backoff and the number of attempts.
    ///   - pollInterval: how often to look for due messages when idle.
    ///   - logger: one line per delivery attempt.
    public init(gateway: Gateway, peers: PeerLinkTable, retryPolicy: RetryPolicy, pollInterval: Duration = .seconds(1), logger: Logger) {
        self.gateway = gateway
        self.links = peers
        self.retryPolicy = retryPolicy
        self.pollInterval = pollInterval
        self.logger = logger
        self.httpClient = HTTPClient(eventLoopGroupProvider: .singleton, configuration: .init(redirectConfiguration: .disallow))
        self.tcpClient = TCPPeerClient()
    }

    public func run() async throws {
        await withGracefulShutdownHandler {
            while !Task.isShuttingDownGracefully && !Task.isCancelled {
                let delivered = await deliverDueMessages()
                if delivered == 0 {
                    try? await Task.sleep(for: pollInterval)
                }
            }
        } onGracefulShutdown: {
            self.logger.info("outbox dispatcher stopping")
        }
        try? await httpClient.shutdown()
    }

    /// Delivers what is due now, concurrently across transactions.
    /// - Returns: how many deliveries were attempted.
    @discardableResult
    public func deliverDueMessages() async -> Int {
        let deliveries: [OutboundDelivery]
        do {
            deliveries = try await gateway.dueDeliveries(limit: 64)
        } catch {
            logger.error("outbox: cannot read due messages", metadata: ["error": .string("\(error)")])
            return 0
        }
        await withTaskGroup(of: Void.self) { group in
            for delivery in deliveries {
                group.addTask { await self.deliver(delivery) }
            }
        }
        return deliveries.count
    }

    private func deliver(_ delivery: OutboundDelivery) async {
        let started = ContinuousClock.now
        var metadata: Logger.Metadata = [
            "direction": "out",
            "peer": .string(delivery.entry.peerName),
            "tx": .string(String(delivery.entry.transactionID)),
            "type": .string(delivery.message.kind?.rawValue ?? "?"),
            "summary": .string(delivery.message.summary),
            "attempt": .string(String(delivery.entry.attempts + 1)),
        ]
        let result: DeliveryResult
        do {
            let answer = try await send(delivery)
            result = try await gateway.recordAnswer(answer, to: delivery, retryPolicy: retryPolicy)
        } catch {
            let reason = (error as? DeliveryFailure)?.description ?? "\(error)"
            metadata["error"] = .string(reason)
            do {
                result = try await gateway.recordFailure(reason, of: delivery, retryPolicy: retryPolicy)
            } catch {
                logger.error("outbox: cannot record a failed delivery", metadata: metadata.merging(["store_error": .string("\(error)")]) { $1 })
                return
            }
        }
        let latency = started.duration(to: .now)
        metadata["latency_ms"] = .string(String(format2: Double(latency.components.seconds) * 1000 + Double(latency.components.attoseconds) / 1e15))
        let outcome = result.logName
        metadata["result"] = .string(outcome)
        switch result {
        case .delivered:
            logger.info("message sent", metadata: metadata)
        case .rejected(let error):
            if let error {
                metadata["error_type"] = .string(error.errorType.rawValue)
                metadata["error_value"] = .string(error.errorValue ?? "")
            }
            logger.warning("message sent, peer answered ERROR", metadata: metadata)
        case .willRetry(let at):
            metadata["next_attempt"] = .string(TimestampFormat.format(at))
            logger.warning("message not delivered; will retry", metadata: metadata)
        case .dead:
            logger.error("message not delivered; attempts used up, dead-lettered", metadata: metadata)
        }
        TransportMetrics.delivery(peer: delivery.entry.peerName, result: outcome)
    }

    /// Sends one message and returns the peer's answer (a confirmation, or what passes for one).
    private func send(_ delivery: OutboundDelivery) async throws -> [UInt8] {
        guard let link = links.link(named: delivery.entry.peerName) else {
            throw DeliveryFailure("peer '\(delivery.entry.peerName)' is no longer configured")
        }
        guard let endpoint = link.endpoint, let scheme = endpoint.scheme?.lowercased() else {
            throw DeliveryFailure("peer '\(link.name)' has no endpoint")
        }
        let body = Array(delivery.message.body.utf8)
        let timeout = Duration.milliseconds(Int64(link.timeout * 1000))
        switch scheme {
        case "http", "https":
            return try await post(body, to: endpoint, link: link, timeout: timeout)
        case "tcp":
            guard let host = endpoint.host, let port = endpoint.port else {
                throw DeliveryFailure("peer '\(link.name)': endpoint \(endpoint) needs a host and a port")
            }
            do {
                return try await tcpClient.send(body, host: host, port: port, timeout: timeout)
            } catch {
                throw DeliveryFailure("tcp \(host):\(port): \(error)")
            }
        default:
            throw DeliveryFailure("peer '\(link.name)': unsupported endpoint scheme '\(scheme)'")
        }
    }

    private func post(_ body: [UInt8], to endpoint: URL, link: PeerLink, timeout: Duration) async throws -> [UInt8] {
        var request = HTTPClientRequest(url: endpoint.absoluteString)
        request.method = .POST
        request.headers.add(name: "Content-Type", value: "application/xml; charset=utf-8")
        request.headers.add(name: "Accept", value: "application/xml, text/xml")
        request.headers.add(name: "User-Agent", value: "illgate")
        if let user = link.outbound.basicUsername, let password = link.outbound.basicPassword {
            request.headers.add(name: "Authorization", value: "Basic " + Data("\(user):\(password)".utf8).base64EncodedString())
        } else if let token = link.outbound.bearerToken {
            request.headers.add(name: "Authorization", value: "Bearer \(token)")
        }
        if let tls = link.outbound.tls {
            request.tlsConfiguration = try tlsConfigurations.configuration(for: tls)
        }
        request.body = .bytes(ByteBuffer(bytes: body))
        let response: HTTPClientResponse
        do {
            response = try await httpClient.execute(request, timeout: .nanoseconds(Int64(timeout.components.seconds) * 1_000_000_000 + timeout.components.attoseconds / 1_000_000_000))
        } catch {
            throw DeliveryFailure("POST \(endpoint): \(error)")
        }
        let answer = Array(buffer: try await response.body.collect(upTo: 10 << 20))
        if (200..<300).contains(Int(response.status.code)) {
            return answer
        }
        // Some peers (Koha) send their ERROR confirmation with a 4xx status: keep it if it is one.
        if let decoded = try? ISO18626Decoder().decode(answer), decoded.message.confirmationHeader != nil {
            return answer
        }
        let text = String(decoding: answer.prefix(200), as: UTF8.self).replacingOccurrences(of: "\n", with: " ")
        throw DeliveryFailure("POST \(endpoint): HTTP \(response.status.code) \(text)")
    }
}

/// Why one delivery attempt failed.
struct DeliveryFailure: Error, CustomStringConvertible {
    let description: String

    init(_ description: String) {
        self.description = description
    }
}

extension DeliveryResult {
    /// The `result=` of the delivery's log line and metric.
    fileprivate var logName: String {
        switch self {
        case .delivered: "delivered"
        case .rejected: "rejected"
        case .willRetry: "retry"
        case .dead: "dead"
        }
    }
}
