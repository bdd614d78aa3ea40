/// What came of sending one outbound message, as the transport saw it; the gateway records it
/// (``Gateway/record(_:of:retryPolicy:)``).
public enum DeliveryAttempt: Hashable, Sendable {
    /// The peer answered (whatever the answer means).
    case answered(PeerReply)
    /// No answer: the connection was refused or lost, or the attempt timed out. Transient.
    case noAnswer(String)
    /// The message could not be sent as the peer is configured (no longer configured, no usable endpoint,
    /// bad TLS settings). Permanent.
    case notSent(String)
}
