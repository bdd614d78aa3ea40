import Foundation
import Gateway
import ISO18626
import Store

// The admin API's JSON for the policy: borrowing results and the review queue.

/// What became of a borrowing request.
public struct AdminBorrowResult: Codable, Sendable, Equatable {
    /// `sent`, `held` or `rejected`.
    public var outcome: String
    /// The transaction, when sent.
    public var transaction: AdminTransaction?
    /// The review, when held.
    public var reviewID: Int64?
    /// The rule that held or rejected it.
    public var rule: String?
    /// Why it was held or rejected.
    public var reason: String?
    /// The copyright declaration sent with a copy.
    public var copyrightCompliance: String?
    /// Lenders still to ask if the first cannot supply.
    public var remainingRota: [String]?

    public init(
        outcome: String,
        transaction: AdminTransaction? = nil,
        reviewID: Int64? = nil,
        rule: String? = nil,
        reason: String? = nil,
        copyrightCompliance: String? = nil,
        remainingRota: [String]? = nil
    ) {
        self.outcome = outcome
        self.transaction = transaction
        self.reviewID = reviewID
        self.rule = rule
        self.reason = reason
        self.copyrightCompliance = copyrightCompliance
        self.remainingRota = remainingRota
    }
}

/// A request held for staff.
public struct AdminReview: Codable, Sendable, Equatable {
    public var id: Int64
    /// `lending` (a peer asked us) or `borrowing` (our patron asked).
    public var side: String
    public var transactionID: Int64?
    public var peer: String?
    public var title: String?
    public var rule: String
    /// The stable reason code it is held under.
    public var code: String?
    public var why: String
    public var state: String
    public var createdAt: String
    public var deadline: String?
    public var resolution: String?

    init(_ review: ReviewRecord) {
        id = review.id
        side = review.side.rawValue
        transactionID = review.transactionID
        peer = review.peerName
        title = review.title
        rule = review.rule
        code = review.code
        why = review.why
        state = review.state.rawValue
        createdAt = TimestampFormat.format(review.createdAt)
        deadline = review.deadline.map(TimestampFormat.format)
        resolution = review.resolution
    }
}

/// Staff's answer to a review.
public struct AdminReviewDecision: Codable, Sendable, Equatable {
    /// With refuse: the `reasonUnfilled` sent to a lending peer (PolicyProblem when absent).
    public var reason: String?
    /// A note for the peer's staff (lending) or the record (borrowing).
    public var note: String?

    public init(reason: String? = nil, note: String? = nil) {
        self.reason = reason
        self.note = note
    }
}

/// `POST /v1/royalties/pay`: which royalties a payment covers.
public struct AdminRoyaltyPayment: Codable, Sendable, Equatable {
    /// The payment batch id (a CCC invoice number, a cheque number, ...).
    public var batch: String
    /// The ledger entries paid; empty with `through`.
    public var entries: [Int64]
    /// Every unpaid royalty requested up to and including this day (`YYYY-MM-DD`).
    public var through: String?

    public init(batch: String, entries: [Int64] = [], through: String? = nil) {
        self.batch = batch
        self.entries = entries
        self.through = through
    }
}

/// What a royalty payment marked.
public struct AdminRoyaltiesPaid: Codable, Sendable, Equatable {
    public var batch: String
    /// The ledger entries now marked paid.
    public var entries: [Int64]
    /// The sum of their estimated royalties, as a decimal string ("37.50").
    public var estimatedTotal: String

    public init(batch: String, entries: [Int64], estimatedTotal: String) {
        self.batch = batch
        self.entries = entries
        self.estimatedTotal = estimatedTotal
    }
}
