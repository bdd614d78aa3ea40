import Foundation
import Gateway
import ISO18626
import Policy
import Store
import Synchronization
import Testing
import Transactions

/// A clock that tests move by hand.
final class TestClock: Sendable {
    private let current: Mutex<Date>

    init(_ start: Date = Date(timeIntervalSince1970: 1_795_000_000)) {
        current = Mutex(start)
    }

    /// The time; each reading moves the clock on by a millisecond, as real time would between two messages.
    var now: Date {
        current.withLock { time in
            defer { time = time.addingTimeInterval(0.001) }
            return time
        }
    }

    func advance(days: Double) {
        current.withLock { $0 = $0.addingTimeInterval(days * 86_400) }
    }

    func advance(seconds: Double) {
        current.withLock { $0 = $0.addingTimeInterval(seconds) }
    }
}

/// A fresh SQLite file in a temporary directory, removed when the test ends.
final class TemporaryDatabase: Sendable {
    let directory: URL
    let path: String

    init() throws {
        directory = FileManager.default.temporaryDirectory.appendingPathComponent("illgate-test-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        path = directory.appendingPathComponent("illgate.sqlite").path
    }

    deinit {
        try? FileManager.default.removeItem(at: directory)
    }
}

/// Two libraries, each with its own gateway and database: a lender (DK-LEND) and a borrower (US-BORR),
/// connected by a courier that delivers each side's outbox to the other, as the dispatcher will over HTTP.
struct LibraryPair {
    static let lenderAgency = AgencyID(type: .isil, value: "DK-LEND")
    static let borrowerAgency = AgencyID(type: .isil, value: "US-BORR")

    let clock = TestClock()
    let lender: Gateway
    let borrower: Gateway
    private let databases: [TemporaryDatabase]
    /// The lender's and the borrower's database files.
    var databasePaths: (lender: String, borrower: String) { (databases[0].path, databases[1].path) }

    init(
        lenderEdition: Edition = .v1_2,
        borrowerEdition: Edition = .v1_2,
        lenderRequiresAuthentication: RequestingAgencyAuthentication? = nil,
        lenderPolicy: PolicyConfiguration? = nil,
        borrowerPolicy: PolicyConfiguration? = nil,
        borrowerPeers: [Peer] = [],
        borrowerBranches: [Branch] = [],
        lenderBranches: [Branch] = [],
        lenderStatementObserver: (@Sendable (String) -> Void)? = nil,
        lenderBilling: BillingConfiguration = BillingConfiguration(),
        borrowerNotices: NoticeConfiguration? = nil
    ) throws {
        let lenderDatabase = try TemporaryDatabase()
        let borrowerDatabase = try TemporaryDatabase()
        databases = [lenderDatabase, borrowerDatabase]
        let clock = self.clock
        var lenderConfiguration = GatewayConfiguration(
            libraryAgencyID: Self.lenderAgency,
            peers: [
                Peer(
                    name: "borrower",
                    agencyIDs: [Self.borrowerAgency],
                    edition: borrowerEdition,
                    requiredAuthentication: lenderRequiresAuthentication
                )
            ],
            requestIDPrefix: "LEND",
            policy: lenderPolicy,
            branches: lenderBranches
        )
        lenderConfiguration.billing = lenderBilling
        lender = try Gateway(
            configuration: lenderConfiguration,
            store: try SQLiteTransactionStore(path: lenderDatabase.path, statementObserver: lenderStatementObserver),
            validateOutbound: true,
            clock: { clock.now }
        )
        var borrowerConfiguration = GatewayConfiguration(
            libraryAgencyID: Self.borrowerAgency,
            peers: [
                Peer(
                    name: "lender",
                    agencyIDs: [Self.lenderAgency],
                    edition: lenderEdition,
                    outboundAuthentication: lenderRequiresAuthentication
                )
            ] + borrowerPeers,
            requestIDPrefix: "BORR",
            policy: borrowerPolicy,
            branches: borrowerBranches
        )
        borrowerConfiguration.notices = borrowerNotices
        borrower = try Gateway(
            configuration: borrowerConfiguration,
            store: try SQLiteTransactionStore(path: borrowerDatabase.path),
            validateOutbound: true,
            clock: { clock.now }
        )
    }

    /// Delivers every due message in both directions until both outboxes are empty.
    /// - Returns: the replies the receiving gateways gave, in delivery order.
    @discardableResult
    func deliverAll() async throws -> [InboundReply] {
        var replies: [InboundReply] = []
        var progress = true
        while progress {
            progress = false
            for (source, target, name) in [(lender, borrower, "lender"), (borrower, lender, "borrower")] {
                for delivery in try await source.dueDeliveries() {
                    progress = true
                    let reply = await target.handle(Array(delivery.message.body.utf8), from: PeerContext(authenticatedPeerName: name, transport: "test"))
                    replies.append(reply)
                    if let confirmation = reply.confirmation {
                        try await source.record(.answered(PeerReply(statusCode: 200, body: confirmation)), of: delivery, retryPolicy: RetryPolicy())
                    } else {
                        try await source.record(.noAnswer("\(reply.body)"), of: delivery, retryPolicy: RetryPolicy(maximumAttempts: 1))
                    }
                }
            }
        }
        return replies
    }

    /// A loan the borrower asked for and the lender shipped with `due`: both sides' transactions.
    func shippedLoan(due: Date) async throws -> (borrowing: TransactionRecord, lending: TransactionRecord) {
        let borrowing = try await borrower.borrow(Self.borrowingRequest(.loan))
        try await deliverAll()
        var lending = try await lenderTransaction(for: borrowing)
        lending = try await lender.perform(SupplierCommand(.ship, dueDate: due), onTransaction: lending.id)
        try await deliverAll()
        return (borrowing, lending)
    }

    /// The lender's transaction for the borrower's request id.
    func lenderTransaction(for borrowing: TransactionRecord) async throws -> TransactionRecord {
        let all = try await lender.store.transactions(matching: TransactionFilter(role: .supplier, limit: 1000))
        return try #require(all.first { $0.requestingAgencyRequestID == borrowing.requestingAgencyRequestID })
    }

    func refreshed(_ transaction: TransactionRecord, at gateway: Gateway) async throws -> TransactionRecord {
        try #require(try await gateway.store.transaction(id: transaction.id))
    }

    static func borrowingRequest(_ serviceType: ServiceType = .loan, title: String = "Moby-Dick") -> BorrowingRequest {
        BorrowingRequest(
            peerName: "lender",
            bibliographicInfo: BibliographicInfo(
                title: title,
                author: "Melville, Herman",
                bibliographicItemID: [BibliographicItemID(identifier: "9780142437247", code: .isbn)]
            ),
            serviceInfo: ServiceInfo(requestType: .new, serviceType: serviceType),
            patronInfo: PatronInfo(patronID: "P-1001", patronType: .faculty)
        )
    }
}
