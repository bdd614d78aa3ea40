import GRDB

/// The overdue reminders sent, both roles: one row per reminder, keyed so that a number is sent once per due date.
extension SQLiteMigrations {
    static func registerReminderMigrations(_ migrator: inout DatabaseMigrator) {
        migrator.registerMigration("v9r: overdue reminders sent, one per number and due date") { db in
            try db.execute(
                sql: """
                    CREATE TABLE reminder (
                        transaction_id INTEGER NOT NULL REFERENCES ill_transaction(id),
                        due_date REAL NOT NULL,
                        number INTEGER NOT NULL,
                        is_final INTEGER NOT NULL,
                        sent_at REAL NOT NULL,
                        source TEXT NOT NULL,
                        PRIMARY KEY (transaction_id, due_date, number)
                    ) WITHOUT ROWID;
                    """
            )
        }
    }
}
