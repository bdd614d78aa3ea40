/// Counts from our stored lending history that the lending rules need (L06, L10), read by the gateway
/// inside the same database transaction as the decision is committed in.
public struct LendingHistory: Hashable, Sendable {
    /// Open loans to this peer (WillSupply, Loaned, Overdue, Recalled, and ExpectToSupply if configured).
    public var openLoansToPeer: Int
    /// Requests from this peer for the same citation within `duplicate_hours` (this one excluded).
    public var sameCitationFromPeer: Int
    /// Copy requests from this peer for the same title within `same_title_window_hours` (this one excluded).
    public var sameTitleCopiesFromPeer: Int
    /// Article requests from this peer for the same issue within `same_title_window_hours` (this one excluded).
    public var sameIssueArticlesFromPeer: Int

    public init(openLoansToPeer: Int = 0, sameCitationFromPeer: Int = 0, sameTitleCopiesFromPeer: Int = 0, sameIssueArticlesFromPeer: Int = 0) {
        self.openLoansToPeer = openLoansToPeer
        self.sameCitationFromPeer = sameCitationFromPeer
        self.sameTitleCopiesFromPeer = sameTitleCopiesFromPeer
        self.sameIssueArticlesFromPeer = sameIssueArticlesFromPeer
    }
}
