import Foundation
import Store
import Testing
import Transactions

/// Pulls as the store keeps them: written by a decision taken off the writer (the intent) or inside it,
/// read back whole, listed per branch oldest first, and found by deadline.
@Suite struct PullRecordTests {
    @Test func aPullDecidedOffTheWriterIsCommittedAndChangedLikeAnyRow() async throws {
        let directory = try TemporaryDirectory()
        let store = try SQLiteTransactionStore(path: directory.database)
        let transaction = try await store.write { writer in try writer.insert(supplierTransaction("R-1", state: .willSupply)) }

        let insert = try await store.decide { writer in
            try writer.insert(
                PullRecord(
                    transactionID: transaction.id, holdingID: 7, branch: "LAW", title: "Moby-Dick", callNumber: "PS2384 .M6",
                    shelfLocation: "Reading room", createdAt: at(0), deadline: at(3600)
                )
            )
        }
        #expect(insert.intent.operations.count == 1, "one insert, nothing written yet")
        #expect(try await store.pulls(PullQuery()).isEmpty)
        try await store.commit(insert.intent)
        let made = insert.result
        #expect(made.id > 0)
        #expect(try await store.pulls(PullQuery(states: [], transactionID: transaction.id)).map(\.pull) == [made])

        let update = try await store.decide { writer in
            let open = try #require(try writer.pulls(transactionID: transaction.id).first { $0.state == .open })
            let closed = open.closed(.arrived, at: at(60), by: "staff: arrived at the ILL desk")
            try writer.update(closed)
            #expect(try writer.pulls(transactionID: transaction.id) == [closed], "the decision reads its own change")
            return closed
        }
        try await store.commit(update.intent)
        let closed = update.result
        let listed = try await store.pulls(PullQuery(states: [.arrived]))
        #expect(listed.map(\.pull) == [closed])
        #expect(listed.first?.requestID == "R-1" && listed.first?.peerName == "borrower" && listed.first?.requestingAgencyID == "ISIL:US-BORR")
        #expect(try await store.pulls(PullQuery()).isEmpty, "no open pull is left")
    }

    @Test func pickListsAreOldestFirstPerBranchAndTheTimeoutFindsOnlyOpenPullsPastTheirDeadline() async throws {
        let directory = try TemporaryDirectory()
        let store = try SQLiteTransactionStore(path: directory.database)
        let pulls = try await store.write { writer in
            try (1...3).map { number in
                let transaction = try writer.insert(supplierTransaction("R-\(number)", state: .willSupply))
                return try writer.insert(
                    PullRecord(
                        transactionID: transaction.id, holdingID: nil, branch: number == 2 ? "MAIN" : "LAW", title: "Item \(number)",
                        createdAt: at(Double(10 - number)), deadline: at(Double(100 * number))
                    )
                )
            }
        }
        #expect(try await store.pulls(PullQuery(branch: "LAW")).map(\.pull.title) == ["Item 3", "Item 1"])
        #expect(try await store.pulls(PullQuery()).map(\.pull.title) == ["Item 3", "Item 2", "Item 1"])
        #expect(try await store.duePulls(at: at(200)).map(\.id) == [pulls[0].id, pulls[1].id])
        try await store.write { writer in try writer.update(pulls[0].closed(.cancelled, at: at(150), by: "staff: cancelled")) }
        #expect(try await store.duePulls(at: at(200)).map(\.id) == [pulls[1].id])
    }
}
