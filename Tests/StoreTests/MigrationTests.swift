import Foundation
import ISO18626
import GRDB
import Store
import Testing
import Transactions

@testable import Store

/// A database left at any earlier schema version, with data in it, opens with the current store: every
/// migration after it runs, and the data reads back through the store.
@Suite struct MigrationTests {
    static let migrations = SQLiteMigrations.migrator.migrations

    /// Every version a deployed database may be at, the oldest first (the latest is the store's own).
    static var earlierVersions: [String] {
        Array(migrations.dropLast())
    }

    @Test func theMigrationsAreTheKnownOnesInOrder() {
        // Names are the migrations' identity in a deployed database: renaming one would run it again.
        #expect(Array(Self.migrations.prefix(6).map { $0.prefix(3) }) == ["v1:", "v2:", "v3:", "v4:", "v5:", "v6:"])
    }

    @Test(arguments: earlierVersions)
    func aDatabaseAtAnEarlierVersionIsBroughtUpToDate(version: String) async throws {
        let directory = try TemporaryDirectory()
        let queue = try DatabaseQueue(path: directory.database)
        try SQLiteMigrations.migrator.migrate(queue, upTo: version)
        let hasPolicyTables = try await queue.read { db in try db.tableExists("holding") }
        try await queue.write { db in
            try Self.insertVersion1Rows(db)
            if hasPolicyTables { try Self.insertVersion2Rows(db) }
            // From v5 on, the store itself notes when a transaction closed.
            if try db.columns(in: "ill_transaction").contains(where: { $0.name == "closed_at" }) {
                try db.execute(sql: "UPDATE ill_transaction SET closed_at = updated_at WHERE id = 2")
            }
            // From v9 on, the store itself notes when a transaction was first supplied.
            if try db.columns(in: "ill_transaction").contains(where: { $0.name == "supplied_at" }) {
                try db.execute(sql: "UPDATE ill_transaction SET supplied_at = ? WHERE id = 1", arguments: [at(0).timeIntervalSince1970])
                try db.execute(sql: "UPDATE ill_transaction SET supplied_at = updated_at WHERE id = 2")
            }
        }
        try queue.close()

        let store = try SQLiteTransactionStore(path: directory.database)
        let applied = try await DatabaseQueue(path: directory.database).read { db in
            try SQLiteMigrations.migrator.appliedIdentifiers(db)
        }
        #expect(applied == Set(Self.migrations))

        // v1: the loan, its messages, events and outbox entry.
        let loan = try #require(try await store.transaction(id: 1))
        #expect(loan.state == SupplierState.loaned.rawValue && loan.requestingAgencyRequestID == "OLD-1")
        #expect(loan.dueDate == at(86_400) && loan.lastStatus == .loaned && loan.title == "Old loan")
        #expect(loan.version == 0)
        let closed = try #require(try await store.transaction(id: 2))
        #expect(closed.state == SupplierState.loanCompleted.rawValue)
        #expect(try await store.messages(transactionID: 1).map(\.body) == ["<request>old</request>", "<supplyingAgencyMessage/>"])
        #expect(try await store.events(transactionID: 1).map(\.toState) == [SupplierState.requestReceived.rawValue, SupplierState.loaned.rawValue])
        #expect(try await store.outbox(statuses: [.pending]).map(\.messageID) == [2])

        // v5 set closed_at for the transactions already closed, and only those: the patron purge finds them.
        let closedAt = try await DatabaseQueue(path: directory.database).read { db in
            try Row.fetchAll(db, sql: "SELECT id, closed_at FROM ill_transaction ORDER BY id").map { row -> Double? in row["closed_at"] }
        }
        #expect(closedAt == [nil, at(60).timeIntervalSince1970])

        // v9 set supplied_at from the first event into a supplied state (the loan), else the last update
        // (the completed loan has no history): the activity report's time to supply reads it.
        let suppliedAt = try await DatabaseQueue(path: directory.database).read { db in
            try Row.fetchAll(db, sql: "SELECT supplied_at FROM ill_transaction ORDER BY id").map { row -> Double? in row["supplied_at"] }
        }
        #expect(suppliedAt == [at(0).timeIntervalSince1970, at(60).timeIntervalSince1970])

        if hasPolicyTables {
            #expect(try await store.holdingsCount() == 1)
            let holding = try await store.write { writer in try writer.holdings(matching: HoldingLookup(titleKey: "old loan")) }
            #expect(holding.first?.title == "Old loan" && holding.first?.isbns == ["9780142437247"])
            #expect(holding.first?.loanAllowed == nil && holding.first?.periodicalClass == nil)
            let review = try #require(try await store.reviews(states: [.open]).first)
            #expect(review.rule == "OLD-RULE" && review.code == nil && review.transactionID == 1)
            #expect(try await store.ledger(year: 2026).map(\.title) == ["Old journal"])
        }
        // New rows go in after the old ones.
        let added = try await store.write { writer in try writer.insert(supplierTransaction("NEW-1")) }
        #expect(added.id == 3)
    }

    /// The rows of a database at v1 (only the columns v1 had).
    static func insertVersion1Rows(_ db: Database) throws {
        let created = at(0).timeIntervalSince1970
        try db.execute(
            sql: """
                INSERT INTO ill_transaction (id, role, state, service_type, requesting_agency_id, requesting_agency_request_id,
                    supplying_agency_id, peer_name, edition, due_date, last_status, title, created_at, updated_at)
                VALUES (1, 'supplier', ?, 'Loan', 'ISIL:US-BORR', 'OLD-1', 'ISIL:DK-LEND', 'borrower', '1.2', ?, 'Loaned', 'Old loan', ?, ?),
                       (2, 'supplier', ?, 'Loan', 'ISIL:US-BORR', 'OLD-2', 'ISIL:DK-LEND', 'borrower', '1.2', NULL, 'LoanCompleted', 'Done', ?, ?);
                INSERT INTO message (id, transaction_id, direction, kind, peer_name, summary, recorded_at, body, confirmation_status)
                VALUES (1, 1, 'inbound', 'request', 'borrower', 'request OLD-1', ?, '<request>old</request>', 'OK'),
                       (2, 1, 'outbound', 'supplyingAgencyMessage', 'borrower', 'Loaned', ?, '<supplyingAgencyMessage/>', NULL);
                INSERT INTO event (transaction_id, at, source, event, from_state, to_state, message_id)
                VALUES (1, ?, 'peer', 'request', 'none', ?, 1), (1, ?, 'staff', 'loaned', ?, ?, 2);
                INSERT INTO outbox (transaction_id, message_id, peer_name, status, next_attempt_at, created_at)
                VALUES (1, 2, 'borrower', 'pending', ?, ?);
                """,
            arguments: [
                SupplierState.loaned.rawValue, at(86_400).timeIntervalSince1970, created, created,
                SupplierState.loanCompleted.rawValue, created, at(60).timeIntervalSince1970,
                created, created,
                created, SupplierState.requestReceived.rawValue, created, SupplierState.requestReceived.rawValue, SupplierState.loaned.rawValue,
                created, created,
            ]
        )
    }

    /// The rows of the tables v2 added (only the columns v2 had).
    static func insertVersion2Rows(_ db: Database) throws {
        let created = at(0).timeIntervalSince1970
        try db.execute(
            sql: """
                INSERT INTO holding (id, title, title_key, status, source_line) VALUES (1, 'Old loan', 'old loan', 'available', 2);
                INSERT INTO holding_identifier (holding_id, kind, value) VALUES (1, 'isbn', '9780142437247');
                INSERT INTO transaction_policy (transaction_id, title_key, rota) VALUES (1, 'old loan', '');
                INSERT INTO review (side, transaction_id, rule, why, state, created_at) VALUES ('lending', 1, 'OLD-RULE', 'old', 'open', ?);
                INSERT INTO copyright_title (id, kind, display_title) VALUES (1, 'serial', 'Old journal');
                INSERT INTO copyright_ledger (transaction_id, title_id, scope, year, basis, counted, code, state, requested_at,
                    requested_local, title, purge_after)
                VALUES (1, 1, 'library', 2026, 'CCG', 1, 'US-CCG', 'filled', ?, '2026-11-18', 'Old journal', ?);
                """,
            arguments: [created, created, at(86_400 * 365 * 3).timeIntervalSince1970]
        )
    }
}
