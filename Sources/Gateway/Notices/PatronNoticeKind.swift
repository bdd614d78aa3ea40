/// What a patron notice tells the patron. Each kind has its own template, `<rawValue>.mustache`.
public enum PatronNoticeKind: String, CaseIterable, Hashable, Sendable {
    /// The borrowed item has arrived and waits at the patron's pickup branch.
    case readyForPickup = "ready-for-pickup"
    /// The borrowed item is past its due date.
    case overdue
    /// The lender wants the item back before its due date.
    case recalled

    /// The template file's name in the notices directory.
    public var templateFileName: String { "\(rawValue).mustache" }
}
