public import Foundation
public import Transactions

/// A list of work staff open every morning (`illgate worklist NAME`): what waits for one kind of action.
public enum Worklist: String, Hashable, Sendable, CaseIterable, CustomStringConvertible {
    /// Requests the policy held for a decision (lending and borrowing reviews), oldest first.
    case review
    /// Copies to take off a branch's shelves for the ILL desk (open pulls), oldest first.
    case toPull = "to-pull"
    /// Lending requests we will supply and have not shipped yet (and whose copy is not still being pulled),
    /// oldest decision first.
    case ship
    /// Items we lent that have not come back (shipped, at the borrower, recalled, on their way back),
    /// soonest due first.
    case awaitingReturn = "awaiting-return"
    /// Items we lent whose due date has passed and that the borrower still holds.
    case overdueLent = "overdue-lent"
    /// Items we borrowed whose due date has passed and that are still here.
    case overdueBorrowed = "overdue-borrowed"
    /// Items we borrowed that are due back within the query's horizon.
    case dueSoon = "due-soon"
    /// Items we borrowed that arrived and wait at their pickup branch for the patron.
    case readyForPickup = "ready-for-pickup"

    public var description: String { rawValue }

    /// What the list shows, for help texts and the admin API.
    public var summary: String {
        switch self {
        case .review: "requests held for a staff decision"
        case .toPull: "copies to pull from a branch's shelves for the ILL desk"
        case .ship: "lending requests to supply that have not been shipped"
        case .awaitingReturn: "items lent and not yet back"
        case .overdueLent: "items lent whose due date has passed"
        case .overdueBorrowed: "items borrowed whose due date has passed"
        case .dueSoon: "items borrowed that are due back soon"
        case .readyForPickup: "items borrowed that wait for their patron at the pickup branch"
        }
    }

    /// Supplier states in which a loan is away from us and not yet checked back in.
    static let lentStates: [SupplierState] = [.loaned, .received, .overdue, .recalled, .returnShipped]
    /// Of those, the states in which the borrower still holds the item.
    static let heldByBorrowerStates: [SupplierState] = [.loaned, .received, .overdue, .recalled]
    /// Requester states in which a borrowed loan is here (at the desk or with the patron).
    static let borrowedHereStates: [RequesterState] = [.received, .withPatron]

    /// Whether the list's entries carry the overdue reminders sent (``WorklistEntry/lastReminder``).
    public var showsReminders: Bool { self == .overdueLent || self == .overdueBorrowed }
}

/// What ``TransactionStore/worklist(_:)`` reads.
public struct WorklistQuery: Hashable, Sendable {
    /// Which list.
    public var worklist: Worklist
    /// The time due dates are compared with.
    public var now: Date
    /// For ``Worklist/dueSoon``: how far ahead of `now` a due date counts as soon.
    public var horizon: TimeInterval
    /// For ``Worklist/readyForPickup``: only this pickup branch (`nil`: every branch).
    public var pickupLocation: String?
    /// For ``Worklist/toPull``: only this owning branch (`nil`: every branch).
    public var branch: String?
    /// At most this many entries.
    public var limit: Int

    /// Creates a query.
    public init(
        _ worklist: Worklist,
        now: Date,
        horizon: TimeInterval = 3 * 86_400,
        pickupLocation: String? = nil,
        branch: String? = nil,
        limit: Int = 1_000
    ) {
        self.worklist = worklist
        self.now = now
        self.horizon = horizon
        self.pickupLocation = pickupLocation
        self.branch = branch
        self.limit = limit
    }
}

/// One line of a worklist: a transaction, or a held request (which has no transaction yet on the
/// borrowing side). Never patron data.
public struct WorklistEntry: Hashable, Sendable {
    /// The transaction, if there is one.
    public var transactionID: Int64?
    /// The review, on the review list.
    public var reviewID: Int64?
    /// Lending (supplier) or borrowing (requester).
    public var role: TransactionRole
    /// The transaction's state (a review's state on the review list).
    public var state: String
    /// The peer we deal with.
    public var peerName: String?
    /// The item's title.
    public var title: String?
    /// The borrower's request id.
    public var requestID: String?
    /// When the item is due back (a review's or a pull's deadline on those lists).
    public var dueDate: Date?
    /// Where the patron collects it (borrowing side).
    public var pickupLocation: String?
    /// When it joined the list: the transaction's last change, the review's creation.
    public var since: Date
    /// Why a request is held (review list), or what is flagged on a lender's invoice.
    public var note: String?
    /// The invoice, on the money lists.
    public var invoiceNumber: String?
    /// What is owed or billed (`12.50 USD`), on the money lists.
    public var amount: String?
    /// The owning branch a copy is pulled from, on the to-pull list.
    public var branch: String?
    /// The copy's call number and shelf location, on the to-pull list.
    public var callNumber: String?
    public var shelfLocation: String?
    /// On the overdue lists: the highest reminder number sent for the current due date (0: none yet).
    public var lastReminder: Int?
    /// On the overdue lists: when the next scheduled reminder falls due (`nil`: none configured, or the final one went).
    public var nextReminderAt: Date?

    /// Creates an entry.
    public init(
        transactionID: Int64?,
        reviewID: Int64? = nil,
        role: TransactionRole,
        state: String,
        peerName: String?,
        title: String?,
        requestID: String? = nil,
        dueDate: Date? = nil,
        pickupLocation: String? = nil,
        since: Date,
        note: String? = nil,
        invoiceNumber: String? = nil,
        amount: String? = nil,
        branch: String? = nil,
        callNumber: String? = nil,
        shelfLocation: String? = nil,
        lastReminder: Int? = nil,
        nextReminderAt: Date? = nil
    ) {
        self.transactionID = transactionID
        self.reviewID = reviewID
        self.role = role
        self.state = state
        self.peerName = peerName
        self.title = title
        self.requestID = requestID
        self.dueDate = dueDate
        self.pickupLocation = pickupLocation
        self.since = since
        self.note = note
        self.invoiceNumber = invoiceNumber
        self.amount = amount
        self.branch = branch
        self.callNumber = callNumber
        self.shelfLocation = shelfLocation
        self.lastReminder = lastReminder
        self.nextReminderAt = nextReminderAt
    }
}
