import GRDB

/// The versioned schema of the SQLite store. Migrations only ever get added, never edited.
enum SQLiteMigrations {
    static var migrator: DatabaseMigrator {
        var migrator = DatabaseMigrator()
        migrator.registerMigration("v1: transactions, messages, events, outbox") { db in
            try db.execute(
                sql: """
                    CREATE TABLE ill_transaction (
                        id INTEGER PRIMARY KEY AUTOINCREMENT,
                        role TEXT NOT NULL,
                        state TEXT NOT NULL,
                        service_type TEXT NOT NULL,
                        requesting_agency_id TEXT NOT NULL,
                        requesting_agency_request_id TEXT NOT NULL,
                        supplying_agency_id TEXT NOT NULL,
                        supplying_agency_request_id TEXT,
                        peer_name TEXT NOT NULL,
                        edition TEXT NOT NULL,
                        cancel_pending INTEGER NOT NULL DEFAULT 0,
                        renewal_pending INTEGER NOT NULL DEFAULT 0,
                        has_answered_request INTEGER NOT NULL DEFAULT 0,
                        due_date REAL,
                        last_status TEXT,
                        title TEXT,
                        previous_transaction_id INTEGER REFERENCES ill_transaction(id),
                        superseded INTEGER NOT NULL DEFAULT 0,
                        created_at REAL NOT NULL,
                        updated_at REAL NOT NULL
                    );
                    CREATE UNIQUE INDEX ill_transaction_key ON ill_transaction(role, requesting_agency_id, requesting_agency_request_id)
                        WHERE superseded = 0;
                    CREATE INDEX ill_transaction_state ON ill_transaction(role, state);

                    CREATE TABLE message (
                        id INTEGER PRIMARY KEY AUTOINCREMENT,
                        transaction_id INTEGER REFERENCES ill_transaction(id),
                        direction TEXT NOT NULL,
                        kind TEXT,
                        peer_name TEXT,
                        deduplication_key TEXT,
                        summary TEXT NOT NULL,
                        header_timestamp REAL,
                        recorded_at REAL NOT NULL,
                        body TEXT NOT NULL,
                        confirmation TEXT,
                        confirmation_status TEXT,
                        error_type TEXT,
                        error_value TEXT
                    );
                    CREATE UNIQUE INDEX message_deduplication ON message(deduplication_key) WHERE direction = 'inbound';
                    CREATE INDEX message_transaction ON message(transaction_id);

                    CREATE TABLE event (
                        id INTEGER PRIMARY KEY AUTOINCREMENT,
                        transaction_id INTEGER NOT NULL REFERENCES ill_transaction(id),
                        at REAL NOT NULL,
                        source TEXT NOT NULL,
                        event TEXT NOT NULL,
                        from_state TEXT NOT NULL,
                        to_state TEXT NOT NULL,
                        message_id INTEGER REFERENCES message(id),
                        detail TEXT
                    );
                    CREATE INDEX event_transaction ON event(transaction_id);

                    CREATE TABLE outbox (
                        id INTEGER PRIMARY KEY AUTOINCREMENT,
                        transaction_id INTEGER NOT NULL REFERENCES ill_transaction(id),
                        message_id INTEGER NOT NULL REFERENCES message(id),
                        peer_name TEXT NOT NULL,
                        status TEXT NOT NULL,
                        attempts INTEGER NOT NULL DEFAULT 0,
                        next_attempt_at REAL NOT NULL,
                        last_error TEXT,
                        created_at REAL NOT NULL,
                        delivered_at REAL
                    );
                    CREATE INDEX outbox_status ON outbox(status, next_attempt_at);
                    """
            )
        }
        return migrator
    }
}
