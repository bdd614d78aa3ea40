import Foundation
import ISO18626

/// L11–L13: format and edition feasibility, payment method, and cost.
enum TermsRules {
    /// L11: the format asked for can be supplied. For a loan, a requested `itemFormat` that differs from the
    /// holding's format (both standard ItemFormat values) cannot be: 2021 ReqFormatNotPossible with the
    /// format we have; 2017 Unfilled NotAvailableForILL with a note (§4.4). The edition of a holding is not
    /// among the item facts, so editions are not checked here (a mismatch comes as a citation mismatch, L07).
    static func l11(_ context: LendingContext) -> RuleResult {
        guard context.isLoan else { return .skipped("copy: the format is ours to choose") }
        guard let wanted = context.request.serviceInfo?.itemFormat?.value.lendingTrimmed, !wanted.isEmpty,
              let held = context.input.item.format?.lendingTrimmed, !held.isEmpty
        else { return .passed("no format constraint") }
        let known = ItemFormatList.knownValues
        guard let heldFormat = known.first(where: { $0.lendingMatches(held) }), known.lendingContains(wanted) else {
            return .passed("formats not comparable")
        }
        guard !heldFormat.lendingMatches(wanted) else { return .passed("format \(heldFormat) as requested") }
        let text = "We hold this item as \(heldFormat), not \(wanted)."
        switch context.edition {
        case .v1_2:
            return .unfilled(.notAvailableForILL, note: LendingNote.make(.format, text), detail: "format \(wanted) not possible; held as \(heldFormat) (2017: Unfilled)")
        case .v2021:
            return .retry(.reqFormatNotPossible, offers: RetryInfo(itemFormat: [ItemFormat(heldFormat)]), note: LendingNote.make(.format, text), detail: "format \(wanted) not possible; \(heldFormat) offered")
        }
    }

    /// L12: the payment or billing method is one we accept (any of those given; none given passes).
    static func l12(_ context: LendingContext) -> RuleResult {
        let billing = context.request.billingInfo
        let given = [billing?.paymentMethod?.value, billing?.billingMethod?.value].compactMap { $0?.lendingTrimmed }.filter { !$0.isEmpty }
        guard !given.isEmpty else { return .passed("no payment method given") }
        let accepted = context.lending.paymentMethods
        if let method = given.first(where: { accepted.lendingContains($0) }) {
            return .passed("payment method \(method) accepted")
        }
        let text = "We do not accept \(given.joined(separator: " / ")); we accept \(accepted.joined(separator: ", "))."
        switch context.edition {
        case .v1_2:
            return .unfilled(.policyProblem, note: LendingNote.make(.paymentMethod, text), detail: "payment method \(given.joined(separator: "/")) not accepted (2017: Unfilled)")
        case .v2021:
            return .retry(.reqPayMethodNotSupported, offers: RetryInfo(paymentMethod: accepted.map { PaymentMethod($0) }), note: LendingNote.make(.paymentMethod, text), detail: "payment method \(given.joined(separator: "/")) not accepted; ours offered")
        }
    }

    /// Our charge for the service being evaluated: the lowest group override that applies to the peer,
    /// else the configured charge; plus the fee-paid surcharge for `UK-CopyRFeePaid` copies.
    static func charge(_ context: LendingContext) -> Decimal {
        context.lending.charges.serviceCharge(
            loan: context.isLoan,
            groups: context.peer.groups,
            surchargeCode: context.isCopy ? context.copyrightCode : nil
        )
    }

    /// L13: our charge is within `billingInfo/maximumCosts`, in the same currency (never converted).
    /// Without a maximum, `when_max_cost_absent` decides. A free supply passes whatever the maximum.
    static func l13(_ context: inout LendingContext) -> RuleResult {
        let amount = charge(context)
        let ours = Costs(currencyCode: CurrencyCode(context.lending.charges.currency.lendingTrimmed.uppercased()), monetaryValue: amount)
        context.charge = amount > 0 ? ours : nil
        let shown = LendingNote.money(ours)
        guard amount > 0 else { return .passed("free of charge") }
        func offer(_ text: String, _ detail: String) -> RuleResult {
            .retry(.costExceedsMaxCost, offers: RetryInfo(offeredCosts: [ours]), note: LendingNote.make(.cost, text), detail: detail)
        }
        guard let maximum = context.request.billingInfo?.maximumCosts else {
            switch context.lending.charges.whenMaximumAbsent {
            case .accept:
                return .passed("no maximum cost; charge \(shown) (when_max_cost_absent = accept)")
            case .acceptIfFree, .retry:
                return offer("Our charge is \(shown); please confirm with maximumCosts.", "no maximum cost; charge \(shown) offered")
            }
        }
        guard maximum.currencyCode.value.lendingMatches(ours.currencyCode.value) else {
            return offer("Our charge is \(shown); we do not convert currencies.", "maximum in \(maximum.currencyCode.value), we charge \(shown)")
        }
        guard amount <= maximum.monetaryValue else {
            return offer("Our charge is \(shown), above your maximum of \(LendingNote.money(maximum)).", "charge \(shown) > maximum \(LendingNote.money(maximum))")
        }
        return .passed("charge \(shown) ≤ maximum \(LendingNote.money(maximum))")
    }
}
