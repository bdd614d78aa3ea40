/// One rule as it was evaluated: the trace that `illgate policy explain` prints and the log line names.
public struct RuleEvaluation: Hashable, Sendable, CustomStringConvertible {
    /// What the rule concluded.
    public enum Verdict: String, Hashable, Sendable {
        /// The rule's condition held; evaluation went on.
        case passed
        /// The rule decided (refused, offered, held, accepted, set a value).
        case fired
        /// The rule does not apply to this request (e.g. copyright rules for a loan).
        case skipped
    }

    public var rule: RuleID
    public var verdict: Verdict
    /// Why, in one short sentence without patron data.
    public var detail: String

    public init(_ rule: RuleID, _ verdict: Verdict, _ detail: String) {
        self.rule = rule
        self.verdict = verdict
        self.detail = detail
    }

    public var description: String { "\(rule) \(verdict.rawValue): \(detail)" }
}

extension Array where Element == RuleEvaluation {
    /// The ids of the rules that fired, in order: what the decision log line carries.
    public var firedRules: [RuleID] { filter { $0.verdict == .fired }.map(\.rule) }
}
