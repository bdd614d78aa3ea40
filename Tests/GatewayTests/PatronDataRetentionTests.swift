import Foundation
import Gateway
import ISO18626
import Store
import Testing
import Transactions

/// Patron data lives only as long as the workflow needs it: once a transaction has been closed for the
/// retention period, its stored messages lose their `patronInfo` and still read as the messages they were.
@Suite struct PatronDataRetentionTests {
    static func request(title: String, patron: String) -> BorrowingRequest {
        var request = LibraryPair.borrowingRequest(title: title)
        request.patronInfo = PatronInfo(patronID: patron, surname: "Ishmael", givenName: "Call-Me", patronType: .faculty)
        return request
    }

    /// Every stored message body of a transaction.
    static func bodies(_ gateway: Gateway, _ transaction: TransactionRecord) async throws -> [String] {
        try await gateway.store.messages(transactionID: transaction.id).map(\.body)
    }

    @Test func closedTransactionsLosePatronDataAfterTheRetentionPeriodAndOpenOnesKeepIt() async throws {
        let pair = try LibraryPair()
        let closedBorrowing = try await pair.borrower.borrow(Self.request(title: "Typee", patron: "P-CLOSED-1"))
        let openBorrowing = try await pair.borrower.borrow(Self.request(title: "Omoo", patron: "P-OPEN-2"))
        try await pair.deliverAll()
        let closedLending = try await pair.lenderTransaction(for: closedBorrowing)
        let openLending = try await pair.lenderTransaction(for: openBorrowing)
        _ = try await pair.lender.perform(SupplierCommand(.unfilled, note: "missing", reasonUnfilled: .notOnShelf), onTransaction: closedLending.id)
        try await pair.deliverAll()
        #expect(try await pair.refreshed(closedBorrowing, at: pair.borrower).state == RequesterState.unfilled.rawValue)
        #expect(try await Self.bodies(pair.lender, closedLending).contains { $0.contains("P-CLOSED-1") })

        // Within the retention period nothing changes.
        pair.clock.advance(days: 29)
        #expect(try await pair.lender.purgePatronData(retainingDays: 30).isEmpty)
        #expect(try await pair.borrower.purgePatronData(retainingDays: 30).isEmpty)
        #expect(try await Self.bodies(pair.lender, closedLending).contains { $0.contains("P-CLOSED-1") })

        // After it, both sides' copies of the closed request lose the patron; the open one keeps it.
        pair.clock.advance(days: 2)
        let lenderPurge = try await pair.lender.purgePatronData(retainingDays: 30)
        let borrowerPurge = try await pair.borrower.purgePatronData(retainingDays: 30)
        #expect(lenderPurge == PatronDataPurge(transactions: 1, messages: 1, reviews: 0))
        #expect(borrowerPurge == PatronDataPurge(transactions: 1, messages: 1, reviews: 0))
        for (gateway, transaction) in [(pair.lender, closedLending), (pair.borrower, closedBorrowing)] {
            let bodies = try await Self.bodies(gateway, transaction)
            #expect(!bodies.isEmpty)
            #expect(bodies.allSatisfy { !$0.contains("P-CLOSED-1") && !$0.contains("Ishmael") && !$0.contains("patronInfo") })
            // The request still reads as the request it was, less the patron.
            let request = try #require(bodies.first { $0.contains("<request>") || $0.contains(":request>") })
            guard case .request(let decoded) = try ISO18626Decoder().decode(Array(request.utf8)).message else {
                Issue.record("the purged request no longer decodes as a request")
                continue
            }
            #expect(decoded.patronInfo == nil)
            #expect(decoded.bibliographicInfo.title == "Typee")
        }
        #expect(try await Self.bodies(pair.lender, openLending).contains { $0.contains("P-OPEN-2") })
        #expect(try await Self.bodies(pair.borrower, openBorrowing).contains { $0.contains("P-OPEN-2") })

        // A transaction is purged once.
        #expect(try await pair.lender.purgePatronData(retainingDays: 30).isEmpty)
    }

    @Test func retentionZeroPurgesAsSoonAsTheTransactionCloses() async throws {
        let pair = try LibraryPair()
        let borrowing = try await pair.borrower.borrow(Self.request(title: "Mardi", patron: "P-ZERO-3"))
        try await pair.deliverAll()
        #expect(try await pair.borrower.purgePatronData(retainingDays: 0).isEmpty, "an open transaction keeps its patron")
        _ = try await pair.borrower.perform(RequesterCommand(.cancel), onTransaction: borrowing.id)
        try await pair.deliverAll()
        let lending = try await pair.lenderTransaction(for: borrowing)
        _ = try await pair.lender.perform(SupplierCommand(.acceptCancel), onTransaction: lending.id)
        try await pair.deliverAll()
        #expect(try await pair.refreshed(borrowing, at: pair.borrower).state == RequesterState.cancelled.rawValue)
        pair.clock.advance(seconds: 1)
        #expect(try await pair.borrower.purgePatronData(retainingDays: 0).transactions == 1)
        #expect(try await Self.bodies(pair.borrower, borrowing).allSatisfy { !$0.contains("P-ZERO-3") })
    }
}
