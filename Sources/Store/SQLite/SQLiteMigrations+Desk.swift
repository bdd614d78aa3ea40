import GRDB

/// The desk's schema: where a borrowed item is collected, and the indexes behind the staff worklists and
/// reports (each named by the query in ``SQLiteTransactionStore/hotQueryPlans()`` that uses it).
extension SQLiteMigrations {
    static func registerDeskMigrations(_ migrator: inout DatabaseMigrator) {
        migrator.registerMigration("v8: pickup locations of borrowing requests, indexes for the worklists and reports") { db in
            try db.execute(
                sql: """
                    ALTER TABLE ill_transaction ADD COLUMN pickup_location TEXT;

                    -- Worklists by due date (overdue, due back soon): only loans have one, so the index stays small
                    -- and no update of a transaction without a due date touches it.
                    CREATE INDEX ill_transaction_due ON ill_transaction(role, state, due_date) WHERE due_date IS NOT NULL;
                    -- The activity and demand reports read a period's requests by when they were created.
                    CREATE INDEX ill_transaction_created ON ill_transaction(created_at);
                    """
            )
        }
        migrator.registerMigration("v8a: an index of shipments by day for the packing lists") { db in
            // Only ship events are indexed: the events of every other step never touch it.
            try db.execute(sql: "CREATE INDEX event_shipped ON event(at) WHERE event = 'ship'")
        }
    }
}
