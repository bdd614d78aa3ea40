public import Foundation

/// How often and how long to keep trying to deliver a message: exponential backoff with jitter, then give up.
///
/// Failures come in two classes (``DeliveryFailure/Kind``). A transient one (no connection, a timeout,
/// HTTP 5xx, 408 or 429) is retried up to ``maximumAttempts`` times, waiting at least as long as the peer's
/// `Retry-After` asks. A permanent one (HTTP 4xx, an answer that is not ISO 18626) will not mend by waiting
/// an hour, so it dead-letters after ``permanentFailureAttempts`` attempts, with the reason for an operator.
public struct RetryPolicy: Hashable, Sendable {
    /// Attempts in all before the entry is dead-lettered.
    public var maximumAttempts: Int
    /// Attempts before an entry whose last failure was permanent is dead-lettered.
    public var permanentFailureAttempts: Int
    /// The wait after the first failure.
    public var initialDelay: TimeInterval
    /// The longest wait between attempts (a peer's `Retry-After` included).
    public var maximumDelay: TimeInterval
    /// Up to this fraction of each wait is added at random, so that many senders do not retry in step.
    public var jitter: Double

    /// Creates a policy.
    public init(
        maximumAttempts: Int = 12,
        permanentFailureAttempts: Int = 3,
        initialDelay: TimeInterval = 5,
        maximumDelay: TimeInterval = 3600,
        jitter: Double = 0.2
    ) {
        self.maximumAttempts = maximumAttempts
        self.permanentFailureAttempts = permanentFailureAttempts
        self.initialDelay = initialDelay
        self.maximumDelay = maximumDelay
        self.jitter = jitter
    }

    /// The wait before the next attempt after `attempt` failed attempts, or `nil` when no attempt is left,
    /// with the jitter drawn from the system's random number generator.
    /// - Parameters:
    ///   - attempt: the attempts made so far, the failed one included.
    ///   - failure: the class of the last failure.
    ///   - retryAfter: how long the peer asked us to wait, if it did; the wait is at least that (capped at
    ///     ``maximumDelay``), without jitter on top.
    public func delay(afterAttempt attempt: Int, failure: DeliveryFailure.Kind = .transient, retryAfter: TimeInterval? = nil) -> TimeInterval? {
        var generator = SystemRandomNumberGenerator()
        return delay(afterAttempt: attempt, failure: failure, retryAfter: retryAfter, using: &generator)
    }

    /// The wait before the next attempt after `attempt` failed attempts, or `nil` when no attempt is left,
    /// with the jitter drawn from `generator` (tests pass a seeded one, so the waits are known in advance).
    /// - Parameters:
    ///   - attempt: the attempts made so far, the failed one included.
    ///   - failure: the class of the last failure.
    ///   - retryAfter: how long the peer asked us to wait, if it did; the wait is at least that (capped at
    ///     ``maximumDelay``), without jitter on top.
    ///   - generator: where the jitter comes from.
    public func delay(
        afterAttempt attempt: Int,
        failure: DeliveryFailure.Kind = .transient,
        retryAfter: TimeInterval? = nil,
        using generator: inout some RandomNumberGenerator
    ) -> TimeInterval? {
        let limit = failure == .permanent ? min(permanentFailureAttempts, maximumAttempts) : maximumAttempts
        guard attempt < limit else { return nil }
        let base = min(maximumDelay, initialDelay * pow(2, Double(max(0, attempt - 1))))
        let backoff = base + base * jitter * Double.random(in: 0...1, using: &generator)
        guard let retryAfter, retryAfter > 0 else { return backoff }
        return max(min(retryAfter, maximumDelay), min(backoff, maximumDelay))
    }
}
