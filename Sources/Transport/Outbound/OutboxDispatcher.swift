import AsyncHTTPClient
import Foundation
public import Gateway
import ISO18626
public import Logging
import NIOCore
import NIOHTTP1
public import ServiceLifecycle
import Synchronization

/// Delivers committed outbound messages to peers (DESIGN.md §4). It only moves bytes: the gateway says
/// what is due and decides what each answer means.
///
/// - **Woken by the commit.** The gateway rings its ``OutboxDoorbell`` after every write that may have made
///   a message due; the dispatcher waits on it, and otherwise only until the next scheduled retry (or the
///   poll interval, a safety net for writes by another process).
/// - **In order per transaction.** The gateway hands out only the oldest pending message of each
///   transaction, and never one that is being delivered.
/// - **Peers never wait for each other.** Attempts run concurrently, at most `maximumPerPeer` (4) on the wire
///   for one peer, so a peer that is down or slow holds up only its own queue. A refused connection fails at
///   once (no connection retries inside the HTTP client); an unanswered one after the peer's connect timeout
///   (``PeerLink/connectTimeout``, `connect_timeout_seconds`), separate from its timeout for the whole attempt.
/// - Failures are recorded by the gateway: backoff with jitter, `Retry-After`, dead letters. A transient
///   failure holds the peer's whole queue until the next attempt, which is then a probe: a peer that is down
///   costs one attempt per backoff step, not one per queued message.
public final class OutboxDispatcher: Service {
    private let gateway: Gateway
    private let links: PeerLinkTable
    private let retryPolicy: RetryPolicy
    private let pollInterval: Duration
    private let logger: Logger
    /// One HTTP client per connect timeout in use (AsyncHTTPClient sets it per client, not per request), by milliseconds.
    private let httpClients = Mutex<[Int64: HTTPClient]>([:])
    private let tcpClient: TCPPeerClient
    private let tlsConfigurations = OutboundTLSConfigurations()
    private let lanes: Mutex<DeliveryLanes>

    /// Creates a dispatcher.
    /// - Parameters:
    ///   - gateway: whose outbox to deliver.
    ///   - peers: where each peer is reached, with what credentials (read at each delivery, so a reload applies).
    ///   - retryPolicy: backoff and the number of attempts.
    ///   - pollInterval: the longest wait between looks at the outbox when no commit rang and no retry is due.
    ///   - maximumPerPeer: attempts on the wire at once for one peer.
    ///   - maximumInFlight: messages taken at once in all (waiting for a sender, sent or being recorded); a
    ///     peer takes at most sixteen times `maximumPerPeer` of them.
    ///   - logger: one line per delivery attempt.
    public init(
        gateway: Gateway,
        peers: PeerLinkTable,
        retryPolicy: RetryPolicy,
        pollInterval: Duration = .seconds(1),
        maximumPerPeer: Int = 4,
        maximumInFlight: Int = 512,
        logger: Logger
    ) {
        self.gateway = gateway
        self.links = peers
        self.retryPolicy = retryPolicy
        self.pollInterval = pollInterval
        let senders = max(1, maximumPerPeer)
        self.lanes = Mutex(
            DeliveryLanes(sendersPerPeer: senders, takenPerPeer: senders * 16, takenInAll: max(senders * 16, maximumInFlight))
        )
        self.logger = logger
        self.tcpClient = TCPPeerClient()
    }

    /// The HTTP client whose connections time out after `connectTimeout` (created on first use).
    private func httpClient(connectTimeout: Duration) -> HTTPClient {
        let key = Int64(connectTimeout / .milliseconds(1))
        return httpClients.withLock { clients in
            if let client = clients[key] { return client }
            var configuration = HTTPClient.Configuration(redirectConfiguration: .disallow)
            configuration.timeout = .init(connect: .milliseconds(key))
            // Our outbox retries with backoff; the pool's own retries would hold a refused attempt until its deadline.
            configuration.connectionPool.retryConnectionEstablishment = false
            let client = HTTPClient(eventLoopGroupProvider: .singleton, configuration: configuration)
            clients[key] = client
            return client
        }
    }

    /// How long the loop lets wake-ups gather while deliveries are under way.
    static let busyGathering = Duration.milliseconds(5)

    public func run() async throws {
        let doorbell = gateway.outboxDoorbell
        await withGracefulShutdownHandler {
            await withDiscardingTaskGroup { group in
                while !Task.isShuttingDownGracefully && !Task.isCancelled {
                    // The next look is set from what fell due after this look began: a retry that falls due
                    // between the look and the question below is not missed (it would wait for the poll).
                    let lookBegan = gateway.now
                    startSenders(await takeDueDeliveries().senders, in: &group)
                    await waitForWork(until: await nextLook(dueAfter: lookBegan))
                    // While deliveries are under way, every recorded attempt rings: let those rings gather
                    // briefly so that one look at the outbox serves many. An idle outbox looks at once.
                    if lanes.withLock({ !$0.taken.isEmpty }) {
                        try? await Task.sleep(for: Self.busyGathering)
                    }
                }
            }
        } onGracefulShutdown: {
            self.logger.info("outbox dispatcher stopping")
            doorbell.ring()
        }
        await shutdown()
    }

    /// Waits for a ring or the deadline. A ring that names only peers held after a failure is not work:
    /// their new messages wait with the rest of their queue until the hold ends (when a look is due
    /// anyway), so the wait goes on without reading the outbox. Nor is a wake-up whose peers an earlier
    /// wake-up of this wait already took (rings that came while it was between two waits).
    private func waitForWork(until deadline: ContinuousClock.Instant) async {
        let doorbell = gateway.outboxDoorbell
        while await doorbell.wait(until: deadline), !Task.isShuttingDownGracefully, !Task.isCancelled {
            guard let peers = doorbell.takeRungPeers(), peers.isEmpty || lanes.withLock({ $0.holdsAll(peers) }) else { return }
        }
    }

    /// Closes the HTTP client's connections. ``run()`` does it when it returns; call it after using
    /// ``deliverDueMessages()`` without ``run()``.
    public func shutdown() async {
        let clients = httpClients.withLock { clients in
            defer { clients = [:] }
            return Array(clients.values)
        }
        for client in clients {
            try? await client.shutdown()
        }
    }

    /// Delivers what is due now and waits for those attempts to be recorded (tests and one-shot use; call
    /// ``shutdown()`` when done).
    /// - Returns: how many deliveries were attempted.
    @discardableResult
    public func deliverDueMessages() async -> Int {
        let taken = await takeDueDeliveries()
        await withDiscardingTaskGroup { group in
            startSenders(taken.senders, in: &group)
        }
        return taken.count
    }

    /// Takes the due messages that may start now into their peers' lanes.
    /// - Returns: how many were taken, and the senders to start per peer.
    private func takeDueDeliveries() async -> (count: Int, senders: [String: Int]) {
        let (taken, room, perPeer) = lanes.withLock { ($0.taken, $0.room, $0.takenPerPeer) }
        guard room > 0 else { return (0, [:]) }
        let due: [OutboundDelivery]
        do {
            due = try await gateway.dueDeliveries(limit: room, perPeer: perPeer, excluding: taken)
        } catch {
            logger.error("outbox: cannot read due messages", metadata: ["error": .string("\(error)")])
            return (0, [:])
        }
        let result = lanes.withLock { $0.take(due) }
        for (peer, remaining) in result.heldWithDue {
            // Messages queued for a held peer join its hold in the database, so the next look does not read them.
            let seconds = Double(remaining.components.seconds) + Double(remaining.components.attoseconds) / 1e18
            do {
                try await gateway.holdDeliveries(toPeer: peer, until: gateway.now.addingTimeInterval(seconds))
            } catch {
                logger.error("outbox: cannot hold a peer's queue", metadata: ["peer": .string(peer), "error": .string("\(error)")])
            }
        }
        return (result.count, result.senders)
    }

    /// Starts senders for peers whose lanes have messages waiting.
    private func startSenders(_ senders: [String: Int], in group: inout DiscardingTaskGroup) {
        for (peer, count) in senders {
            for _ in 0..<count {
                group.addTask { await self.sendWaiting(to: peer) }
            }
        }
    }

    /// When to look again if nothing rings: the next scheduled attempt, or the poll interval at the latest.
    private func nextLook(dueAfter lookBegan: Date) async -> ContinuousClock.Instant {
        var wait = pollInterval
        do {
            if let seconds = try await gateway.timeUntilNextDelivery(dueAfter: lookBegan) {
                wait = min(wait, .milliseconds(Int64(max(0, seconds) * 1000) + 1))
            }
        } catch {
            logger.error("outbox: cannot read the next attempt time", metadata: ["error": .string("\(error)")])
        }
        return .now + wait
    }

    /// One sender of a peer's lane: sends the lane's messages one after another until it is empty. Each
    /// outcome is recorded beside the next send, so the wire never waits for the disk.
    private func sendWaiting(to peer: String) async {
        await withDiscardingTaskGroup { recordings in
            while let delivery = lanes.withLock({ $0.next(for: peer) }) {
                let started = ContinuousClock.now
                let attempt = await send(delivery)
                let latency = started.duration(to: .now)
                if attempt.saysPeerIsUnavailable {
                    // Do not try the rest of the lane against a peer that just failed: the record of this
                    // attempt holds the peer's queue until its next attempt.
                    lanes.withLock { $0.releaseWaiting(for: peer) }
                }
                recordings.addTask { await self.record(attempt, of: delivery, latency: latency) }
            }
        }
    }

    /// A peer's error text (or an HTTP body it answered with) as the log may carry it: without the patron
    /// values of the message we sent, nor any value it quotes for a patron element.
    static func loggable(_ text: String, sent delivery: OutboundDelivery) -> String {
        PatronDataRedaction.errorText(text, patronValues: PatronDataRedaction.patronValues(inMessage: String(decoding: delivery.body, as: UTF8.self)))
    }

    /// Records one attempt through the gateway, logs it, and frees its entry for the next look.
    private func record(_ attempt: DeliveryAttempt, of delivery: OutboundDelivery, latency: Duration) async {
        defer {
            lanes.withLock { $0.recorded(delivery) }
            gateway.outboxDoorbell.ring()
        }
        var metadata: Logger.Metadata = [
            "direction": "out",
            "peer": .string(delivery.peerName),
            "tx": .string(String(delivery.transactionID)),
            "type": .string(delivery.kindName),
            "summary": .string(delivery.summary),
            "attempt": .string(String(delivery.attemptNumber)),
            "latency_ms": .string(String(format2: Double(latency.components.seconds) * 1000 + Double(latency.components.attoseconds) / 1e15)),
        ]
        let result: DeliveryResult
        do {
            result = try await gateway.record(attempt, of: delivery, retryPolicy: retryPolicy)
        } catch {
            metadata["store_error"] = .string("\(error)")
            logger.error("outbox: cannot record a delivery attempt", metadata: metadata)
            return
        }
        metadata["result"] = .string(result.logName)
        switch result {
        case .delivered:
            logger.info("message sent", metadata: metadata)
        case .rejected(let error):
            if let error {
                // The peer's text may quote the patron data we sent it: logged without it.
                metadata["error_type"] = .string(error.errorType.rawValue)
                metadata["error_value"] = .string(Self.loggable(error.errorValue ?? "", sent: delivery))
            }
            logger.warning("message sent, peer answered ERROR", metadata: metadata)
        case .willRetry(let at, let failure):
            metadata["error"] = .string(Self.loggable(failure.description, sent: delivery))
            metadata["next_attempt"] = .string(at.formatted(.iso8601))
            if failure.kind == .transient {
                // The peer's queue waits for the same moment (recorded with this failure): what this lane
                // still holds goes back untried, and nothing of the peer's, not even messages queued after
                // the failure, is taken before then.
                let instant = ContinuousClock.now + .milliseconds(Int64(max(0, at.timeIntervalSince(gateway.now)) * 1000))
                lanes.withLock { $0.hold(delivery.peerName, until: instant) }
                metadata["queue"] = "held"
            }
            logger.warning("message not delivered; will retry", metadata: metadata)
        case .dead(let failure):
            metadata["error"] = .string(Self.loggable(failure.description, sent: delivery))
            logger.error("message not delivered; dead-lettered", metadata: metadata)
        case .superseded:
            logger.notice("delivery attempt not recorded: the outbox entry was changed meanwhile", metadata: metadata)
        }
        TransportMetrics.delivery(peer: delivery.peerName, result: result.logName)
    }

    /// Sends one message and returns what came back, without judging it.
    private func send(_ delivery: OutboundDelivery) async -> DeliveryAttempt {
        guard let link = links.link(named: delivery.peerName) else {
            return .notSent("peer '\(delivery.peerName)' is no longer configured")
        }
        guard let endpoint = link.endpoint, let scheme = endpoint.scheme?.lowercased() else {
            return .notSent("peer '\(link.name)' has no endpoint")
        }
        let timeout = Duration.milliseconds(Int64(link.timeout * 1000))
        let connectTimeout = min(timeout, Duration.milliseconds(max(1, Int64(link.connectTimeout * 1000))))
        switch scheme {
        case "http", "https":
            return await post(delivery.body, to: endpoint, link: link, timeout: timeout, connectTimeout: connectTimeout)
        case "tcp":
            guard let host = endpoint.host, let port = endpoint.port else {
                return .notSent("peer '\(link.name)': endpoint \(endpoint) needs a host and a port")
            }
            do {
                let reply = try await tcpClient.send(delivery.body, host: host, port: port, timeout: timeout, connectTimeout: connectTimeout)
                return .answered(PeerReply(body: reply))
            } catch {
                return .noAnswer(error.description)
            }
        default:
            return .notSent("peer '\(link.name)': unsupported endpoint scheme '\(scheme)'")
        }
    }

    /// POSTs one message and returns the status, the `Retry-After` header and the body.
    private func post(_ body: [UInt8], to endpoint: URL, link: PeerLink, timeout: Duration, connectTimeout: Duration) async -> DeliveryAttempt {
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
            do {
                request.tlsConfiguration = try tlsConfigurations.configuration(for: tls)
            } catch {
                return .notSent("peer '\(link.name)': TLS settings: \(error)")
            }
        }
        request.body = .bytes(ByteBuffer(bytes: body))
        do {
            let response = try await httpClient(connectTimeout: connectTimeout).execute(request, timeout: TimeAmount(timeout))
            let answer = try await response.body.collect(upTo: 10 << 20)
            return .answered(
                PeerReply(statusCode: Int(response.status.code), body: Array(buffer: answer), retryAfter: response.headers.first(name: "Retry-After"))
            )
        } catch {
            return .noAnswer("POST \(endpoint): \(DeliveryErrorText.describe(error, connectTimeout: connectTimeout, timeout: timeout))")
        }
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
        case .superseded: "superseded"
        }
    }
}

extension DeliveryAttempt {
    /// Whether the attempt says the peer cannot take messages now (no answer, or a status that asks us to
    /// wait), so the rest of its queue should wait too.
    fileprivate var saysPeerIsUnavailable: Bool {
        switch self {
        case .noAnswer: true
        case .answered(let reply): reply.isTransientStatus
        case .notSent: false
        }
    }
}
