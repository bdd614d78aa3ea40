import GRDB
import Transactions

/// The reports' schema: when each transaction was first supplied, kept on its row so that a year's activity
/// report reads one row per request instead of searching each request's history, and the indexes behind
/// the activity report's money columns (each named by its query in ``SQLiteTransactionStore/hotQueryPlans()``).
extension SQLiteMigrations {
    static func registerReportMigrations(_ migrator: inout DatabaseMigrator) {
        migrator.registerMigration("v9: when each transaction was first supplied, indexes of the money dates for the activity report") { db in
            func list(_ role: TransactionRole) -> String {
                role.states(withOutcome: .supplied).map { "'\($0)'" }.joined(separator: ",")
            }
            let supplier = list(.supplier)
            let requester = list(.requester)
            try db.execute(
                sql: """
                    ALTER TABLE ill_transaction ADD COLUMN supplied_at REAL;

                    -- A supplied state is never left for an unsupplied one, so a transaction in one now was first
                    -- supplied by the earliest event that moved it into one (its last update if the history has none).
                    UPDATE ill_transaction SET supplied_at = COALESCE(
                        (SELECT MIN(e.at) FROM event e WHERE e.transaction_id = ill_transaction.id
                            AND ((ill_transaction.role = 'supplier' AND e.to_state IN (\(supplier)))
                            OR (ill_transaction.role = 'requester' AND e.to_state IN (\(requester))))),
                        updated_at)
                    WHERE (role = 'supplier' AND state IN (\(supplier))) OR (role = 'requester' AND state IN (\(requester)));

                    -- The activity report's money columns read a period's invoices, payments and lenders' invoices by date.
                    CREATE INDEX invoice_issued ON invoice(issued_at);
                    CREATE INDEX payment_received ON payment(received_on);
                    CREATE INDEX received_invoice_dated ON received_invoice(invoice_date);
                    CREATE INDEX received_invoice_approved ON received_invoice(approved_at) WHERE approved_at IS NOT NULL;
                    """
            )
        }
    }
}
