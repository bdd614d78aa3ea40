import GRDB

/// Schema for issue 13 (money): the charges ledger, invoices we issue with their lines and payments,
/// lenders' invoices to us, and each holding's replacement price. Amounts are TEXT holding the exact
/// decimal (never REAL), beside a currency column.
extension SQLiteMigrations {
    static func registerMoney(_ migrator: inout DatabaseMigrator) {
        migrator.registerMigration("v7: charges ledger, invoices issued and received, payments, holdings' replacement price") { db in
            try db.execute(
                sql: """
                    ALTER TABLE holding ADD COLUMN replacement_cost TEXT;
                    ALTER TABLE holding ADD COLUMN replacement_currency TEXT;

                    CREATE TABLE charge (
                        id INTEGER PRIMARY KEY AUTOINCREMENT,
                        transaction_id INTEGER NOT NULL REFERENCES ill_transaction(id),
                        side TEXT NOT NULL,
                        peer_name TEXT NOT NULL,
                        kind TEXT NOT NULL,
                        amount TEXT NOT NULL,
                        currency TEXT NOT NULL,
                        adjusts_id INTEGER REFERENCES charge(id),
                        note TEXT,
                        flag TEXT,
                        created_at REAL NOT NULL,
                        created_by TEXT NOT NULL
                    );
                    CREATE INDEX charge_transaction ON charge(transaction_id);
                    CREATE INDEX charge_peer ON charge(side, peer_name);

                    CREATE TABLE invoice (
                        id INTEGER PRIMARY KEY AUTOINCREMENT,
                        number TEXT NOT NULL UNIQUE,
                        year INTEGER NOT NULL,
                        sequence INTEGER NOT NULL,
                        kind TEXT NOT NULL,
                        peer_name TEXT NOT NULL,
                        issued_at REAL NOT NULL,
                        due_at REAL NOT NULL,
                        through REAL,
                        total TEXT NOT NULL,
                        currency TEXT NOT NULL,
                        credits_invoice_id INTEGER REFERENCES invoice(id),
                        voided_at REAL,
                        void_reason TEXT,
                        bill_to TEXT NOT NULL,
                        note TEXT,
                        UNIQUE (year, sequence)
                    );
                    CREATE INDEX invoice_peer ON invoice(peer_name);

                    CREATE TABLE invoice_line (
                        id INTEGER PRIMARY KEY AUTOINCREMENT,
                        invoice_id INTEGER NOT NULL REFERENCES invoice(id),
                        line_number INTEGER NOT NULL,
                        charge_id INTEGER REFERENCES charge(id),
                        transaction_id INTEGER REFERENCES ill_transaction(id),
                        request_id TEXT NOT NULL,
                        item_id TEXT,
                        title TEXT,
                        due_date REAL,
                        lost_date REAL,
                        description TEXT NOT NULL,
                        amount TEXT NOT NULL,
                        currency TEXT NOT NULL
                    );
                    CREATE INDEX invoice_line_invoice ON invoice_line(invoice_id);
                    CREATE INDEX invoice_line_charge ON invoice_line(charge_id);

                    CREATE TABLE payment (
                        id INTEGER PRIMARY KEY AUTOINCREMENT,
                        invoice_id INTEGER NOT NULL REFERENCES invoice(id),
                        amount TEXT NOT NULL,
                        currency TEXT NOT NULL,
                        received_on REAL NOT NULL,
                        reference TEXT,
                        recorded_at REAL NOT NULL,
                        recorded_by TEXT NOT NULL
                    );
                    CREATE INDEX payment_invoice ON payment(invoice_id);

                    CREATE TABLE received_invoice (
                        id INTEGER PRIMARY KEY AUTOINCREMENT,
                        peer_name TEXT NOT NULL,
                        number TEXT NOT NULL,
                        invoice_date REAL NOT NULL,
                        total TEXT NOT NULL,
                        currency TEXT NOT NULL,
                        state TEXT NOT NULL,
                        recorded_at REAL NOT NULL,
                        approved_by TEXT,
                        approved_at REAL,
                        exported_at REAL,
                        note TEXT,
                        UNIQUE (peer_name, number)
                    );
                    CREATE INDEX received_invoice_state ON received_invoice(state);

                    CREATE TABLE received_invoice_line (
                        id INTEGER PRIMARY KEY AUTOINCREMENT,
                        invoice_id INTEGER NOT NULL REFERENCES received_invoice(id),
                        line_number INTEGER NOT NULL,
                        request_id TEXT NOT NULL,
                        transaction_id INTEGER REFERENCES ill_transaction(id),
                        description TEXT NOT NULL,
                        amount TEXT NOT NULL,
                        currency TEXT NOT NULL,
                        flags TEXT NOT NULL
                    );
                    CREATE INDEX received_invoice_line_invoice ON received_invoice_line(invoice_id);
                    CREATE INDEX received_invoice_line_transaction ON received_invoice_line(transaction_id);
                    """
            )
        }
    }
}
