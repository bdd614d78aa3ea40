import Foundation
import Policy
import Store
import Transactions

/// Overdue reminders to our patrons (`[notices] reminders`): the `overdue` notice sent on the schedule, with the
/// reminder's number (`reminder_number`, `reminder_count`, `is_final` in the template). Each is recorded as a
/// `notice:overdue` event naming the reminder, and in the reminders table; never with the patron's address.
extension Gateway {
    /// Requester states in which a borrowed loan is here, so its patron can be reminded.
    static let remindablePatronStates: [RequesterState] = [.received, .withPatron]

    /// Sends the patron reminders due now. A notice that cannot be handed on is recorded as
    /// `notice-failed:overdue` and tried again on the next pass.
    func sendDuePatronReminders() async throws -> [SentReminder] {
        guard let schedule = configuration.notices?.reminders, let first = schedule.days.first else { return [] }
        let now = self.now
        let cutoff = now.addingTimeInterval(-Double(first) * 86_400)
        var loans: [TransactionRecord] = []
        for state in Self.remindablePatronStates {
            loans += try await store.transactions(matching: TransactionFilter(role: .requester, state: state.rawValue, dueBefore: cutoff, limit: 10_000))
        }
        var sent: [SentReminder] = []
        for loan in loans.sorted(by: { $0.id < $1.id }) {
            if let reminder = try? await sendPatronReminder(onTransaction: loan.id, source: .system) { sent.append(reminder) }
        }
        return sent
    }

    /// Sends the patron reminder of a borrowed loan past its due date that the schedule says is due (`source`
    /// system), or the next one after the last sent for the current due date (staff), and records it.
    /// - Returns: the reminder, or `nil` when the schedule has none due.
    /// - Throws: ``StaffActionError`` when notices are not configured, there is no such borrowing transaction, the
    ///   item is not overdue here, or the final notice has gone; ``NoticeDeliveryError`` when the notice could not be
    ///   handed on (recorded as `notice-failed:overdue`).
    func sendPatronReminder(onTransaction id: Int64, source: EventRecord.Source) async throws -> SentReminder? {
        guard let notices = configuration.notices else {
            throw StaffActionError(.notAllowed, "remind: patron notices are not configured: add [notices] to the configuration")
        }
        let now = self.now
        let day = DayFormat(timeZone: libraryCalendar.timeZone)
        guard let transaction = try await store.transaction(id: id), transaction.role == .requester else {
            throw StaffActionError(.notFound, "no borrowing transaction \(id)")
        }
        let state = RequesterState(rawValue: transaction.state)
        let dueDate = try Self.overdueDate(of: transaction, remindable: state.map(Self.remindablePatronStates.contains) ?? false, at: now, day: day)
        let schedule = notices.reminders
        let last = try await store.reminders(transactionID: id).lastNumber(for: dueDate)
        guard let number = try Self.reminderNumber(schedule, dueDate: dueDate, lastSent: last, source: source, at: now, day: day) else {
            return nil
        }
        let count = schedule.isEmpty ? nil : schedule.count
        let isFinal = count == number
        var values = ["reminder_number": String(number)]
        values["reminder_count"] = count.map(String.init)
        values["is_final"] = isFinal ? "yes" : nil
        let label = "reminder \(number)\(count.map { " of \($0)" } ?? "")\(isFinal ? " (final)" : ""), due \(day(dueDate))"
        do {
            try await deliverPatronNotice(.overdue, for: transaction, notices: notices, extraValues: values)
        } catch let failure as NoticeDeliveryError {
            try await recordNotice("notice-failed:\(PatronNoticeKind.overdue.rawValue)", on: transaction, detail: "\(label): \(failure.description)")
            throw failure
        }
        let reminder = ReminderRecord(transactionID: id, dueDate: dueDate, number: number, isFinal: isFinal, sentAt: now, source: source)
        let event = EventRecord(
            transactionID: id,
            at: now,
            source: source,
            event: Self.noticeEvent(.overdue),
            fromState: transaction.state,
            toState: transaction.state,
            detail: label
        )
        try await store.write { writer in
            // A second pass that raced this one has recorded it already: the notice stands, recorded once.
            guard !(try writer.reminders(transactionID: id).contains { $0.dueDate == dueDate && $0.number == number }) else { return }
            try writer.insert(reminder)
            try writer.append(event)
        }
        return SentReminder(role: .requester, transaction: transaction, number: number, count: count, isFinal: isFinal, dueDate: dueDate)
    }
}
