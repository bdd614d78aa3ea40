public import Foundation

/// The renewal rules' answer (R01–R03), with the trace.
public struct RenewalDecision: Hashable, Sendable {
    /// Granted with a new due date, or refused with a note for the borrower.
    public enum Outcome: Hashable, Sendable {
        case granted(newDueDate: Date)
        case refused(note: String)

        /// Whether the renewal is granted (`answerYesNo = Y`).
        public var isGranted: Bool {
            if case .granted = self { true } else { false }
        }
    }

    public var outcome: Outcome
    public var rule: RuleID
    public var trace: [RuleEvaluation]

    /// The stable code: `renewal-granted`, or the refusal note's prefix.
    public var code: ReasonCode {
        switch outcome {
        case .granted: .renewalGranted
        case .refused(let note): ReasonCode(notePrefixOf: note) ?? .renewalRefused
        }
    }

    public init(outcome: Outcome, rule: RuleID, trace: [RuleEvaluation]) {
        self.outcome = outcome
        self.rule = rule
        self.trace = trace
    }
}
