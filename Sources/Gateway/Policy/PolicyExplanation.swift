/// Why the policy decides what it decides for one request: the decision, every rule evaluated, and the
/// facts it was given (holdings, history counts, the copyright ledger). What `illgate policy explain` prints.
public struct PolicyExplanation: Codable, Sendable, Equatable {
    /// One evaluated rule.
    public struct Rule: Codable, Sendable, Equatable {
        public var rule: String
        /// `passed`, `fired` or `skipped`; for a lending rule after the one that decided, `not reached` (its detail
        /// says what it would conclude on its own).
        public var verdict: String
        public var detail: String
    }
    /// One input fact.
    public struct Fact: Codable, Sendable, Equatable {
        public var name: String
        public var value: String
    }

    /// `lending`, `renewal` or `borrowing`.
    public var side: String
    /// supply, unfilled, retry-possible, review (lending); granted, refused (renewal); send, hold, reject,
    /// document-supplier (borrowing).
    public var decision: String
    /// The rule that decided.
    public var rule: String
    /// The stable reason code of the outcome: the `[illgate:<code>]` prefix of the note a peer receives
    /// (`not-held`, `cost`, `renewal-refused`, …), or the borrowing code (`weak_identity`, `send`, …).
    public var code: String
    /// The status, reason code and note a lending peer would receive, or the borrowing plan.
    public var answer: [Fact]
    public var facts: [Fact]
    public var rules: [Rule]
    /// The instant the request was evaluated as of.
    public var asOf: String
}
