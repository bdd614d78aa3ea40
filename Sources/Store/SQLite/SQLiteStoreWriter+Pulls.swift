import Foundation
import GRDB

extension SQLiteStoreWriter {
    // MARK: Pulls

    func insert(_ pull: PullRecord) throws -> PullRecord {
        var stored = pull
        stored.id = ids.allocate(.pull)
        try insertPullRow(stored)
        return stored
    }

    /// Inserts a pull with the id it already has.
    func insertPullRow(_ pull: PullRecord) throws {
        try db.cachedStatement(
            sql: """
                INSERT INTO pull (id, transaction_id, holding_id, branch, title, call_number, shelf_location, state, created_at, deadline,
                    closed_at, closed_by) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
                """
        ).execute(arguments: [pull.id] + pull.columns)
    }

    func update(_ pull: PullRecord) throws {
        try db.cachedStatement(
            sql: """
                UPDATE pull SET transaction_id = ?, holding_id = ?, branch = ?, title = ?, call_number = ?, shelf_location = ?, state = ?,
                    created_at = ?, deadline = ?, closed_at = ?, closed_by = ? WHERE id = ?
                """
        ).execute(arguments: pull.columns + [pull.id])
    }

    func pulls(transactionID: Int64) throws -> [PullRecord] {
        try Row.fetchAllCached(db, sql: "SELECT * FROM pull WHERE transaction_id = ? ORDER BY id", arguments: [transactionID])
            .map(PullRecord.init(row:))
    }

    func pull(id: Int64) throws -> PullRecord? {
        try Row.fetchOneCached(db, sql: "SELECT * FROM pull WHERE id = ?", arguments: [id]).map(PullRecord.init(row:))
    }
}

extension PullRecord {
    /// Reads a `pull` row.
    /// - Throws: ``StoreError/Code/corruptValue`` when the state is not one this version knows.
    init(row: Row) throws(StoreError) {
        let id: Int64 = row["id"]
        self.init(
            id: id,
            transactionID: row["transaction_id"],
            holdingID: row["holding_id"],
            branch: row["branch"],
            title: row["title"],
            callNumber: row["call_number"],
            shelfLocation: row["shelf_location"],
            state: try StoredRow(table: "pull", id: id).column("state", "a pull state").code(row["state"] as String?, as: State.self),
            createdAt: Date(timeIntervalSince1970: row["created_at"]),
            deadline: (row["deadline"] as Double?).map(Date.init(timeIntervalSince1970:)),
            closedAt: (row["closed_at"] as Double?).map(Date.init(timeIntervalSince1970:)),
            closedBy: row["closed_by"]
        )
    }

    var columns: StatementArguments {
        let values: [(any DatabaseValueConvertible)?] = [
            transactionID, holdingID, branch, title, callNumber, shelfLocation, state.rawValue, createdAt.timeIntervalSince1970,
            deadline?.timeIntervalSince1970, closedAt?.timeIntervalSince1970, closedBy,
        ]
        return StatementArguments(values)
    }
}
