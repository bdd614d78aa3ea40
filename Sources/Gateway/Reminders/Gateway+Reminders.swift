import Foundation
import Policy
import Store
import Transactions

/// Overdue reminders on a schedule, both roles. As lender (`[policy.lending] reminders`) each reminder is a
/// Notification with status Overdue to the borrowing library, its note opening `[Reminder n of N]` or
/// `[Final notice]`; the first reminder of a loan not yet marked Overdue is the Overdue status change itself, so
/// one event makes one message. As borrower (`[notices] reminders`) each is the patron's overdue notice
/// (``Gateway/sendPatronReminder(onTransaction:source:)``).
///
/// Reminders count from the loan's current due date and are recorded per due date and number, in the same
/// database transaction as their message: a number is never sent twice for one due date (two passes at the same
/// instant, a restart), and a renewal's new due date starts the series again.
extension Gateway {
    /// The lending states in which a loan can be reminded: at the borrower, not recalled, not on its way back.
    static let remindableLendingStates: [SupplierState] = [.loaned, .received, .overdue]

    /// Sends every reminder due on the gateway's clock, lending reminders first. Does nothing for a role whose
    /// schedule is empty.
    /// - Returns: the reminders sent; a patron notice that failed is recorded in the history and tried again next time.
    public func sendDueReminders() async throws -> [SentReminder] {
        try await sendDueLendingReminders() + sendDuePatronReminders()
    }

    /// Sends the next reminder of one overdue loan now, whatever the schedule says (staff): the next number after
    /// the last sent for the current due date, or `[Reminder n]` when no schedule is configured.
    /// - Throws: ``StaffActionError`` `.notAllowed` for a loan that is not overdue (not yet due, returned, recalled,
    ///   completed) or whose final notice has gone, `.notFound` for no such transaction; on the borrowing side
    ///   ``NoticeDeliveryError`` when the patron's notice could not be handed on.
    public func sendReminder(onTransaction id: Int64) async throws -> SentReminder {
        guard let transaction = try await store.transaction(id: id) else { throw StaffActionError(.notFound, "no transaction \(id)") }
        switch transaction.role {
        case .supplier:
            return try await remindBorrowerNow(id)
        case .requester:
            guard let sent = try await sendPatronReminder(onTransaction: id, source: .staff) else {
                throw StaffActionError(.notAllowed, "remind: no reminder is due on transaction \(id)")
            }
            return sent
        }
    }

    /// Sends the lending reminders due now: loans at the borrower whose due date is more than the first reminder's
    /// days past.
    func sendDueLendingReminders() async throws -> [SentReminder] {
        guard let schedule = configuration.policy?.lending.reminders, let first = schedule.days.first else { return [] }
        let cutoff = now.addingTimeInterval(-Double(first) * 86_400)
        var sent: [SentReminder] = []
        for state in Self.remindableLendingStates {
            let loans = try await store.transactions(matching: TransactionFilter(role: .supplier, state: state.rawValue, dueBefore: cutoff, limit: 500))
            for loan in loans {
                switch await scheduledReminder(loan.id) {
                case .success(let reminder?):
                    sent.append(reminder)
                case .success(nil):
                    continue
                case .failure(let refusal) where refusal.reason == .notAllowed || refusal.reason == .notFound:
                    continue  // returned, renewed or recalled since it was read
                case .failure(let refusal):
                    throw refusal
                }
            }
        }
        return sent
    }

    private func scheduledReminder(_ id: Int64) async -> Result<SentReminder?, StaffActionError> {
        do {
            return .success(try await remindBorrower(id, source: .system))
        } catch {
            return .failure(error)
        }
    }

    /// Whether a lending reminder is due now on `loan`: the overdue check leaves such a loan to
    /// ``sendDueReminders()``, whose first reminder marks it Overdue (one message, not two).
    func lendingReminderIsDue(on loan: TransactionRecord) async throws -> Bool {
        guard let schedule = configuration.policy?.lending.reminders, !schedule.isEmpty, let dueDate = loan.dueDate else { return false }
        let last = try await store.reminders(transactionID: loan.id).lastNumber(for: dueDate)
        return schedule.due(dueDate: dueDate, lastSent: last, at: now) != nil
    }

    /// Sends the next lending reminder of a loan now (staff, whatever the schedule says).
    func remindBorrowerNow(_ id: Int64) async throws(StaffActionError) -> SentReminder {
        guard let sent = try await remindBorrower(id, source: .staff) else {
            throw StaffActionError(.notAllowed, "remind: no reminder is due on transaction \(id)")  // staff always get the next one
        }
        return sent
    }

    /// Sends one lending reminder: the one the schedule says is due (`source` system; `nil` when none is), or the
    /// next one (staff).
    private func remindBorrower(_ id: Int64, source: EventRecord.Source) async throws(StaffActionError) -> SentReminder? {
        let now = self.now
        let configuration = self.configuration
        let outbound = outboundMessages(at: now, configuration: configuration)
        let lending = configuration.policy?.lending ?? LendingPolicyConfiguration()
        let day = DayFormat(timeZone: libraryCalendar.timeZone)
        return try await staffWrite { writer in
            guard let transaction = try writer.transaction(id: id), transaction.role == .supplier else {
                throw StaffActionError(.notFound, "no lending transaction \(id)")
            }
            let state = SupplierState(rawValue: transaction.state)
            let dueDate = try Self.overdueDate(of: transaction, remindable: state.map(Self.remindableLendingStates.contains) ?? false, at: now, day: day)
            let schedule = lending.reminders
            let last = try writer.reminders(transactionID: id).lastNumber(for: dueDate)
            guard let number = try Self.reminderNumber(schedule, dueDate: dueDate, lastSent: last, source: source, at: now, day: day) else {
                return nil
            }
            let count = schedule.isEmpty ? nil : schedule.count
            let note = BorrowerReminderNote(
                number: number,
                count: count,
                title: transaction.title,
                dueDay: day(dueDate),
                billDay: lending.billLostAfterDaysOverdue.map { day(dueDate.addingTimeInterval(Double($0) * 86_400)) }
            )
            // The first reminder of a loan not yet marked Overdue is the Overdue status change, carrying the note.
            let event: SupplierEvent = state == .overdue ? .remind : .markOverdue
            let reminded = try Self.apply(SupplierCommand(event, note: note.text), onTransaction: id, source: source, outbound: outbound, writer)
            try writer.insert(
                ReminderRecord(transactionID: id, dueDate: dueDate, number: number, isFinal: note.isFinal, sentAt: now, source: source)
            )
            return SentReminder(role: .supplier, transaction: reminded, number: number, count: count, isFinal: note.isFinal, dueDate: dueDate)
        }
    }
}

extension Gateway {
    /// The due date of a loan a reminder may go to: in a state where it can be reminded, and past.
    /// - Throws: ``StaffActionError`` `.notAllowed` naming why the loan is not overdue.
    static func overdueDate(of transaction: TransactionRecord, remindable: Bool, at now: Date, day: DayFormat) throws(StaffActionError) -> Date {
        guard remindable else {
            throw StaffActionError(.notAllowed, "remind: the loan is not overdue (the transaction is \(transaction.state))")
        }
        guard let dueDate = transaction.dueDate, dueDate < now else {
            let due = transaction.dueDate.map { " before its due date \(day($0))" } ?? " (it has no due date)"
            throw StaffActionError(.notAllowed, "remind: the loan is not overdue\(due)")
        }
        return dueDate
    }

    /// Which reminder to send when `lastSent` went for `dueDate`: the one the schedule says is due (`source`
    /// system; `nil` when none is), or the next one (staff).
    /// - Throws: ``StaffActionError`` `.notAllowed` when staff ask for one after the final notice.
    static func reminderNumber(
        _ schedule: ReminderSchedule,
        dueDate: Date,
        lastSent: Int,
        source: EventRecord.Source,
        at now: Date,
        day: DayFormat
    ) throws(StaffActionError) -> Int? {
        guard source == .staff else { return schedule.due(dueDate: dueDate, lastSent: lastSent, at: now) }
        if !schedule.isEmpty, lastSent >= schedule.count {
            throw StaffActionError(.notAllowed, "remind: the final notice for the due date \(day(dueDate)) has already been sent")
        }
        return lastSent + 1
    }

    /// The overdue lists' entries with when each one's next scheduled reminder falls due.
    func withNextReminders(_ entries: [WorklistEntry]) -> [WorklistEntry] {
        entries.map { entry in
            let schedule = entry.role == .supplier ? configuration.policy?.lending.reminders : configuration.notices?.reminders
            var entry = entry
            if let schedule, let dueDate = entry.dueDate {
                entry.nextReminderAt = schedule.next(dueDate: dueDate, lastSent: entry.lastReminder ?? 0)
            }
            return entry
        }
    }
}

extension [ReminderRecord] {
    /// The highest number sent for `dueDate` (0: none).
    func lastNumber(for dueDate: Date) -> Int {
        filter { $0.dueDate == dueDate }.map(\.number).max() ?? 0
    }
}
