import Foundation

/// The note of an overdue reminder to a borrowing library: a marker other systems' staff can read and filter on
/// (`[Reminder 1 of 3]`, `[Final notice]`), then the title, the due date and, on the final notice, what happens
/// next. It rides on a Notification (status Overdue), or on the Overdue status change itself for a first reminder.
struct BorrowerReminderNote: Hashable, Sendable {
    /// The reminder's number (1 for the first).
    var number: Int
    /// How many the schedule sends (`nil`: no schedule, a staff reminder).
    var count: Int?
    /// The item's title, if known.
    var title: String?
    /// The day the loan was due, as the library prints days.
    var dueDay: String
    /// On the final notice with `bill_lost_after_days_overdue` set: the day from which the item is billed as lost.
    var billDay: String?

    /// Whether this is the final notice.
    var isFinal: Bool { count == number }

    /// The marker that opens the note.
    var marker: String {
        if isFinal { return "[Final notice]" }
        return count.map { "[Reminder \(number) of \($0)]" } ?? "[Reminder \(number)]"
    }

    /// The note as it goes on the wire.
    var text: String {
        let item = title.map { "\"\($0)\"" } ?? "The item"
        var text = "\(marker) \(item) was due on \(dueDay) and has not been returned; please return it."
        if isFinal {
            if let billDay {
                text += " If it is not back, it will be billed as lost (CompletedWithoutReturn with the replacement cost) on \(billDay)."
            } else {
                text += " This is the last reminder; staff will contact you about a replacement if it is not returned."
            }
        }
        return text
    }
}
