public import Foundation
public import Transactions

/// One transaction as the activity report sees it (``TransactionStore/activity(createdFrom:before:)``).
public struct TransactionActivityRecord: Hashable, Sendable {
    public var role: TransactionRole
    public var peerName: String
    /// The outcome of its state now.
    public var outcome: TransactionOutcome
    public var createdAt: Date
    /// When it first reached a supplied state (shipped or delivered), if it did.
    public var suppliedAt: Date?

    /// Creates a record.
    public init(role: TransactionRole, peerName: String, outcome: TransactionOutcome, createdAt: Date, suppliedAt: Date?) {
        self.role = role
        self.peerName = peerName
        self.outcome = outcome
        self.createdAt = createdAt
        self.suppliedAt = suppliedAt
    }
}
