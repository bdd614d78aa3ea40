import Foundation
import ISO18626

/// L14–L16: how and when the item can travel, and at which service level.
enum DeliveryRules {
    /// Delivery methods that move paper or the item itself.
    static let physicalMethods = ["Mail", "Courier"]

    /// The methods we may use for the service being evaluated, after C05/L09 restrictions. A copy that
    /// must travel on paper goes by Mail when no physical copy method is configured.
    static func allowedMethods(_ context: LendingContext) -> [String] {
        let configured = context.isCopy ? context.lending.copyDeliveryMethods : context.lending.loanDeliveryMethods
        guard !context.physicalOnlyBecause.isEmpty else { return configured }
        let physical = configured.filter { physicalMethods.lendingContains($0) }
        return physical.isEmpty ? ["Mail"] : physical
    }

    /// L14: the first requested method (by `sortOrder`) that we allow; none requested takes our first.
    static func l14(_ context: inout LendingContext) -> RuleResult {
        let allowed = allowedMethods(context)
        let restriction = context.physicalOnlyBecause.isEmpty ? "" : " (physical only: \(context.physicalOnlyBecause.joined(separator: "; ")))"
        let requested = context.request.requestedDeliveryInfo.enumerated()
            .sorted { ($0.element.sortOrder ?? Int.max, $0.offset) < ($1.element.sortOrder ?? Int.max, $1.offset) }
            .compactMap { $0.element.deliveryMethod?.value.lendingTrimmed }
            .filter { !$0.isEmpty }
        guard !requested.isEmpty else {
            guard let first = allowed.first else { return .passed("no delivery method requested or configured") }
            context.deliveryMethod = DeliveryMethod(first)
            return .passed("no delivery method requested; \(first) chosen\(restriction)")
        }
        if let match = requested.lazy.compactMap({ wanted in allowed.first { $0.lendingMatches(wanted) } }).first {
            context.deliveryMethod = DeliveryMethod(match)
            return .passed("delivery by \(match)\(restriction)")
        }
        let why = context.physicalOnlyBecause.isEmpty ? "" : " because \(context.physicalOnlyBecause.joined(separator: " and "))"
        return .retry(
            .reqDelMethodNotSupp,
            offers: RetryInfo(deliveryMethod: allowed.map { DeliveryMethod($0) }),
            note: LendingNote.make(.deliveryMethod, "We cannot deliver by \(requested.joined(separator: " or "))\(why); we can deliver by \(allowed.joined(separator: ", "))."),
            detail: "requested \(requested.joined(separator: "/")) not allowed; offered \(allowed.joined(separator: ", "))\(restriction)"
        )
    }

    /// L15: `needBeforeDate` is no sooner than the processing days (plus shipping for a loan) allow.
    static func l15(_ context: LendingContext) -> RuleResult {
        guard let needed = context.request.serviceInfo?.needBeforeDate else { return .passed("no need-before date") }
        let days = context.lending.minProcessingDays + (context.isLoan ? context.lending.shippingDays : 0)
        let earliest = context.adding(days: days, to: context.input.receivedAt)
        guard needed < earliest else { return .passed("need-before date can be met") }
        let day = LendingNote.day(earliest, context.calendar)
        return .retry(
            .reqDelDateNotPossible,
            offers: RetryInfo(),
            note: LendingNote.make(.needBeforeDate, "We cannot deliver before \(LendingNote.day(needed, context.calendar)); the earliest is \(day)."),
            detail: "need-before \(LendingNote.day(needed, context.calendar)) < earliest \(day)"
        )
    }

    /// L16: the service level is one we offer. 2021: RetryPossible ReqServLevelNotSupp with ours;
    /// 2017: supplied at Normal with a note when `downgrade_service_level`, else Unfilled PolicyProblem.
    static func l16(_ context: inout LendingContext) -> RuleResult {
        guard let level = context.request.serviceInfo?.serviceLevel?.value.lendingTrimmed, !level.isEmpty else {
            return .passed("no service level requested")
        }
        let offered = context.lending.serviceLevels
        guard !offered.lendingContains(level) else { return .passed("service level \(level) offered") }
        switch context.edition {
        case .v2021:
            return .retry(
                .reqServLevelNotSupp,
                offers: RetryInfo(serviceLevel: offered.map { ServiceLevel($0) }),
                note: LendingNote.make(.serviceLevel, "We do not offer \(level) service; we offer \(offered.joined(separator: ", "))."),
                detail: "service level \(level) not offered"
            )
        case .v1_2 where context.lending.downgradeServiceLevel:
            context.acceptNotes.append(LendingNote.make(.serviceLevelDowngraded, "\(level) service is not offered; supplied at Normal."))
            return .noted("service level \(level) not offered: downgraded to Normal (2017)")
        case .v1_2:
            return .unfilled(.policyProblem, note: LendingNote.make(.serviceLevel, "We do not offer \(level) service."), detail: "service level \(level) not offered (2017: Unfilled)")
        }
    }
}
