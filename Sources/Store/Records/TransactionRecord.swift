public import Foundation
public import ISO18626
public import Transactions

/// One stored ILL transaction of either role: its identity, its state machine's fields and its dates.
public struct TransactionRecord: Hashable, Sendable {
    /// The store's id (0 until inserted).
    public var id: Int64
    /// Which side we play.
    public var role: TransactionRole
    /// The state, as the role's state enum's raw value.
    public var state: String
    /// The service asked for.
    public var serviceType: ServiceType
    /// The borrower's agency, `TYPE:VALUE`.
    public var requestingAgencyID: String
    /// The borrower's transaction id.
    public var requestingAgencyRequestID: String
    /// The lender's agency, `TYPE:VALUE`.
    public var supplyingAgencyID: String
    /// The lender's transaction id, once known.
    public var supplyingAgencyRequestID: String?
    /// The configured name of the peer we deal with in this transaction.
    public var peerName: String
    /// The edition the peer speaks in this transaction.
    public var edition: Edition
    /// Whether a cancel request awaits its answer.
    public var cancelPending: Bool
    /// Whether a renewal request awaits its answer.
    public var renewalPending: Bool
    /// Whether the supplier's first answer (RequestResponse) has gone out or come in.
    public var hasAnsweredRequest: Bool
    /// The latest due date.
    public var dueDate: Date?
    /// The latest status the supplier reported (requester role) or we reported (supplier role).
    public var lastStatus: Status?
    /// The title of the item, for lists (never patron data).
    public var title: String?
    /// The transaction this one retries, if any.
    public var previousTransactionID: Int64?
    /// Whether a later request reusing the same request id replaced this one.
    public var superseded: Bool
    /// When the transaction was created.
    public var createdAt: Date
    /// When it last changed.
    public var updatedAt: Date
    /// How many times the stored row has been updated: a decision taken on one version is committed only
    /// while the row still has it (optimistic concurrency; 0 for a new transaction).
    public var version: Int64
    /// The branch where the patron collects the item (borrowing side; a code from `[library]`'s branches),
    /// chosen when the request is created and kept by its retries and the rota's next lenders.
    public var pickupLocation: String?
    /// The patron's e-mail address for our own notices (borrowing side), kept here rather than sent to the
    /// lender; kept by retries and the rota's next lenders, never logged, and removed by the patron-data
    /// purge. Written only when the transaction is created.
    public var patronEmail: String?

    /// Creates a record.
    public init(
        id: Int64 = 0,
        role: TransactionRole,
        state: String,
        serviceType: ServiceType,
        requestingAgencyID: String,
        requestingAgencyRequestID: String,
        supplyingAgencyID: String,
        supplyingAgencyRequestID: String? = nil,
        peerName: String,
        edition: Edition,
        cancelPending: Bool = false,
        renewalPending: Bool = false,
        hasAnsweredRequest: Bool = false,
        dueDate: Date? = nil,
        lastStatus: Status? = nil,
        title: String? = nil,
        previousTransactionID: Int64? = nil,
        superseded: Bool = false,
        createdAt: Date,
        updatedAt: Date,
        version: Int64 = 0,
        pickupLocation: String? = nil,
        patronEmail: String? = nil
    ) {
        self.id = id
        self.role = role
        self.state = state
        self.serviceType = serviceType
        self.requestingAgencyID = requestingAgencyID
        self.requestingAgencyRequestID = requestingAgencyRequestID
        self.supplyingAgencyID = supplyingAgencyID
        self.supplyingAgencyRequestID = supplyingAgencyRequestID
        self.peerName = peerName
        self.edition = edition
        self.cancelPending = cancelPending
        self.renewalPending = renewalPending
        self.hasAnsweredRequest = hasAnsweredRequest
        self.dueDate = dueDate
        self.lastStatus = lastStatus
        self.title = title
        self.previousTransactionID = previousTransactionID
        self.superseded = superseded
        self.createdAt = createdAt
        self.updatedAt = updatedAt
        self.version = version
        self.pickupLocation = pickupLocation
        self.patronEmail = patronEmail
    }
}
