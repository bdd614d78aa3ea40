public import Foundation
public import Gateway

extension DaemonConfiguration {
    /// How the outbox dispatcher delivers our messages: the `[delivery]` table.
    public struct Delivery: Hashable, Sendable {
        /// Attempts, backoff and jitter before a message is dead-lettered.
        public var retryPolicy: RetryPolicy
        /// How often the dispatcher looks for due messages when nothing woke it.
        public var pollInterval: TimeInterval
        /// How long one delivery attempt may take, for peers without their own `timeout_seconds`.
        public var timeout: TimeInterval

        /// Creates the section.
        public init(retryPolicy: RetryPolicy = RetryPolicy(), pollInterval: TimeInterval = 1, timeout: TimeInterval = 30) {
            self.retryPolicy = retryPolicy
            self.pollInterval = pollInterval
            self.timeout = timeout
        }
    }
}
