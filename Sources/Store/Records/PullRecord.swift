public import Foundation

/// A pull (the "system reserve"): a request to one of our branches to take a copy off its shelf and bring
/// it to the ILL desk, so a lending request we will supply can be shipped. What the slip prints (title,
/// call number, shelf location) is copied from the holding when the pull is made, so re-importing the
/// holdings never changes a pull already on a branch's list.
public struct PullRecord: Hashable, Sendable {
    /// Where a pull stands.
    public enum State: String, Hashable, Sendable, CaseIterable {
        /// On the branch's pick list: the copy has not reached the ILL desk yet.
        case open
        /// The copy reached the ILL desk (or was shipped).
        case arrived
        /// Staff cancelled it, or the request was answered or cancelled before the copy arrived.
        case cancelled
        /// Its deadline passed before the copy arrived.
        case timedOut = "timed_out"
    }

    public var id: Int64
    /// The lending transaction the copy is pulled for.
    public var transactionID: Int64
    /// The holding chosen, as its id was when the pull was made (holdings are replaced whole on import).
    public var holdingID: Int64?
    /// The owning branch's code (`[[library.branches]]`).
    public var branch: String
    public var title: String
    public var callNumber: String?
    /// The shelf location within the branch.
    public var shelfLocation: String?
    public var state: State
    public var createdAt: Date
    /// When the copy must be at the ILL desk (`[policy.lending] pull_timeout`); `nil`: no deadline.
    public var deadline: Date?
    /// When it stopped being open (arrived, cancelled or timed out).
    public var closedAt: Date?
    /// Who closed it: `staff`, `system` (the timeout, a request answered), with a note.
    public var closedBy: String?

    /// Creates a pull.
    public init(
        id: Int64 = 0,
        transactionID: Int64,
        holdingID: Int64?,
        branch: String,
        title: String,
        callNumber: String? = nil,
        shelfLocation: String? = nil,
        state: State = .open,
        createdAt: Date,
        deadline: Date? = nil,
        closedAt: Date? = nil,
        closedBy: String? = nil
    ) {
        self.id = id
        self.transactionID = transactionID
        self.holdingID = holdingID
        self.branch = branch
        self.title = title
        self.callNumber = callNumber
        self.shelfLocation = shelfLocation
        self.state = state
        self.createdAt = createdAt
        self.deadline = deadline
        self.closedAt = closedAt
        self.closedBy = closedBy
    }

    /// The pull closed: `state` from `at`, by `who`.
    public func closed(_ state: State, at instant: Date, by who: String) -> PullRecord {
        var closed = self
        closed.state = state
        closed.closedAt = instant
        closed.closedBy = who
        return closed
    }
}

/// A pull with what a pick list shows of its transaction: the borrower's request id and the peer.
public struct PullListing: Hashable, Sendable {
    public var pull: PullRecord
    /// The borrower's request id (printed and scanned on the slip).
    public var requestID: String
    /// The borrowing library: its peer name and agency id.
    public var peerName: String
    public var requestingAgencyID: String
    /// The transaction's state.
    public var transactionState: String

    /// Creates a listing.
    public init(pull: PullRecord, requestID: String, peerName: String, requestingAgencyID: String, transactionState: String) {
        self.pull = pull
        self.requestID = requestID
        self.peerName = peerName
        self.requestingAgencyID = requestingAgencyID
        self.transactionState = transactionState
    }
}

/// What ``TransactionStore/pulls(_:)`` reads.
public struct PullQuery: Hashable, Sendable {
    /// Only this branch (`nil`: every branch).
    public var branch: String?
    /// Only pulls in these states (empty: every state).
    public var states: Set<PullRecord.State>
    /// Only the pulls of this transaction.
    public var transactionID: Int64?
    /// At most this many.
    public var limit: Int

    /// Creates a query: by default every branch's open pulls.
    public init(branch: String? = nil, states: Set<PullRecord.State> = [.open], transactionID: Int64? = nil, limit: Int = 1_000) {
        self.branch = branch
        self.states = states
        self.transactionID = transactionID
        self.limit = limit
    }
}

/// The pulls of one transaction, read and written inside a store write (a decision's pull is written with
/// the decision).
public protocol PullStoreWriter {
    /// Stores a new pull and returns it with its id.
    func insert(_ pull: PullRecord) throws -> PullRecord
    /// Saves a pull's changed fields.
    func update(_ pull: PullRecord) throws
    /// Every pull of a transaction, oldest first.
    func pulls(transactionID: Int64) throws -> [PullRecord]
}
