/// Which peers' outbox queues a committed write changed, so the outbox dispatcher is woken for them only.
public enum OutboxChanges: Hashable, Sendable {
    /// No queue changed.
    case none
    /// These peers' queues changed.
    case peers(Set<String>)
    /// Not known (the write was decided inside the writer): any queue may have changed.
    case unknown
}
