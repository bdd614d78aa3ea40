@testable import Daemon
import Foundation
import Gateway
import ISO18626
import Logging
import Store
import Synchronization
import Testing
import Transactions

/// The housekeeping's patron-notice lines: one per notice, with the transaction's ids and the kind, and never
/// the patron's e-mail address, which went into the notice itself.
@Suite struct PatronNoticeLogTests {
    @Test func theOverdueNoticeIsLoggedByIdsAndKindWithoutTheAddress() async throws {
        let address = "grace.reader@example.org"
        let scratch = try ConfigurationTestSupport.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: scratch) }
        let now = Mutex(Date(timeIntervalSince1970: 1_795_000_000))
        let clock: @Sendable () -> Date = { now.withLock { $0 } }
        let lenderAgency = AgencyID(type: .isil, value: "DK-LEND")
        let borrowerAgency = AgencyID(type: .isil, value: "US-BORR")
        let lender = try Gateway(
            configuration: GatewayConfiguration(libraryAgencyID: lenderAgency, peers: [Peer(name: "borrower", agencyIDs: [borrowerAgency], edition: .v1_2)]),
            store: try SQLiteTransactionStore(path: scratch.appendingPathComponent("lender.sqlite").path),
            clock: clock
        )
        var borrowerConfiguration = GatewayConfiguration(
            libraryAgencyID: borrowerAgency,
            peers: [Peer(name: "lender", agencyIDs: [lenderAgency], edition: .v1_2)],
            requestIDPrefix: "BORR"
        )
        borrowerConfiguration.notices = NoticeConfiguration(
            templates: try NoticeTemplates(directory: ConfigurationTestSupport.repositoryRoot.appendingPathComponent("config/notices")),
            delivery: .spool(scratch),
            sender: "ill@borrower.example"
        )
        let borrower = try Gateway(
            configuration: borrowerConfiguration,
            store: try SQLiteTransactionStore(path: scratch.appendingPathComponent("borrower.sqlite").path),
            clock: clock
        )

        let borrowing = try await borrower.borrow(
            BorrowingRequest(
                peerName: "lender",
                bibliographicInfo: BibliographicInfo(title: "Moby-Dick"),
                serviceInfo: ServiceInfo(requestType: .new, serviceType: .loan),
                patronInfo: PatronInfo(patronID: "P-7", surname: "Reader", address: [.electronic(ElectronicAddress(type: "email", data: address))])
            )
        )
        try await Self.deliverAll(between: lender, and: borrower)
        let lending = try #require(try await lender.store.transactions(matching: TransactionFilter(role: .supplier, limit: 10)).first)
        _ = try await lender.perform(SupplierCommand(.ship, dueDate: clock().addingTimeInterval(7 * 86_400)), onTransaction: lending.id)
        try await Self.deliverAll(between: lender, and: borrower)
        _ = try await borrower.perform(RequesterCommand(.markReceived), onTransaction: borrowing.id)
        now.withLock { $0 += 8 * 86_400 }

        let sink = InMemoryLogSink()
        let housekeeping = Housekeeping(gateway: borrower, interval: .seconds(60), patronDataRetentionDays: 90, logger: makeLineLogger(sink: sink))
        try await housekeeping.sendPatronNotices()
        try await housekeeping.sendPatronNotices()

        let lines = sink.trimmedLines
        #expect(lines.count == 1, "sent once: \(lines)")
        let line = try #require(lines.first)
        #expect(line.contains("event=patron-notice") && line.contains("tx=\(borrowing.id)") && line.contains("kind=overdue"))
        #expect(line.contains("request_id=\(borrowing.requestingAgencyRequestID)"))
        #expect(!lines.contains { $0.contains(address) || $0.contains("grace") || $0.contains("Reader") })
        let spooled = try FileManager.default.contentsOfDirectory(atPath: scratch.path).filter { $0.hasSuffix(".eml") }
        #expect(spooled.count == 2, "ready for pickup and overdue, both addressed to the patron")
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
