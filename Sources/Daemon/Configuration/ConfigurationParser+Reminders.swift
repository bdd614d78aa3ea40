internal import Policy

/// Overdue reminder schedules: `[policy.lending] reminders` (to the borrowing library) and `[notices] reminders`
/// (to our patron), each an array of days or weeks after the due date, ascending; the last is the final notice.
extension ConfigurationParser {
    /// Reads a schedule, reporting a malformed, non-positive or out-of-order entry at its place in the array.
    /// - Returns: the schedule, `nil` when the key is absent or an entry is bad.
    func reminderSchedule(_ reader: TableReader, _ key: String = "reminders") -> ReminderSchedule? {
        guard let elements = reader.strings(key, expected: "an array of days after the due date, like [\"7 days\", \"14 days\", \"28 days\"]") else {
            return nil
        }
        var days: [Int] = []
        for element in elements {
            guard let value = ReminderSchedule.parseEntry(element.value) else {
                reader.report(
                    at: element.path,
                    "cannot read \"\(element.value)\"; write a whole number of days or weeks after the due date, like \"7 days\" or \"2 weeks\""
                )
                return nil
            }
            days.append(value)
        }
        do throws(ReminderScheduleError) {
            return try ReminderSchedule(days: days)
        } catch {
            reader.report(at: elements[error.index].path, error.reason)
            return nil
        }
    }

    /// The lending schedule's final notice must go before the loan is billed as lost.
    func checkFinalReminderBeforeBill(_ lending: LendingPolicyConfiguration, _ reader: TableReader) {
        guard let final = lending.reminders.finalDay, let bill = lending.billLostAfterDaysOverdue, final >= bill else { return }
        reader.report(
            "reminders",
            "the final notice (\(final) days after the due date) must come before bill_lost_after_days_overdue = \(bill): a loan is never billed before its final notice"
        )
    }
}
