import Foundation
import ISO18626
import Store
import Testing
import Transactions

/// What the store forgets on schedule: patron data of transactions closed long enough, and copyright-ledger
/// rows past their retention; and what it must keep.
@Suite struct RetentionTests {
    static let patronBody = """
        <request><header/><patronInfo><patronId>P-77</patronId><surname>Canary</surname></patronInfo>\
        <bibliographicInfo><title>Kept</title></bibliographicInfo></request>
        """

    /// A transaction with a message carrying patron data, closed (through a decided write, as the gateway
    /// closes them) at `closedAt`, or left open.
    func transaction(_ requestID: String, closedAt: Date?, in store: SQLiteTransactionStore) async throws -> (Int64, Int64) {
        let (transactionID, messageID) = try await store.write { writer in
            let transaction = try writer.insert(supplierTransaction(requestID))
            let message = try writer.insert(
                MessageRecord(
                    transactionID: transaction.id, direction: .inbound, kind: .request, peerName: "borrower",
                    summary: "request", headerTimestamp: nil, recordedAt: at(0), body: Self.patronBody
                )
            )
            try writer.save(TransactionPolicyRecord(transactionID: transaction.id, patronKey: "patron-key"))
            return (transaction.id, message.id)
        }
        if let closedAt {
            try await store.decideAndCommit { writer in
                var row = try #require(try writer.transaction(id: transactionID))
                row.state = SupplierState.loanCompleted.rawValue
                row.updatedAt = closedAt
                try writer.update(row)
            }
        }
        return (transactionID, messageID)
    }

    @Test func patronDataGoesOnlyFromTransactionsClosedBeforeTheCutoff() async throws {
        let directory = try TemporaryDirectory()
        let store = try SQLiteTransactionStore(path: directory.database)
        let (oldID, oldMessage) = try await transaction("RET-OLD", closedAt: at(0), in: store)
        let (_, recentMessage) = try await transaction("RET-RECENT", closedAt: at(1_000), in: store)
        let (openID, openMessage) = try await transaction("RET-OPEN", closedAt: nil, in: store)

        let purge = try await store.purgePatronData(closedBefore: at(500), at: at(2_000))
        #expect(purge.transactions == 1 && purge.messages == 1)
        let scrubbed = try #require(try await store.message(id: oldMessage)).body
        #expect(!scrubbed.contains("Canary") && !scrubbed.contains("P-77"))
        #expect(scrubbed.contains("<title>Kept</title>"), "only the patron data goes, the rest of the message stays")
        #expect(try await store.message(id: recentMessage)?.body == Self.patronBody)
        #expect(try await store.message(id: openMessage)?.body == Self.patronBody)
        let facts = try await store.write { writer in
            (try writer.policyFacts(transactionID: oldID), try writer.policyFacts(transactionID: openID))
        }
        #expect(facts.0?.patronKey == nil && facts.1?.patronKey == "patron-key")

        // Purged once: the next run finds nothing more to do.
        let again = try await store.purgePatronData(closedBefore: at(500), at: at(3_000))
        #expect(again.transactions == 0 && again.messages == 0)
        // The transaction itself stays, for the statistics and the copyright record.
        #expect(try await store.transaction(id: oldID)?.requestingAgencyRequestID == "RET-OLD")
    }

    @Test func ledgerRowsGoWhenTheirRetentionEnds() async throws {
        let directory = try TemporaryDirectory()
        let store = try SQLiteTransactionStore(path: directory.database)
        try await store.write { writer in
            let titleID = try writer.createTitleCluster(kind: "serial", displayTitle: "Journal", issns: ["1050-4125"], titleKeys: [])
            for (title, purgeAfter) in [("expired", at(100)), ("kept", at(1_000))] {
                _ = try writer.insert(
                    LedgerEntryRecord(
                        transactionID: nil, titleID: titleID, scope: "library", year: 2026, basis: "CCG", counted: true,
                        code: "US-CCG", requestedAt: at(0), requestedLocal: "2026-11-18", title: title, purgeAfter: purgeAfter
                    )
                )
            }
        }
        #expect(try await store.purgeLedger(before: at(99)) == 0)
        #expect(try await store.purgeLedger(before: at(100)) == 1)
        #expect(try await store.ledger(year: 2026).map(\.title) == ["kept"])
    }
}
