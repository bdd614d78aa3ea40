/// The state of one run of the borrowing rules: the trace so far. Internal to ``BorrowingPolicy``.
struct BorrowingRun {
    /// The rules ``BorrowingPolicy`` evaluates, in order.
    static let order: [RuleID] = [.b01, .b02, .b03, .b04, .b05, .b06, .b07, .b08]

    /// A decision and the rule that made it.
    struct Decided {
        var outcome: BorrowingOutcome
        var decidingRule: RuleID
        var code: ReasonCode

        static func hold(_ rule: RuleID, _ why: String, _ code: ReasonCode) -> Decided {
            Decided(outcome: .hold(rule: rule, why: why), decidingRule: rule, code: code)
        }

        /// A refusal; its reason is already a stable code (`invalid_user`, `over_limit`, …).
        static func reject(_ rule: RuleID, _ reason: String) -> Decided {
            Decided(outcome: .reject(rule: rule, reason: reason), decidingRule: rule, code: ReasonCode(rawValue: reason))
        }
    }

    var trace: [RuleEvaluation] = []
}
