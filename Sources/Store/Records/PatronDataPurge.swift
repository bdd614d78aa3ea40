/// What one purge of patron data took out (``TransactionStore/purgePatronData(closedBefore:at:)``).
public struct PatronDataPurge: Equatable, Sendable {
    /// Closed transactions whose patron data is now gone (each is purged once).
    public var transactions: Int
    /// Stored messages that lost a `patronInfo` element or an error value about one.
    public var messages: Int
    /// Held borrowing requests (review drafts) that lost their `patronInfo`.
    public var reviews: Int

    /// Creates a summary.
    public init(transactions: Int = 0, messages: Int = 0, reviews: Int = 0) {
        self.transactions = transactions
        self.messages = messages
        self.reviews = reviews
    }

    /// Whether anything was purged.
    public var isEmpty: Bool {
        transactions == 0 && messages == 0 && reviews == 0
    }

    static func + (left: PatronDataPurge, right: PatronDataPurge) -> PatronDataPurge {
        PatronDataPurge(transactions: left.transactions + right.transactions, messages: left.messages + right.messages, reviews: left.reviews + right.reviews)
    }
}
