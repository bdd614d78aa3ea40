public import Foundation
public import Policy

/// How patron notices are written and sent (`[notices]`).
public struct NoticeConfiguration: Hashable, Sendable {
    /// Where a notice goes.
    public enum Delivery: Hashable, Sendable {
        /// Piped to a mail submission command (e.g. `/usr/sbin/sendmail -t`) that reads the recipient from the headers.
        case command([String])
        /// Written as one file per notice into a directory, for another program to pick up.
        case spool(URL)
    }

    /// The checked templates, one per kind.
    public var templates: NoticeTemplates
    /// Where notices go.
    public var delivery: Delivery
    /// The `From:` address of notices.
    public var sender: String
    /// When overdue notices go to the patron, counted from the due date (`reminders`); empty: one overdue notice
    /// once the due date has passed.
    public var reminders: ReminderSchedule
    /// How many days before the due date the patron gets a courtesy due-soon notice (`nil`: none).
    public var dueSoonDays: Int?

    /// Creates a configuration.
    public init(templates: NoticeTemplates, delivery: Delivery, sender: String, reminders: ReminderSchedule = .empty, dueSoonDays: Int? = nil) {
        self.templates = templates
        self.delivery = delivery
        self.sender = sender
        self.reminders = reminders
        self.dueSoonDays = dueSoonDays
    }
}
