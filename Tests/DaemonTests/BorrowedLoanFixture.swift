import Foundation
import Gateway
import ISO18626
import Policy
import Store
import Synchronization
import Testing
import Transactions

/// Two gateways on one made-up clock, the borrower sending patron notices into a spool directory, and one loan the
/// lender shipped and the borrower received: where the housekeeping log tests start. The patron carries a name, an
/// id and an e-mail address, so a test can insist that none of them reaches a log line.
final class BorrowedLoanFixture: Sendable {
    static let address = "grace.reader@example.org"
    static let lenderAgency = AgencyID(type: .isil, value: "DK-LEND")
    static let borrowerAgency = AgencyID(type: .isil, value: "US-BORR")

    let scratch: URL
    private let instant = Instant()
    let lender: Gateway
    let borrower: Gateway
    let borrowing: TransactionRecord
    let lending: TransactionRecord

    /// Sets the pair up and ships the loan due `dueInDays` ahead. With `lenderPolicy` the lender answers the
    /// request by its policy (it holds the title); without, staff ship it.
    init(dueInDays: Double, lenderPolicy: PolicyConfiguration? = nil, patronReminders: ReminderSchedule = .empty) async throws {
        scratch = try ConfigurationTestSupport.temporaryDirectory()
        let instant = self.instant
        let clock: @Sendable () -> Date = { instant.value.withLock { $0 } }
        lender = try Gateway(
            configuration: GatewayConfiguration(
                libraryAgencyID: Self.lenderAgency,
                peers: [Peer(name: "borrower", agencyIDs: [Self.borrowerAgency], edition: .v1_2)],
                policy: lenderPolicy
            ),
            store: try SQLiteTransactionStore(path: scratch.appendingPathComponent("lender.sqlite").path),
            clock: clock
        )
        try await lender.store.write { writer in
            try writer.replaceHoldings(with: [
                HoldingRecord(isbns: ["9780142437247"], title: "Moby-Dick", titleKey: TitleKey.make("Moby-Dick"), format: "Book", location: "Main")
            ])
        }
        var borrowerConfiguration = GatewayConfiguration(
            libraryAgencyID: Self.borrowerAgency,
            peers: [Peer(name: "lender", agencyIDs: [Self.lenderAgency], edition: .v1_2)],
            requestIDPrefix: "BORR"
        )
        borrowerConfiguration.notices = NoticeConfiguration(
            templates: try NoticeTemplates(directory: ConfigurationTestSupport.repositoryRoot.appendingPathComponent("config/notices")),
            delivery: .spool(scratch),
            sender: "ill@borrower.example",
            reminders: patronReminders
        )
        borrower = try Gateway(
            configuration: borrowerConfiguration,
            store: try SQLiteTransactionStore(path: scratch.appendingPathComponent("borrower.sqlite").path),
            clock: clock
        )
        borrowing = try await borrower.borrow(
            BorrowingRequest(
                peerName: "lender",
                bibliographicInfo: BibliographicInfo(title: "Moby-Dick", bibliographicItemID: [BibliographicItemID(identifier: "9780142437247", code: .isbn)]),
                serviceInfo: ServiceInfo(requestType: .new, serviceType: .loan),
                patronInfo: PatronInfo(patronID: "P-7", surname: "Reader", address: [.electronic(ElectronicAddress(type: "email", data: Self.address))])
            )
        )
        try await Self.deliverAll(between: lender, and: borrower)
        let requested = try #require(try await lender.store.transactions(matching: TransactionFilter(role: .supplier, limit: 10)).first)
        lending = try await lender.perform(SupplierCommand(.ship, dueDate: clock().addingTimeInterval(dueInDays * 86_400)), onTransaction: requested.id)
        try await Self.deliverAll(between: lender, and: borrower)
        _ = try await borrower.perform(RequesterCommand(.markReceived), onTransaction: borrowing.id)
    }

    /// The made-up time both gateways read.
    private final class Instant: Sendable {
        let value = Mutex(Date(timeIntervalSince1970: 1_795_000_000))
    }

    deinit {
        try? FileManager.default.removeItem(at: scratch)
    }

    /// Moves the clock on.
    func advance(days: Double) {
        instant.value.withLock { $0 += days * 86_400 }
    }

    /// Whether a log line holds any of the patron's data.
    static func holdsPatronData(_ line: String) -> Bool {
        line.contains(address) || line.contains("grace") || line.contains("Reader") || line.contains("P-7")
    }

    /// Carries every due message between the two gateways until both outboxes are empty.
    static func deliverAll(between lender: Gateway, and borrower: Gateway) async throws {
        var progress = true
        while progress {
            progress = false
            for (source, target, name) in [(lender, borrower, "lender"), (borrower, lender, "borrower")] {
                for delivery in try await source.dueDeliveries() {
                    progress = true
                    let reply = await target.handle(Array(delivery.message.body.utf8), from: PeerContext(authenticatedPeerName: name, transport: "test"))
                    let confirmation = try #require(reply.confirmation)
                    try await source.record(.answered(PeerReply(statusCode: 200, body: confirmation)), of: delivery, retryPolicy: RetryPolicy())
                }
            }
        }
    }
}
