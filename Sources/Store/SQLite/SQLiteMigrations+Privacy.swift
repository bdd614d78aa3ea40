import GRDB

/// Patron data kept on our side only: the patron's e-mail address for our notices, on the borrowing
/// transaction instead of in the request we send the lender.
extension SQLiteMigrations {
    static func registerPrivacyMigrations(_ migrator: inout DatabaseMigrator) {
        migrator.registerMigration("v9e: the patron's e-mail address kept on our side, not sent to the lender") { db in
            // Transactions created before read the address from the request they sent (as they did).
            try db.execute(sql: "ALTER TABLE ill_transaction ADD COLUMN patron_email TEXT")
        }
    }
}
