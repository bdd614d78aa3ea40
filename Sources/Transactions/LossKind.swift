/// What happened to a loaned item that is billed rather than returned whole.
public enum LossKind: String, Hashable, Sendable, CaseIterable, CustomStringConvertible {
    /// The item is lost (or so long overdue that it is treated as lost).
    case lost
    /// The item came back (or will) damaged.
    case damaged

    public var description: String { rawValue }
}
