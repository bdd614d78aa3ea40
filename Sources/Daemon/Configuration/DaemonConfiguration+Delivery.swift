public import Foundation
public import Gateway

extension DaemonConfiguration {
    /// How the outbox dispatcher delivers our messages: the `[delivery]` table.
    public struct Delivery: Hashable, Sendable {
        /// Attempts, backoff and jitter before a message is dead-lettered.
        public var retryPolicy: RetryPolicy
        /// How often the dispatcher looks for due messages when nothing woke it.
        public var pollInterval: TimeInterval
        /// How long one delivery attempt may take in all (connecting, sending, the reply), for peers without their
        /// own `timeout_seconds`.
        public var timeout: TimeInterval
        /// How long establishing the connection may take, for peers without their own `connect_timeout_seconds`:
        /// short, so that a peer that is down fails fast and its message waits for the next attempt. Never more
        /// than the peer's `timeout`. (A refused connection fails at once whatever this is.)
        public var connectTimeout: TimeInterval

        /// Creates the section.
        public init(
            retryPolicy: RetryPolicy = RetryPolicy(),
            pollInterval: TimeInterval = 1,
            timeout: TimeInterval = 30,
            connectTimeout: TimeInterval = 3
        ) {
            self.retryPolicy = retryPolicy
            self.pollInterval = pollInterval
            self.timeout = timeout
            self.connectTimeout = connectTimeout
        }
    }
}
