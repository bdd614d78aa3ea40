import Foundation

// The JSON the admin API speaks, shared with the CLI. Dates are ISO 18626 timestamps (UTC, `Z`).

/// A transaction as the admin API shows it.
public struct AdminTransaction: Codable, Sendable, Equatable {
    public var id: Int64
    public var role: String
    public var state: String
    public var peer: String
    public var serviceType: String
    public var requestingAgencyID: String
    public var requestID: String
    public var supplyingAgencyID: String
    public var supplierRequestID: String?
    public var edition: String
    public var dueDate: String?
    public var lastStatus: String?
    public var title: String?
    public var cancelPending: Bool
    public var renewalPending: Bool
    public var previousTransactionID: Int64?
    public var createdAt: String
    public var updatedAt: String
    /// Where the patron collects a borrowed item (a branch code).
    public var pickupLocation: String?
}

/// One step of a transaction's history.
public struct AdminEvent: Codable, Sendable, Equatable {
    public var at: String
    public var source: String
    public var event: String
    public var fromState: String
    public var toState: String
    public var messageID: Int64?
    public var detail: String?
}

/// One message of a transaction.
public struct AdminMessage: Codable, Sendable, Equatable {
    public var id: Int64
    public var at: String
    public var direction: String
    public var type: String?
    public var summary: String
    public var confirmationStatus: String?
    public var errorType: String?
    public var errorValue: String?
    public var body: String?
    public var confirmation: String?
}

/// A transaction with its history and messages.
public struct AdminTransactionDetail: Codable, Sendable, Equatable {
    public var transaction: AdminTransaction
    public var events: [AdminEvent]
    public var messages: [AdminMessage]

    /// Creates a detail view.
    public init(transaction: AdminTransaction, events: [AdminEvent], messages: [AdminMessage]) {
        self.transaction = transaction
        self.events = events
        self.messages = messages
    }
}

/// A staff action on a transaction: the event name of the role's state machine (`illgate states`) and
/// what it needs.
public struct AdminActionRequest: Codable, Sendable, Equatable {
    public var action: String
    public var note: String?
    /// For ship and grantRenewal: the due date (a date, or a date and time).
    public var dueDate: String?
    /// For unfilled: the ReasonUnfilled value.
    public var reasonUnfilled: String?
    /// For retryPossible: the ReasonRetry value.
    public var reasonRetry: String?
    /// For retryPossible: what we would charge, such as `25.00 USD`.
    public var offeredCost: String?
    /// For expectToSupply and willSupply.
    public var expectedDeliveryDate: String?
    /// For ship and sendCopy.
    public var itemIDs: [String]?
    public var deliveryMethod: String?
    public var url: String?
    public var itemFormat: String?

    public init(
        action: String,
        note: String? = nil,
        dueDate: String? = nil,
        reasonUnfilled: String? = nil,
        reasonRetry: String? = nil,
        offeredCost: String? = nil,
        expectedDeliveryDate: String? = nil,
        itemIDs: [String]? = nil,
        deliveryMethod: String? = nil,
        url: String? = nil,
        itemFormat: String? = nil
    ) {
        self.action = action
        self.note = note
        self.dueDate = dueDate
        self.reasonUnfilled = reasonUnfilled
        self.reasonRetry = reasonRetry
        self.offeredCost = offeredCost
        self.expectedDeliveryDate = expectedDeliveryDate
        self.itemIDs = itemIDs
        self.deliveryMethod = deliveryMethod
        self.url = url
        self.itemFormat = itemFormat
    }
}

/// A new borrowing request.
public struct AdminBorrowRequest: Codable, Sendable, Equatable {
    public var peer: String
    public var requestID: String?
    public var serviceType: String
    public var title: String?
    public var author: String?
    public var titleOfComponent: String?
    public var authorOfComponent: String?
    public var volume: String?
    public var issue: String?
    public var pages: String?
    public var publicationDate: String?
    public var isbn: String?
    public var issn: String?
    public var oclc: String?
    public var patronID: String?
    public var patronType: String?
    /// Where the patron's notices go (sent as an `Email` address in `patronInfo`; purged with the patron data).
    public var patronEmail: String?
    public var needBefore: String?
    public var maximumCost: String?
    public var copyrightCompliance: String?
    public var note: String?
    /// Further lenders to ask, in order, if the first cannot supply.
    public var alternates: [String]?
    /// The branch where the patron collects the item (a code of `[library]`'s branches).
    public var pickup: String?

    public init(peer: String, serviceType: String) {
        self.peer = peer
        self.serviceType = serviceType
    }
}

/// An outbox entry.
public struct AdminOutboxEntry: Codable, Sendable, Equatable {
    public var id: Int64
    public var transactionID: Int64
    public var messageID: Int64
    public var peer: String
    public var status: String
    public var attempts: Int
    public var nextAttemptAt: String
    public var lastError: String?
    public var createdAt: String
}
