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
        last_status, title, previous_transaction_id, superseded, created_at, updated_at, version, pickup_location
        """

    /// Reads a row selected with ``selectedColumns``.
    init(row: Row) {
        self.init(
            id: row[0],
            role: TransactionRole(rawValue: row[1]) ?? .supplier,
            state: row[2],
            serviceType: ServiceType(rawValue: row[3]) ?? .loan,
            requestingAgencyID: row[4],
            requestingAgencyRequestID: row[5],
            supplyingAgencyID: row[6],
            supplyingAgencyRequestID: row[7],
            peerName: row[8],
            edition: Edition(rawValue: row[9]) ?? .v1_2,
            cancelPending: row[10],
            renewalPending: row[11],
            hasAnsweredRequest: row[12],
            dueDate: (row[13] as Double?).map(Date.init(timeIntervalSince1970:)),
            lastStatus: (row[14] as String?).flatMap(Status.init(rawValue:)),
            title: row[15],
            previousTransactionID: row[16],
            superseded: row[17],
            createdAt: Date(timeIntervalSince1970: row[18]),
            updatedAt: Date(timeIntervalSince1970: row[19]),
            version: row[20],
            pickupLocation: row[21]
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
    init(row: Row) {
        self.init(
            id: row["id"],
            transactionID: row["transaction_id"],
            direction: MessageDirection(rawValue: row["direction"]) ?? .inbound,
            kind: (row["kind"] as String?).flatMap(MessageKind.init(rawValue:)),
            peerName: row["peer_name"],
            deduplicationKey: row["deduplication_key"],
            summary: row["summary"],
            headerTimestamp: (row["header_timestamp"] as Double?).map(Date.init(timeIntervalSince1970:)),
            recordedAt: Date(timeIntervalSince1970: row["recorded_at"]),
            body: row["body"],
            confirmation: row["confirmation"],
            confirmationStatus: (row["confirmation_status"] as String?).flatMap(MessageStatus.init(rawValue:)),
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
    init(row: Row) {
        self.init(
            id: row["id"],
            transactionID: row["transaction_id"],
            at: Date(timeIntervalSince1970: row["at"]),
            source: Source(rawValue: row["source"]) ?? .system,
            event: row["event"],
            fromState: row["from_state"],
            toState: row["to_state"],
            messageID: row["message_id"],
            detail: row["detail"]
        )
    }
}

extension OutboxRecord {
    init(row: Row) {
        self.init(
            id: row["id"],
            transactionID: row["transaction_id"],
            messageID: row["message_id"],
            peerName: row["peer_name"],
            status: Status(rawValue: row["status"]) ?? .pending,
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
