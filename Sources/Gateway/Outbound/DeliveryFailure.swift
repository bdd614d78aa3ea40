public import Foundation

/// Why one delivery attempt did not end with a confirmation, and whether waiting can mend it.
public struct DeliveryFailure: Error, Hashable, Sendable, CustomStringConvertible {
    /// Whether a later attempt may succeed.
    public enum Kind: Hashable, Sendable {
        /// The peer is down, slow or overloaded (no connection, timeout, HTTP 5xx, 408, 429): back off, retry.
        case transient
        /// The peer will not take the message as it is (HTTP 4xx, an answer that is not ISO 18626, a peer
        /// that is no longer configured): a few tries, then dead-letter with the reason.
        case permanent
    }

    /// Whether a later attempt may succeed.
    public var kind: Kind
    /// What went wrong, for the log and `illgate outbox list`.
    public var reason: String
    /// How long the peer asked us to wait (`Retry-After`), if it did.
    public var retryAfter: TimeInterval?

    /// Creates a failure.
    public init(_ kind: Kind, _ reason: String, retryAfter: TimeInterval? = nil) {
        self.kind = kind
        self.reason = reason
        self.retryAfter = retryAfter
    }

    public var description: String {
        kind == .permanent ? "permanent: \(reason)" : reason
    }
}
