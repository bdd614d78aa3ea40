/// The overdue reminders' writes and in-transaction reads: the check that a reminder has not gone yet and its
/// record are in the same database transaction as the message or notice it stands for.
public protocol ReminderStoreWriter {
    /// A transaction's reminders, oldest first.
    func reminders(transactionID: Int64) throws -> [ReminderRecord]
    /// Records a reminder as sent.
    func insert(_ reminder: ReminderRecord) throws
}
