public import Foundation

/// When overdue reminders go out: offsets in days counted from a loan's due date, ascending; the last one is the
/// final notice (`[policy.lending] reminders` to the borrowing library, `[notices] reminders` to our patron).
///
/// A pure value: it answers which reminder is due at an instant, given the numbers already sent for that due
/// date, and never reads a clock. An empty schedule sends nothing on its own.
public struct ReminderSchedule: Hashable, Sendable, CustomStringConvertible {
    /// Days after the due date of each reminder, ascending; reminder `n` (1-based) is `days[n - 1]`.
    public let days: [Int]

    /// No reminders.
    public static let empty = ReminderSchedule(uncheckedDays: [])

    /// A schedule of `days` after the due date.
    /// - Throws: ``ReminderScheduleError`` when an offset is not positive or the offsets are not strictly ascending.
    public init(days: [Int]) throws(ReminderScheduleError) {
        for (index, day) in days.enumerated() {
            guard day > 0 else {
                throw ReminderScheduleError(.notPositive, index: index, "must be at least 1 day after the due date, found \(day)")
            }
            if index > 0, day <= days[index - 1] {
                throw ReminderScheduleError(
                    .notAscending,
                    index: index,
                    "must come after the reminder before it (\(Self.describe(days[index - 1]))), found \(Self.describe(day))"
                )
            }
        }
        self.init(uncheckedDays: days)
    }

    private init(uncheckedDays days: [Int]) {
        self.days = days
    }

    /// How many reminders the schedule sends.
    public var count: Int { days.count }

    /// Whether the schedule sends nothing.
    public var isEmpty: Bool { days.isEmpty }

    /// Days after the due date of the final notice, if there is one.
    public var finalDay: Int? { days.last }

    /// Whether reminder `number` is the final notice.
    public func isFinal(_ number: Int) -> Bool { !days.isEmpty && number == days.count }

    /// When reminder `number` falls due for a loan due at `dueDate` (`nil` for a number outside the schedule).
    public func date(of number: Int, dueDate: Date) -> Date? {
        guard days.indices.contains(number - 1) else { return nil }
        return dueDate.addingTimeInterval(Double(days[number - 1]) * 86_400)
    }

    /// The reminder to send at `now` for a loan due at `dueDate`, when the highest number already sent for that
    /// due date is `lastSent` (0 for none): the latest one whose time has passed (more than its days after the due
    /// date, as the overdue marking and the long-overdue bill count), if it is later than `lastSent`.
    /// Reminders whose day passed while a later one is also due are skipped, so a gateway that was stopped for
    /// weeks sends one reminder (the latest), not a burst.
    public func due(dueDate: Date, lastSent: Int, at now: Date) -> Int? {
        let reached = days.lastIndex { dueDate.addingTimeInterval(Double($0) * 86_400) < now }.map { $0 + 1 }
        guard let reached, reached > lastSent else { return nil }
        return reached
    }

    /// When the next reminder after `lastSent` falls due, or `nil` when the final one has gone.
    public func next(dueDate: Date, lastSent: Int) -> Date? {
        date(of: lastSent + 1, dueDate: dueDate)
    }

    /// Reads one entry: `"7 days"`, `"1 day"`, `"2 weeks"`, or `nil` when it is none of these.
    public static func parseEntry(_ text: String) -> Int? {
        let words = text.lowercased().split(whereSeparator: \.isWhitespace)
        guard words.count == 2, let amount = Int(words[0]) else { return nil }
        switch words[1] {
        case "day", "days": return amount
        case "week", "weeks": return amount.multipliedReportingOverflow(by: 7).overflow ? nil : amount * 7
        default: return nil
        }
    }

    public var description: String {
        "[" + days.map { "\"\(Self.describe($0))\"" }.joined(separator: ", ") + "]"
    }

    private static func describe(_ days: Int) -> String { days == 1 ? "1 day" : "\(days) days" }
}
