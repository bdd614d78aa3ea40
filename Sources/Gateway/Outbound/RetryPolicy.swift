public import Foundation

/// How often and how long to keep trying to deliver a message: exponential backoff with jitter, then give up.
public struct RetryPolicy: Hashable, Sendable {
    /// Attempts in all before the entry is dead-lettered.
    public var maximumAttempts: Int
    /// The wait after the first failure.
    public var initialDelay: TimeInterval
    /// The longest wait between attempts.
    public var maximumDelay: TimeInterval
    /// Up to this fraction of each wait is added at random, so that many senders do not retry in step.
    public var jitter: Double

    /// Creates a policy.
    public init(maximumAttempts: Int = 12, initialDelay: TimeInterval = 5, maximumDelay: TimeInterval = 3600, jitter: Double = 0.2) {
        self.maximumAttempts = maximumAttempts
        self.initialDelay = initialDelay
        self.maximumDelay = maximumDelay
        self.jitter = jitter
    }

    /// The wait before the next attempt after `attempt` failed attempts, or `nil` when no attempt is left.
    public func delay(afterAttempt attempt: Int) -> TimeInterval? {
        guard attempt < maximumAttempts else { return nil }
        let base = min(maximumDelay, initialDelay * pow(2, Double(max(0, attempt - 1))))
        return base + base * jitter * Double.random(in: 0...1)
    }
}
