/// Why a message could not be delivered to a peer over TCP. Every case means no confirmation was received:
/// the outbox dispatcher retries.
public enum TCPPeerClientError: Error, Hashable, Sendable, CustomStringConvertible {
    /// The connection could not be established (refused, unreachable, name not resolved, no answer within the
    /// connect timeout).
    case connectFailed(endpoint: String, reason: String)
    /// No reply arrived within the timeout (connected, but the attempt's whole time ran out).
    case timedOut(endpoint: String, timeout: Duration)
    /// The peer closed the connection without replying.
    case closedWithoutReply(endpoint: String)
    /// The peer's reply could not be framed (for example, it is larger than the limit).
    case badReply(endpoint: String, TCPFramingError)
    /// The connection failed after it was established.
    case connectionFailed(endpoint: String, reason: String)

    /// A short explanation for the log and the outbox's last error.
    public var description: String {
        switch self {
        case .connectFailed(let endpoint, let reason): "tcp://\(endpoint): cannot connect: \(reason)"
        case .timedOut(let endpoint, let timeout): "tcp://\(endpoint): no reply within \(timeout)"
        case .closedWithoutReply(let endpoint): "tcp://\(endpoint): the connection was closed without a reply"
        case .badReply(let endpoint, let error): "tcp://\(endpoint): unreadable reply: \(error)"
        case .connectionFailed(let endpoint, let reason): "tcp://\(endpoint): connection failed: \(reason)"
        }
    }
}
