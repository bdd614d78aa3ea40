import Foundation

/// One policy decision as the log line states it: what was decided, by which rule, and every rule
/// that fired. No patron data.
public struct DecisionSummary: Hashable, Sendable {
    /// `lending`, `renewal` or `borrowing`.
    public var side: String
    /// `supply`, `unfilled`, `retry-possible`, `review`, `granted`, `refused`, `send`, `hold`, `reject`, ...
    public var outcome: String
    /// The rule that decided.
    public var rule: String
    /// Every rule that fired, in order.
    public var firedRules: [String]
    /// The reason code sent, if any (`NotHeld`, `CostExceedsMaxCost`, ...).
    public var reason: String?
    public var transactionID: Int64?
    public var reviewID: Int64?
    /// The stable code of the outcome (`[illgate:<code>]`), e.g. `not-held`, `weak_identity`.
    public var code: String?
    /// Lines logged beside the decision (a title link learned, an invalid ISSN ignored).
    public var notices: [PolicyNotice] = []

    public init(
        side: String,
        outcome: String,
        rule: String,
        firedRules: [String],
        reason: String? = nil,
        transactionID: Int64? = nil,
        reviewID: Int64? = nil,
        code: String? = nil
    ) {
        self.side = side
        self.outcome = outcome
        self.rule = rule
        self.firedRules = firedRules
        self.reason = reason
        self.transactionID = transactionID
        self.reviewID = reviewID
        self.code = code
    }
}
