/// What a patron notice tells the patron. Each kind has its own template, `<rawValue>.mustache`.
public enum PatronNoticeKind: String, CaseIterable, Hashable, Sendable {
    /// The borrowed item has arrived and waits at the patron's pickup branch.
    case readyForPickup = "ready-for-pickup"
    /// The borrowed item is past its due date.
    case overdue
    /// The lender wants the item back before its due date.
    case recalled
    /// A courtesy notice a few days before the due date (`[notices] due_soon_days`).
    case dueSoon = "due-soon"

    /// The template file's name in the notices directory.
    public var templateFileName: String { "\(rawValue).mustache" }

    /// Whether a notices directory must have this kind's template. The due-soon notice is sent only when
    /// configured, so a directory written before it existed stays valid.
    public var isTemplateRequired: Bool { self != .dueSoon }
}
