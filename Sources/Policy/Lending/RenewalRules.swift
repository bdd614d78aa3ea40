import Foundation
import ISO18626

/// R01–R03: the answer to a `Renew` action.
enum RenewalRules {
    static func decide(_ input: RenewalInput, configuration: PolicyConfiguration) -> RenewalDecision {
        let lending = configuration.lending
        var trace: [RuleEvaluation] = []
        guard lending.renewalMax > 0 else {
            trace.append(RuleEvaluation(.r03, .fired, "renewal_max is 0: renewals not offered"))
            return RenewalDecision(outcome: .refused(note: LendingNote.make(.renewalsNotOffered, "We do not renew interlibrary loans.")), rule: .r03, trace: trace)
        }
        trace.append(RuleEvaluation(.r03, .passed, "renewal_max \(lending.renewalMax)"))
        var reasons: [String] = []
        if input.renewalsUsed >= lending.renewalMax { reasons.append("the limit of \(lending.renewalMax) renewal(s) is reached") }
        if input.state == .recalled { reasons.append("the item has been recalled") }
        if input.itemHasLocalHold { reasons.append("the item is on hold for another reader") }
        if input.state == .overdue, !lending.renewOverdue { reasons.append("overdue loans are not renewed") }
        guard !reasons.isEmpty else {
            let calendar = configuration.calendar
            let base = max(input.currentDueDate ?? input.now, input.now)
            let due = calendar.date(byAdding: .day, value: lending.renewalPeriodDays, to: base)
                ?? base.addingTimeInterval(TimeInterval(lending.renewalPeriodDays) * 86_400)
            trace.append(RuleEvaluation(.r01, .fired, "renewal \(input.renewalsUsed + 1) of \(lending.renewalMax) granted, due \(LendingNote.day(due, calendar))"))
            return RenewalDecision(outcome: .granted(newDueDate: due), rule: .r01, trace: trace)
        }
        trace.append(RuleEvaluation(.r01, .skipped, "conditions not met"))
        trace.append(RuleEvaluation(.r02, .fired, "refused: " + reasons.joined(separator: "; ")))
        let note = LendingNote.make(.renewalRefused, "Renewal refused: " + reasons.joined(separator: "; ") + ".")
        return RenewalDecision(outcome: .refused(note: note), rule: .r02, trace: trace)
    }
}
