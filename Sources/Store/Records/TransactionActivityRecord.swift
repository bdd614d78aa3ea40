public import Foundation
public import ISO18626
public import Transactions

/// One transaction as the activity report sees it (``TransactionStore/activity(createdFrom:before:)``).
public struct TransactionActivityRecord: Hashable, Sendable {
    public var role: TransactionRole
    public var peerName: String
    public var serviceType: ServiceType
    /// The state now.
    public var state: String
    /// The outcome of that state.
    public var outcome: TransactionOutcome
    public var createdAt: Date
    /// When it first reached a supplied state (shipped or delivered), if it did.
    public var suppliedAt: Date?

    /// Creates a record.
    public init(
        role: TransactionRole,
        peerName: String,
        serviceType: ServiceType,
        state: String,
        outcome: TransactionOutcome,
        createdAt: Date,
        suppliedAt: Date?
    ) {
        self.role = role
        self.peerName = peerName
        self.serviceType = serviceType
        self.state = state
        self.outcome = outcome
        self.createdAt = createdAt
        self.suppliedAt = suppliedAt
    }
}
