import GRDB
import Transactions

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
        migrator.registerMigration("v2: holdings, policy facts, copyright ledger, review queue") { db in
            try db.execute(
                sql: """
                    CREATE TABLE holding (
                        id INTEGER PRIMARY KEY AUTOINCREMENT,
                        title TEXT NOT NULL,
                        title_key TEXT NOT NULL,
                        format TEXT,
                        location TEXT,
                        call_number TEXT,
                        status TEXT NOT NULL,
                        due_date REAL,
                        acquired_on REAL,
                        licence TEXT,
                        has_local_hold INTEGER NOT NULL DEFAULT 0,
                        source_line INTEGER NOT NULL
                    );
                    CREATE INDEX holding_title_key ON holding(title_key);
                    CREATE TABLE holding_identifier (
                        holding_id INTEGER NOT NULL REFERENCES holding(id) ON DELETE CASCADE,
                        kind TEXT NOT NULL,
                        value TEXT NOT NULL
                    );
                    CREATE INDEX holding_identifier_value ON holding_identifier(kind, value);

                    CREATE TABLE transaction_policy (
                        transaction_id INTEGER PRIMARY KEY REFERENCES ill_transaction(id),
                        citation_key TEXT,
                        title_key TEXT,
                        issue_key TEXT,
                        is_article INTEGER NOT NULL DEFAULT 0,
                        patron_key TEXT,
                        patron_type TEXT,
                        renewals_used INTEGER NOT NULL DEFAULT 0,
                        rota TEXT NOT NULL DEFAULT '',
                        decision_rule TEXT,
                        decision_trace TEXT
                    );
                    CREATE INDEX transaction_policy_citation ON transaction_policy(citation_key);
                    CREATE INDEX transaction_policy_title ON transaction_policy(title_key);
                    CREATE INDEX transaction_policy_patron ON transaction_policy(patron_key);

                    CREATE TABLE copyright_title (
                        id INTEGER PRIMARY KEY AUTOINCREMENT,
                        kind TEXT NOT NULL,
                        display_title TEXT NOT NULL
                    );
                    CREATE TABLE copyright_title_issn (
                        issn TEXT PRIMARY KEY,
                        title_id INTEGER NOT NULL REFERENCES copyright_title(id)
                    );
                    CREATE TABLE copyright_title_key (
                        title_key TEXT NOT NULL,
                        title_id INTEGER NOT NULL REFERENCES copyright_title(id),
                        PRIMARY KEY (title_key, title_id)
                    );
                    CREATE TABLE copyright_ledger (
                        id INTEGER PRIMARY KEY AUTOINCREMENT,
                        transaction_id INTEGER REFERENCES ill_transaction(id),
                        title_id INTEGER NOT NULL REFERENCES copyright_title(id),
                        scope TEXT NOT NULL,
                        year INTEGER NOT NULL,
                        basis TEXT NOT NULL,
                        counted INTEGER NOT NULL,
                        code TEXT NOT NULL,
                        state TEXT NOT NULL,
                        requested_at REAL NOT NULL,
                        requested_local TEXT NOT NULL,
                        title TEXT NOT NULL,
                        issns TEXT,
                        isbn TEXT,
                        article_title TEXT,
                        volume TEXT,
                        issue TEXT,
                        pages TEXT,
                        publication_date TEXT,
                        lenders TEXT,
                        royalty_estimate TEXT,
                        royalty_paid INTEGER NOT NULL DEFAULT 0,
                        payment_batch TEXT,
                        filled_at REAL,
                        released_at REAL,
                        purge_after REAL NOT NULL
                    );
                    CREATE INDEX copyright_ledger_bucket ON copyright_ledger(title_id, scope, year, state);
                    CREATE INDEX copyright_ledger_transaction ON copyright_ledger(transaction_id);
                    CREATE INDEX copyright_ledger_year ON copyright_ledger(year);

                    CREATE TABLE review (
                        id INTEGER PRIMARY KEY AUTOINCREMENT,
                        side TEXT NOT NULL,
                        transaction_id INTEGER REFERENCES ill_transaction(id),
                        peer_name TEXT,
                        title TEXT,
                        rule TEXT NOT NULL,
                        why TEXT NOT NULL,
                        reason_if_timed_out TEXT,
                        draft TEXT,
                        draft_settings TEXT,
                        state TEXT NOT NULL,
                        created_at REAL NOT NULL,
                        deadline REAL,
                        resolved_at REAL,
                        resolution TEXT
                    );
                    CREATE INDEX review_state ON review(state, deadline);
                    CREATE INDEX review_transaction ON review(transaction_id);
                    """
            )
        }
        migrator.registerMigration("v3: indexes for the policy's history counts and per-transaction outbox order") { db in
            try db.execute(
                sql: """
                    CREATE INDEX ill_transaction_peer_state ON ill_transaction(role, peer_name, state);
                    CREATE INDEX transaction_policy_issue ON transaction_policy(issue_key);
                    CREATE INDEX outbox_transaction ON outbox(transaction_id, status, id);
                    """
            )
        }
        migrator.registerMigration("v4: patron data purged after retention") { db in
            try db.execute(
                sql: """
                    ALTER TABLE ill_transaction ADD COLUMN patron_data_purged_at REAL;
                    CREATE INDEX ill_transaction_patron_purge ON ill_transaction(patron_data_purged_at, updated_at);
                    """
            )
        }
        migrator.registerMigration("v5: versions for decisions taken off the writer, closed_at, indexes the hot path pays for only when used") { db in
            let supplierClosed = SupplierState.allCases.filter(\.isTerminal).map { "'\($0.rawValue)'" }.joined(separator: ",")
            let requesterClosed = RequesterState.allCases.filter(\.isTerminal).map { "'\($0.rawValue)'" }.joined(separator: ",")
            try db.execute(
                sql: """
                    ALTER TABLE ill_transaction ADD COLUMN version INTEGER NOT NULL DEFAULT 0;
                    ALTER TABLE ill_transaction ADD COLUMN closed_at REAL;
                    UPDATE ill_transaction SET closed_at = updated_at
                        WHERE (role = 'supplier' AND state IN (\(supplierClosed))) OR (role = 'requester' AND state IN (\(requesterClosed)));

                    -- The patron purge reads closed, unpurged transactions by when they closed: only those are indexed,
                    -- so updates of open transactions never touch this index.
                    DROP INDEX ill_transaction_patron_purge;
                    CREATE INDEX ill_transaction_purge_due ON ill_transaction(closed_at)
                        WHERE closed_at IS NOT NULL AND patron_data_purged_at IS NULL;

                    -- Patron keys exist on the borrowing side only, issue keys for articles only.
                    DROP INDEX transaction_policy_patron;
                    CREATE INDEX transaction_policy_patron ON transaction_policy(patron_key) WHERE patron_key IS NOT NULL;
                    DROP INDEX transaction_policy_issue;
                    CREATE INDEX transaction_policy_issue ON transaction_policy(issue_key) WHERE issue_key IS NOT NULL;
                    """
            )
        }
        migrator.registerMigration("v6: item-level holdings facts (loans and copies allowed, periodical class), a review's reason code") { db in
            try db.execute(
                sql: """
                    ALTER TABLE holding ADD COLUMN loan_allowed INTEGER;
                    ALTER TABLE holding ADD COLUMN copy_allowed INTEGER;
                    ALTER TABLE holding ADD COLUMN periodical_class TEXT;
                    ALTER TABLE review ADD COLUMN code TEXT;
                    """
            )
        }
        registerMoney(&migrator)
        registerDeskMigrations(&migrator)
        registerReportMigrations(&migrator)
        registerPullMigrations(&migrator)
        registerReminderMigrations(&migrator)
        registerPrivacyMigrations(&migrator)
        return migrator
    }
}
