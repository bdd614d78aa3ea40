public import Foundation
import GRDB

extension SQLiteTransactionStore {
    public func reviews(states: Set<ReviewRecord.State>) async throws -> [ReviewRecord] {
        try await read { db in
            let marks = sqlBindMarkers(states.count)
            return try Row.fetchAll(
                db,
                sql: "SELECT * FROM review WHERE state IN (\(marks)) ORDER BY id",
                arguments: StatementArguments(states.map(\.rawValue))
            ).map(ReviewRecord.init(row:))
        }
    }

    public func dueReviews(at now: Date) async throws -> [ReviewRecord] {
        try await read { db in
            try Row.fetchAll(
                db,
                sql: "SELECT * FROM review WHERE state = 'open' AND deadline IS NOT NULL AND deadline <= ? ORDER BY deadline, id",
                arguments: [now.timeIntervalSince1970]
            ).map(ReviewRecord.init(row:))
        }
    }

    public func ledger(year: Int) async throws -> [LedgerEntryRecord] {
        try await read { db in
            try Row.fetchAll(db, sql: "SELECT * FROM copyright_ledger WHERE year = ? ORDER BY title_id, requested_at, id", arguments: [year])
                .map(LedgerEntryRecord.init(row:))
        }
    }

    public func titleClusters(ids: [Int64]) async throws -> [TitleClusterRecord] {
        try await read { [rowIDs] db in
            try ids.compactMap { try SQLiteStoreWriter(db: db, ids: rowIDs).titleCluster(id: $0) }
        }
    }

    public func holdingsCount() async throws -> Int {
        try await read { db in try Int.fetchOne(db, sql: "SELECT COUNT(*) FROM holding") ?? 0 }
    }

    public func purgeLedger(before now: Date) async throws -> Int {
        try await write { writer in
            guard let sqlite = writer as? SQLiteStoreWriter else { return 0 }
            try sqlite.db.execute(sql: "DELETE FROM copyright_ledger WHERE purge_after <= ?", arguments: [now.timeIntervalSince1970])
            return sqlite.db.changesCount
        }
    }
}
