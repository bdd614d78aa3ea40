import GRDB

/// The lender's pulls: the owning branch of a copy, and the pulls that bring copies from their branch to the
/// ILL desk (each index named by the query in ``SQLiteTransactionStore/hotQueryPlans()`` that uses it).
extension SQLiteMigrations {
    static func registerPullMigrations(_ migrator: inout DatabaseMigrator) {
        migrator.registerMigration("v9p: the owning branch of a holding, pulls from branches to the ILL desk") { db in
            try db.execute(
                sql: """
                    ALTER TABLE holding ADD COLUMN branch TEXT;

                    CREATE TABLE pull (
                        id INTEGER PRIMARY KEY AUTOINCREMENT,
                        transaction_id INTEGER NOT NULL REFERENCES ill_transaction(id),
                        holding_id INTEGER,
                        branch TEXT NOT NULL,
                        title TEXT NOT NULL,
                        call_number TEXT,
                        shelf_location TEXT,
                        state TEXT NOT NULL,
                        created_at REAL NOT NULL,
                        deadline REAL,
                        closed_at REAL,
                        closed_by TEXT
                    );
                    -- A transaction's pulls (and whether one is open: the ship worklist, staff actions).
                    CREATE INDEX pull_transaction ON pull(transaction_id, state);
                    -- A branch's pick list, oldest first.
                    CREATE INDEX pull_branch ON pull(branch, state, created_at);
                    -- Every branch's pick list, oldest first.
                    CREATE INDEX pull_state ON pull(state, created_at);
                    -- The hourly timeout: open pulls by deadline.
                    CREATE INDEX pull_deadline ON pull(state, deadline);
                    """
            )
        }
    }
}
