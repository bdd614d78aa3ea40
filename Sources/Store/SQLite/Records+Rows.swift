import Foundation
import GRDB
import ISO18626
import Transactions

// Mapping between records and SQLite rows. Dates are stored as seconds since 1970 (REAL).

extension TransactionRecord {
    /// The columns every query for whole transactions selects, in the order ``init(row:)`` reads them by
    /// position (cheaper than by name on the hot path).
    static let selectedColumns = """
        id, role, state, service_type, requesting_agency_id, requesting_agency_request_id, supplying_agency_id, \
        supplying_agency_request_id, peer_name, edition, cancel_pending, renewal_pending, has_answered_request, due_date, \
        last_status, title, previous_transaction_id, superseded, created_at, updated_at, version, pickup_location, \
        patron_email
        """

    /// Reads a row selected with ``selectedColumns``.
    /// - Throws: ``StoreError/Code/corruptValue`` when the role, state, service type, edition or last status is
    ///   not one this version knows (the state must be one of the row's role).
    init(row: Row) throws(StoreError) {
        let id: Int64 = row[0]
        let table = "ill_transaction"
        let stored = StoredRow(table: table, id: id)
        let role = try stored.column("role", "a role").code(row[1] as String?, as: TransactionRole.self)
        let state: String? = row[2]
        switch role {
        case .supplier:
            _ = try stored.column("state", "a lending state").code(state, as: SupplierState.self)
        case .requester:
            _ = try stored.column("state", "a borrowing state").code(state, as: RequesterState.self)
        }
        self.init(
            id: id,
            role: role,
            state: state ?? "",
            serviceType: try stored.column("service_type", "a service type").code(row[3] as String?, as: ServiceType.self),
            requestingAgencyID: row[4],
            requestingAgencyRequestID: row[5],
            supplyingAgencyID: row[6],
            supplyingAgencyRequestID: row[7],
            peerName: row[8],
            edition: try stored.column("edition", "an edition").code(row[9] as String?, as: Edition.self),
            cancelPending: row[10],
            renewalPending: row[11],
            hasAnsweredRequest: row[12],
            dueDate: (row[13] as Double?).map(Date.init(timeIntervalSince1970:)),
            lastStatus: try stored.column("last_status", "a status").optionalCode(row[14] as String?, as: Status.self),
            title: row[15],
            previousTransactionID: row[16],
            superseded: row[17],
            createdAt: Date(timeIntervalSince1970: row[18]),
            updatedAt: Date(timeIntervalSince1970: row[19]),
            version: row[20],
            pickupLocation: row[21],
            patronEmail: row[22]
        )
    }

    var columns: StatementArguments {
        [
            role.rawValue, state, serviceType.rawValue, requestingAgencyID, requestingAgencyRequestID, supplyingAgencyID,
            supplyingAgencyRequestID, peerName, edition.rawValue, cancelPending, renewalPending, hasAnsweredRequest,
            dueDate?.timeIntervalSince1970, lastStatus?.rawValue, title, previousTransactionID, superseded,
            createdAt.timeIntervalSince1970, updatedAt.timeIntervalSince1970, pickupLocation,
        ]
    }
}

extension MessageRecord {
    /// Reads a `message` row.
    /// - Throws: ``StoreError/Code/corruptValue`` when the direction, type or confirmation status is not one
    ///   this version knows.
    init(row: Row) throws(StoreError) {
        let id: Int64 = row["id"]
        let stored = StoredRow(table: "message", id: id)
        self.init(
            id: id,
            transactionID: row["transaction_id"],
            direction: try stored.column("direction", "a direction").code(row["direction"] as String?, as: MessageDirection.self),
            kind: try stored.column("kind", "a message type").optionalCode(row["kind"] as String?, as: MessageKind.self),
            peerName: row["peer_name"],
            deduplicationKey: row["deduplication_key"],
            summary: row["summary"],
            headerTimestamp: (row["header_timestamp"] as Double?).map(Date.init(timeIntervalSince1970:)),
            recordedAt: Date(timeIntervalSince1970: row["recorded_at"]),
            body: row["body"],
            confirmation: row["confirmation"],
            confirmationStatus: try stored.column("confirmation_status", "OK or ERROR").optionalCode(row["confirmation_status"] as String?, as: MessageStatus.self),
            errorType: row["error_type"],
            errorValue: row["error_value"]
        )
    }

    var columns: StatementArguments {
        [
            transactionID, direction.rawValue, kind?.rawValue, peerName, deduplicationKey, summary,
            headerTimestamp?.timeIntervalSince1970, recordedAt.timeIntervalSince1970, body, confirmation,
            confirmationStatus?.rawValue, errorType, errorValue,
        ]
    }
}

extension EventRecord {
    /// Reads an `event` row.
    /// - Throws: ``StoreError/Code/corruptValue`` when the source is not one this version knows.
    init(row: Row) throws(StoreError) {
        let id: Int64 = row["id"]
        let stored = StoredRow(table: "event", id: id)
        self.init(
            id: id,
            transactionID: row["transaction_id"],
            at: Date(timeIntervalSince1970: row["at"]),
            source: try stored.column("source", "an event source").code(row["source"] as String?, as: Source.self),
            event: row["event"],
            fromState: row["from_state"],
            toState: row["to_state"],
            messageID: row["message_id"],
            detail: row["detail"]
        )
    }
}

extension OutboxRecord {
    /// Reads an `outbox` row.
    /// - Throws: ``StoreError/Code/corruptValue`` when the status is not one this version knows.
    init(row: Row) throws(StoreError) {
        let id: Int64 = row["id"]
        let stored = StoredRow(table: "outbox", id: id)
        self.init(
            id: id,
            transactionID: row["transaction_id"],
            messageID: row["message_id"],
            peerName: row["peer_name"],
            status: try stored.column("status", "an outbox status").code(row["status"] as String?, as: Status.self),
            attempts: row["attempts"],
            nextAttemptAt: Date(timeIntervalSince1970: row["next_attempt_at"]),
            lastError: row["last_error"],
            createdAt: Date(timeIntervalSince1970: row["created_at"]),
            deliveredAt: (row["delivered_at"] as Double?).map(Date.init(timeIntervalSince1970:))
        )
    }

    var columns: StatementArguments {
        [
            transactionID, messageID, peerName, status.rawValue, attempts, nextAttemptAt.timeIntervalSince1970, lastError,
            createdAt.timeIntervalSince1970, deliveredAt?.timeIntervalSince1970,
        ]
    }
}

extension TransactionRecord {
    /// Whether the transaction has reached a final state of its role.
    var isClosed: Bool {
        switch role {
        case .supplier: SupplierState(rawValue: state)?.isTerminal ?? false
        case .requester: RequesterState(rawValue: state)?.isTerminal ?? false
        }
    }

    /// `closed_at`: when a final state was reached (kept from the first time by the update).
    var closedAt: Double? {
        isClosed ? updatedAt.timeIntervalSince1970 : nil
    }

    /// Whether the item has been shipped or the copy delivered (whatever happened after).
    var isSupplied: Bool {
        switch role {
        case .supplier: SupplierState(rawValue: state)?.outcome == .supplied
        case .requester: RequesterState(rawValue: state)?.outcome == .supplied
        }
    }

    /// `supplied_at`: when a supplied state was first reached (kept from the first time by the update), so
    /// that the activity report's time to supply needs no search of the history.
    var suppliedAt: Double? {
        isSupplied ? updatedAt.timeIntervalSince1970 : nil
    }

    /// One column's value, as stored.
    func value(of column: TransactionColumn) -> (any DatabaseValueConvertible)? {
        switch column {
        case .state: state
        case .serviceType: serviceType.rawValue
        case .supplyingAgencyRequestID: supplyingAgencyRequestID
        case .peerName: peerName
        case .edition: edition.rawValue
        case .cancelPending: cancelPending
        case .renewalPending: renewalPending
        case .hasAnsweredRequest: hasAnsweredRequest
        case .dueDate: dueDate?.timeIntervalSince1970
        case .lastStatus: lastStatus?.rawValue
        case .title: title
        case .previousTransactionID: previousTransactionID
        case .superseded: superseded
        case .updatedAt: updatedAt.timeIntervalSince1970
        }
    }
}

extension DatabaseError {
    /// Whether a row could not be written because its primary key or a unique index is taken.
    var isUniquenessViolation: Bool {
        extendedResultCode == .SQLITE_CONSTRAINT_UNIQUE || extendedResultCode == .SQLITE_CONSTRAINT_PRIMARYKEY
    }
}
