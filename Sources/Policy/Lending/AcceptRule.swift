import Foundation
import ISO18626

/// L17: a request that passed every rule is supplied, or waits for staff when the auto-responder is off.
enum AcceptRule {
    static func l17(_ context: LendingContext) -> RuleResult {
        let lending = context.lending
        let status: Status
        switch lending.autoResponder {
        case .off:
            return .review(why: "Every rule passed; the auto-responder is off, so staff confirm the supply.", reasonIfTimedOut: .policyProblem, code: .autoResponderOff, detail: "auto-responder off: review")
        case .willSupply:
            status = .willSupply
        case .expectToSupply:
            status = .expectToSupply
        }
        var dueDate: Date?
        var conditions: [LoanCondition] = []
        if context.isLoan {
            let days = lending.loanPeriodDays + (lending.dueDateIncludesShipping ? 2 * lending.shippingDays : 0)
            dueDate = context.adding(days: days, to: context.input.receivedAt)
            conditions = lending.loanConditions.map { LoanCondition($0) }
        }
        let acceptance = LendingAcceptance(
            rule: .l17,
            status: status,
            serviceType: context.serviceType,
            proposedDueDate: dueDate,
            loanConditions: conditions,
            deliveryMethod: context.deliveryMethod,
            charge: context.charge,
            note: context.acceptNotes.isEmpty ? nil : context.acceptNotes.joined(separator: " ")
        )
        let due = dueDate.map { ", due \(LendingNote.day($0, context.calendar))" } ?? ""
        return .accept(acceptance, detail: "\(status.rawValue): \(context.serviceType.rawValue)\(due)")
    }
}
