public import Foundation

/// One title our patrons asked to borrow more than once in a period (the demand report), with the copies
/// of it the copyright ledger counted in that period: purchase candidates, and the titles whose next copy
/// would be over the rule of five.
public struct TitleDemandRecord: Hashable, Sendable {
    /// The normalised title key the requests share (policy N03), or the lowercased title when the
    /// request has no policy facts.
    public var titleKey: String
    /// A title as requested, for the list.
    public var title: String
    /// How many borrowing requests: one patron's request counts once however many lenders it went to.
    public var requests: Int
    /// How many different patrons asked (their keyed hashes; 0 once purged), never who.
    public var patrons: Int
    /// How many of them were loans (the rest are copies).
    public var loans: Int
    /// Copies of the title the copyright ledger counted in the period (filled or in flight, not released).
    public var copyrightCount: Int
    /// When it was last asked for.
    public var lastRequestedAt: Date

    /// Creates a record.
    public init(titleKey: String, title: String, requests: Int, patrons: Int, loans: Int, copyrightCount: Int, lastRequestedAt: Date) {
        self.titleKey = titleKey
        self.title = title
        self.requests = requests
        self.patrons = patrons
        self.loans = loans
        self.copyrightCount = copyrightCount
        self.lastRequestedAt = lastRequestedAt
    }
}
