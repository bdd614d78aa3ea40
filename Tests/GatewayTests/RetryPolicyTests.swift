import Gateway
import Testing

@Suite struct RetryPolicyTests {
    @Test func permanentFailuresUseTheirOwnSmallerLimit() {
        let policy = RetryPolicy(maximumAttempts: 12, permanentFailureAttempts: 3, initialDelay: 5, maximumDelay: 3600, jitter: 0)
        #expect(policy.delay(afterAttempt: 2, failure: .permanent) == 10)
        #expect(policy.delay(afterAttempt: 3, failure: .permanent) == nil)
        #expect(policy.delay(afterAttempt: 3, failure: .transient) == 20)
        #expect(policy.delay(afterAttempt: 12, failure: .transient) == nil)
    }

    @Test func retryAfterIsAFloorCappedAtTheLongestWait() {
        let policy = RetryPolicy(initialDelay: 5, maximumDelay: 600, jitter: 0)
        #expect(policy.delay(afterAttempt: 1, retryAfter: 120) == 120)
        #expect(policy.delay(afterAttempt: 1, retryAfter: 2) == 5)
        #expect(policy.delay(afterAttempt: 1, retryAfter: 86_400) == 600)
    }

    @Test func theJitterIsDrawnFromTheGivenGenerator() throws {
        let policy = RetryPolicy(initialDelay: 10, maximumDelay: 3600, jitter: 0.5)
        var first = SeededRandomNumbers(seed: 7)
        var second = SeededRandomNumbers(seed: 7)
        let waits = (1...6).map { policy.delay(afterAttempt: $0, using: &first) }
        // The same seed, the same waits: a test can know the next attempt's time in advance.
        #expect(waits == (1...6).map { policy.delay(afterAttempt: $0, using: &second) })
        for (attempt, wait) in zip(1..., waits) {
            let base = 10 * Double(1 << (attempt - 1))
            let drawn = try #require(wait)
            #expect(drawn >= base && drawn <= base * 1.5, "attempt \(attempt): \(drawn) outside \(base)...\(base * 1.5)")
        }
        // Not every draw is the same: the jitter spreads senders.
        #expect(Set(zip(1..., waits).map { attempt, wait in (wait ?? 0) / Double(1 << (attempt - 1)) }).count > 1)
        // The largest draw adds the whole jitter: 40 s and half of it.
        var largest = ConstantRandomNumbers(value: .max)
        #expect(policy.delay(afterAttempt: 3, using: &largest) == 60)
    }
}
