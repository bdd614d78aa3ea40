/// What applying an event did.
public enum Transition<State: Hashable & Sendable, Effect: Hashable & Sendable>: Hashable, Sendable {
    /// The event was accepted: the state went from `from` to `to` (the same for a recorded event), and the
    /// effects are for the gateway to perform.
    case applied(from: State, to: State, effects: [Effect])
    /// The event was refused; nothing changed.
    case refused(reason: String)

    /// The effects to perform (none for a refusal).
    public var effects: [Effect] {
        if case .applied(_, _, let effects) = self { return effects }
        return []
    }

    /// Whether the event was refused.
    public var isRefused: Bool {
        if case .refused = self { return true }
        return false
    }
}
