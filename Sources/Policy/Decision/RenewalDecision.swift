public import Foundation

/// The renewal rules' answer (R01–R03), with the trace.
public struct RenewalDecision: Hashable, Sendable {
    /// Granted with a new due date, or refused with a note for the borrower.
    public enum Outcome: Hashable, Sendable {
        case granted(newDueDate: Date)
        case refused(note: String)
    }

    public var outcome: Outcome
    public var rule: RuleID
    public var trace: [RuleEvaluation]

    public init(outcome: Outcome, rule: RuleID, trace: [RuleEvaluation]) {
        self.outcome = outcome
        self.rule = rule
        self.trace = trace
    }
}
