import Foundation
import Store
import Testing
import Transactions

/// Concurrent writers share commits, and one writer's failure undoes only its own work.
@Suite struct GroupCommitTests {
    struct Refusal: Error {}

    @Test func concurrentWritersShareCommitsAndAllLand() async throws {
        let directory = try TemporaryDirectory()
        let store = try SQLiteTransactionStore(path: directory.database)
        let writers = 200
        let before = store.commitStatistics
        let ids = try await withThrowingTaskGroup(of: Int64.self) { group in
            for index in 0..<writers {
                group.addTask {
                    try await store.write { writer in
                        let transaction = try writer.insert(supplierTransaction("GC-\(index)"))
                        try writer.append(
                            EventRecord(transactionID: transaction.id, at: at(0), source: .peer, event: "request", fromState: "none", toState: transaction.state)
                        )
                        return transaction.id
                    }
                }
            }
            return try await group.reduce(into: []) { $0.append($1) }
        }
        #expect(Set(ids).count == writers, "every writer got its own row")
        let stored = try await store.transactions(matching: TransactionFilter(limit: 10_000))
        #expect(Set(stored.map(\.requestingAgencyRequestID)) == Set((0..<writers).map { "GC-\($0)" }))
        let statistics = store.commitStatistics
        #expect(statistics.writes - before.writes == writers)
        // 200 callers at once cannot each have had a commit of their own: the writer took them in groups.
        #expect(statistics.commits - before.commits < writers, "\(statistics.commits - before.commits) commits for \(writers) writes")
    }

    @Test func aFailingWriterUndoesOnlyItsOwnWork() async throws {
        let directory = try TemporaryDirectory()
        let store = try SQLiteTransactionStore(path: directory.database)
        let results = await withTaskGroup(of: (Int, Bool).self) { group in
            for index in 0..<60 {
                group.addTask {
                    do {
                        try await store.write { writer in
                            _ = try writer.insert(supplierTransaction("FW-\(index)"))
                            // Every third writer fails after writing: its row must not survive the shared commit.
                            if index % 3 == 0 { throw Refusal() }
                        }
                        return (index, true)
                    } catch {
                        return (index, false)
                    }
                }
            }
            return await group.reduce(into: [Int: Bool]()) { $0[$1.0] = $1.1 }
        }
        #expect(results.filter { $0.value }.count == 40)
        #expect(results.filter { !$0.value }.keys.allSatisfy { $0 % 3 == 0 })
        let stored = Set(try await store.transactions(matching: TransactionFilter(limit: 1_000)).map(\.requestingAgencyRequestID))
        #expect(stored == Set((0..<60).filter { $0 % 3 != 0 }.map { "FW-\($0)" }))
    }

    @Test func aConflictingIntentIsRefusedAndDecidedAgain() async throws {
        let directory = try TemporaryDirectory()
        let store = try SQLiteTransactionStore(path: directory.database)
        let transaction = try await store.write { writer in try writer.insert(supplierTransaction("CI-1")) }
        // Two decisions on the same snapshot version: the first to commit wins, the second must be refused.
        let first = try await store.decide { writer in
            var row = try #require(try writer.transaction(id: transaction.id))
            row.state = SupplierState.willSupply.rawValue
            try writer.update(row)
        }
        let second = try await store.decide { writer in
            var row = try #require(try writer.transaction(id: transaction.id))
            row.state = SupplierState.unfilled.rawValue
            try writer.update(row)
        }
        try await store.commit(first.intent)
        await #expect(throws: WriteConflict.self) { try await store.commit(second.intent) }
        #expect(try await store.transaction(id: transaction.id)?.state == SupplierState.willSupply.rawValue)
        // decideAndCommit takes the conflict and decides again on the new state.
        let seen = try await store.decideAndCommit { writer in
            var row = try #require(try writer.transaction(id: transaction.id))
            let was = row.state
            row.state = SupplierState.loaned.rawValue
            try writer.update(row)
            return was
        }
        #expect(seen == SupplierState.willSupply.rawValue)
        #expect(try await store.transaction(id: transaction.id)?.state == SupplierState.loaned.rawValue)
    }
}
