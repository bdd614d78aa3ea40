import Foundation
import Gateway
import ISO18626
import Logging
import Store
import Testing
import Transactions
import Transport

/// A borrowing library's gateway on a temporary SQLite file whose outbox goes to local test peers: what the
/// dispatcher tests deliver from.
final class DeliveryTestLibrary: Sendable {
    static let ourAgency = AgencyID(type: .isil, value: "US-BORR")

    let gateway: Gateway
    let links: PeerLinkTable
    private let directory: URL

    /// - Parameter peers: each peer's name and endpoint (its agency id is `DK-<NAME>`).
    init(
        peers: [(name: String, endpoint: URL)],
        timeout: TimeInterval = 10,
        connectTimeout: TimeInterval = 3,
        statementObserver: (@Sendable (String) -> Void)? = nil
    ) throws {
        directory = FileManager.default.temporaryDirectory.appendingPathComponent("illgate-delivery-test-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        gateway = try Gateway(
            configuration: GatewayConfiguration(
                libraryAgencyID: Self.ourAgency,
                peers: peers.map { Peer(name: $0.name, agencyIDs: [AgencyID(type: .isil, value: "DK-\($0.name.uppercased())")]) },
                requestIDPrefix: "BORR"
            ),
            store: try SQLiteTransactionStore(path: directory.appendingPathComponent("illgate.sqlite").path, statementObserver: statementObserver)
        )
        links = PeerLinkTable(peers.map { PeerLink(name: $0.name, endpoint: $0.endpoint, timeout: timeout, connectTimeout: connectTimeout) })
    }

    deinit {
        try? FileManager.default.removeItem(at: directory)
    }

    /// A dispatcher for this library's outbox. The default policy retries soon, so that a test on a busy
    /// machine does not hang on a backoff after a hiccup.
    func dispatcher(
        retryPolicy: RetryPolicy = RetryPolicy(initialDelay: 0.1, maximumDelay: 1),
        pollInterval: Duration = .seconds(60),
        logger: Logger? = nil
    ) -> OutboxDispatcher {
        var quiet = Logger(label: "illgate.delivery.test")
        quiet.logLevel = .critical
        return OutboxDispatcher(gateway: gateway, peers: links, retryPolicy: retryPolicy, pollInterval: pollInterval, logger: logger ?? quiet)
    }

    /// Runs the dispatcher for the duration of `body`.
    func whileDispatching(_ dispatcher: OutboxDispatcher, _ body: () async throws -> Void) async throws {
        try await withThrowingTaskGroup(of: Void.self) { group in
            group.addTask { try await dispatcher.run() }
            do {
                try await body()
            } catch {
                group.cancelAll()
                throw error
            }
            group.cancelAll()
        }
    }

    /// Queues messages straight into the outbox, as a backlog left from before (no doorbell rung): one
    /// transaction per `transactions`, each with `messagesEach` messages whose bodies name the transaction
    /// and the message's place in it (`<test tx="7" seq="2"/>`).
    func queueBacklog(transactions: Int, messagesEach: Int, to peer: String) async throws {
        let now = Date()
        try await gateway.store.write { writer in
            for number in 0..<transactions {
                let transaction = try writer.insert(
                    TransactionRecord(
                        role: .requester,
                        state: "requested",
                        serviceType: .loan,
                        requestingAgencyID: Self.ourAgency.key,
                        requestingAgencyRequestID: "BACKLOG-\(peer)-\(number)",
                        supplyingAgencyID: "ISIL:DK-\(peer.uppercased())",
                        peerName: peer,
                        edition: .v1_2,
                        createdAt: now,
                        updatedAt: now
                    )
                )
                for place in 0..<messagesEach {
                    let message = try writer.insert(
                        MessageRecord(
                            transactionID: transaction.id,
                            direction: .outbound,
                            kind: .requestingAgencyMessage,
                            peerName: peer,
                            summary: "test \(place)",
                            headerTimestamp: now,
                            recordedAt: now,
                            body: "<test tx=\"\(transaction.id)\" seq=\"\(place)\"/>"
                        )
                    )
                    _ = try writer.enqueue(
                        OutboxRecord(transactionID: transaction.id, messageID: message.id, peerName: peer, nextAttemptAt: now, createdAt: now)
                    )
                }
            }
        }
    }

    /// Sends a borrowing request to `peer` through the gateway (a staff action: it commits and rings the
    /// dispatcher) and returns when the commit returned.
    func borrow(from peer: String, title: String) async throws -> ContinuousClock.Instant {
        _ = try await gateway.submit(
            BorrowingRequest(peerName: peer, bibliographicInfo: BibliographicInfo(title: title), serviceInfo: ServiceInfo(serviceType: .loan))
        )
        return .now
    }

    /// Outbox entries in these states.
    func entries(_ statuses: Set<OutboxRecord.Status>) async throws -> [OutboxRecord] {
        try await gateway.store.outbox(statuses: statuses)
    }
}

/// Waits until `condition` holds, checking every 10 ms, for at most `timeout` (generous: the whole test suite
/// runs in parallel on two cores).
func eventually(
    within timeout: Duration = .seconds(60),
    _ what: String,
    _ condition: () async throws -> Bool
) async throws {
    let deadline = ContinuousClock.now + timeout
    while try await !condition() {
        guard ContinuousClock.now < deadline else {
            throw TCPTestFailure("timed out after \(timeout) waiting for \(what)")
        }
        try await Task.sleep(for: .milliseconds(10))
    }
}

extension TestHTTPPeer.Received {
    /// The `tx` and `seq` of a backlog message's body (`<test tx="7" seq="2"/>`).
    var backlogPlace: (transaction: Int64, sequence: Int)? {
        let fields = body.split(separator: "\"")
        guard fields.count >= 4, let transaction = Int64(fields[1]), let sequence = Int(fields[3]) else { return nil }
        return (transaction, sequence)
    }
}
