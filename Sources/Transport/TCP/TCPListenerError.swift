/// Why a ``TCPListener`` is not listening.
public enum TCPListenerError: Error, Hashable, Sendable, CustomStringConvertible {
    /// The address could not be bound (or the inherited socket could not be used).
    case bindFailed(address: String, reason: String)
    /// The listener stopped (or was never started and has been discarded) before it listened.
    case stopped

    /// A short explanation for the log.
    public var description: String {
        switch self {
        case .bindFailed(let address, let reason): "cannot listen on \(address): \(reason)"
        case .stopped: "the TCP listener is not running"
        }
    }
}
