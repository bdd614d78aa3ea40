public import Foundation

/// One overdue reminder sent about a loan: to the borrowing library (a lending transaction) or to our patron
/// (a borrowing transaction). At most one per number and due date, so a renewal's new due date starts a new series
/// and a reminder already sent is never sent again. Never patron data.
public struct ReminderRecord: Hashable, Sendable {
    /// The transaction the reminder is about.
    public var transactionID: Int64
    /// The due date the reminder counted from.
    public var dueDate: Date
    /// Its place in the schedule (1 for the first).
    public var number: Int
    /// Whether it was the final notice.
    public var isFinal: Bool
    /// When it was sent.
    public var sentAt: Date
    /// Who sent it: the schedule (`system`) or staff.
    public var source: EventRecord.Source

    /// Creates a record.
    public init(transactionID: Int64, dueDate: Date, number: Int, isFinal: Bool, sentAt: Date, source: EventRecord.Source) {
        self.transactionID = transactionID
        self.dueDate = dueDate
        self.number = number
        self.isFinal = isFinal
        self.sentAt = sentAt
        self.source = source
    }
}
