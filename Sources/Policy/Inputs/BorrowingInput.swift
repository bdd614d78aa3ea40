public import Foundation
public import ISO18626

/// Everything the borrowing rules (B01–B10) decide a patron's request from, before anything is sent.
public struct BorrowingInput: Hashable, Sendable {
    public var request: Request
    /// The patron type (`patronInfo/patronType`, or given by staff); `nil` uses the configured default.
    public var patronType: String?
    public var history: BorrowingHistory
    /// What our own holdings say about the item (B05).
    public var localItem: ItemFacts
    /// The copyright subject with its ledger count, for copies (B06, K rules); `nil` for loans.
    public var copyright: CopyrightCount?
    /// The candidate lenders in the order staff or configuration gave them (B08).
    public var lenders: [PeerProfile]
    /// When we create the request: the request date of the copyright rules (N08).
    public var now: Date
    /// Rules staff have waived by approving a held request: a hold by one of them is recorded as waived
    /// and evaluation goes on (a copy over the limit then goes out with a royalty).
    public var waivedRules: Set<RuleID> = []

    public init(
        request: Request,
        patronType: String?,
        history: BorrowingHistory,
        localItem: ItemFacts,
        copyright: CopyrightCount?,
        lenders: [PeerProfile],
        now: Date
    ) {
        self.request = request
        self.patronType = patronType
        self.history = history
        self.localItem = localItem
        self.copyright = copyright
        self.lenders = lenders
        self.now = now
    }
}

/// Counts from our borrowing history (B02, B03).
public struct BorrowingHistory: Hashable, Sendable {
    /// Open ILL requests of this patron.
    public var patronOpenRequests: Int
    /// A request of this patron for the same citation within `check_duplicate_hours`, if any.
    public var duplicateTransactionID: Int64?

    public init(patronOpenRequests: Int = 0, duplicateTransactionID: Int64? = nil) {
        self.patronOpenRequests = patronOpenRequests
        self.duplicateTransactionID = duplicateTransactionID
    }
}

/// A copyright subject and how many counted copies its bucket already holds (K07).
public struct CopyrightCount: Hashable, Sendable {
    public var subject: CopyrightSubject
    /// Ledger entries of the bucket that count (basis guideline or royalty; reserved or filled).
    public var countInBucket: Int

    public init(subject: CopyrightSubject, countInBucket: Int) {
        self.subject = subject
        self.countInBucket = countInBucket
    }
}
