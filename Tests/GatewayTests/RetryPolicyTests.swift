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
}
