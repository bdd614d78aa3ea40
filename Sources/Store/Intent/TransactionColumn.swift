/// The columns of a stored transaction that a decision can change, so that an update writes only those
/// that did (and leaves indexes on the others alone).
public enum TransactionColumn: String, CaseIterable, Hashable, Sendable {
    case state
    case serviceType = "service_type"
    case supplyingAgencyRequestID = "supplying_agency_request_id"
    case peerName = "peer_name"
    case edition
    case cancelPending = "cancel_pending"
    case renewalPending = "renewal_pending"
    case hasAnsweredRequest = "has_answered_request"
    case dueDate = "due_date"
    case lastStatus = "last_status"
    case title
    case previousTransactionID = "previous_transaction_id"
    case superseded
    case updatedAt = "updated_at"

    /// The columns whose values differ between two versions of one transaction.
    public static func changed(from old: TransactionRecord, to new: TransactionRecord) -> [TransactionColumn] {
        allCases.filter { column in
            switch column {
            case .state: old.state != new.state
            case .serviceType: old.serviceType != new.serviceType
            case .supplyingAgencyRequestID: old.supplyingAgencyRequestID != new.supplyingAgencyRequestID
            case .peerName: old.peerName != new.peerName
            case .edition: old.edition != new.edition
            case .cancelPending: old.cancelPending != new.cancelPending
            case .renewalPending: old.renewalPending != new.renewalPending
            case .hasAnsweredRequest: old.hasAnsweredRequest != new.hasAnsweredRequest
            case .dueDate: old.dueDate != new.dueDate
            case .lastStatus: old.lastStatus != new.lastStatus
            case .title: old.title != new.title
            case .previousTransactionID: old.previousTransactionID != new.previousTransactionID
            case .superseded: old.superseded != new.superseded
            case .updatedAt: old.updatedAt != new.updatedAt
            }
        }
    }
}
