public import Foundation
public import Store
public import Transactions

/// An overdue reminder that went out: to the borrowing library (we lent) or to our patron (we borrowed). Carries
/// ids only, never patron data, so it may be logged as it is.
public struct SentReminder: Hashable, Sendable {
    /// Which side we play in the transaction: `.supplier` reminded a borrowing library, `.requester` a patron.
    public var role: TransactionRole
    /// The transaction, as it is after the reminder.
    public var transaction: TransactionRecord
    /// Its place in the schedule (1 for the first).
    public var number: Int
    /// How many the schedule sends (`nil`: no schedule configured, a staff reminder).
    public var count: Int?
    /// Whether it was the final notice.
    public var isFinal: Bool
    /// The due date it counted from.
    public var dueDate: Date

    /// Creates a summary.
    public init(role: TransactionRole, transaction: TransactionRecord, number: Int, count: Int?, isFinal: Bool, dueDate: Date) {
        self.role = role
        self.transaction = transaction
        self.number = number
        self.count = count
        self.isFinal = isFinal
        self.dueDate = dueDate
    }

    /// The transaction's id.
    public var transactionID: Int64 { transaction.id }
    /// Our request id of that transaction (the borrower's request id).
    public var requestID: String { transaction.requestingAgencyRequestID }
}
