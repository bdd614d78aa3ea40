import ISO18626

/// The lending (supplier) rules: what we answer a peer that asks us to lend or copy (L01–L17, C01–C05),
/// and whether we renew a loan (R01–R03). Pure: everything, the clock included, comes in the inputs.
///
/// Rules run in the policy reference's order (§5.3): peer checks (L01–L03), the service type (L04, L05),
/// red flags (L06), copyright for copies (C01–C05), item facts, embargo, licence, quota (L07–L10), terms
/// (L11–L13), delivery (L14–L16), then acceptance (L17). The first terminal result wins; a review stops
/// evaluation when `review_stops`; fixable failures merge into one RetryPossible carrying every offer.
public struct LendingPolicy: Sendable {
    /// The policy the rules read.
    public let configuration: PolicyConfiguration

    /// Creates the lending rules for a configuration.
    public init(configuration: PolicyConfiguration) {
        self.configuration = configuration
    }

    /// Decides a new request (or a retry) we are asked to supply, with the trace of every rule evaluated.
    ///
    /// The codes follow the peer's edition (`input.peer.edition`): for example a copy we cannot give but
    /// could lend is RetryPossible LoanPossible for a 2017 peer and ReqServTypeNotPossible with
    /// `retryInfo/serviceType = Loan` for a 2021 peer. ``LendingDecision/reply(for:)`` shapes the wire fields.
    public func decide(_ input: LendingInput) -> LendingDecision {
        let requested = LendingContext.requestedType(of: input.request)
        let base = LendingContext(input: input, configuration: configuration, serviceType: requested == .copy ? .copy : .loan)
        var prefix = LendingEvaluation(reviewStops: configuration.reviewStops)
        prefix.apply(.l01, PeerRules.l01(base))
        prefix.apply(.l02, PeerRules.l02(base))
        prefix.apply(.l03, PeerRules.l03(base))
        if let final = prefix.final {
            return LendingDecision(outcome: final, trace: prefix.trace)
        }
        if let replaced = input.replacing {
            prefix.note(.retry, .passed, Self.retryTerms(replaced, request: input.request))
        }

        guard requested == .copyOrLoan else {
            var evaluation = prefix
            var context = base
            evaluation.note(.l05, .skipped, "\(requested.rawValue) requested")
            let outcome = run(&evaluation, &context)
            return LendingDecision(outcome: outcome, trace: evaluation.trace)
        }

        // L05: CopyOrLoan. Try the preferred type; when it is not supplied, try the other one.
        let preferred: ServiceType = configuration.lending.copyOrLoanPreference == .loan ? .loan : .copy
        let other: ServiceType = preferred == .loan ? .copy : .loan
        var first = prefix
        var firstContext = LendingContext(input: input, configuration: configuration, serviceType: preferred)
        first.note(.l05, .fired, "CopyOrLoan: trying \(preferred.rawValue) first (copy_or_loan_preference)")
        let firstOutcome = run(&first, &firstContext)
        if case .accept = firstOutcome {
            return LendingDecision(outcome: firstOutcome, trace: first.trace)
        }

        var second = prefix
        second.trace = first.trace
        second.note(.l05, .fired, "\(preferred.rawValue) not supplied (\(firstOutcome.name) by \(firstOutcome.rule)); trying \(other.rawValue)")
        var secondContext = LendingContext(input: input, configuration: configuration, serviceType: other)
        let secondOutcome = run(&second, &secondContext)
        if case .accept = secondOutcome {
            return LendingDecision(outcome: secondOutcome, trace: second.trace)
        }
        // Neither is supplied: answer with the preferred type's result, unless only it was a dead end.
        let useSecond: Bool
        switch (firstOutcome, secondOutcome) {
        case (.unfilled, .unfilled): useSecond = false
        case (.unfilled, _): useSecond = true
        default: useSecond = false
        }
        var chosen = useSecond ? secondOutcome : firstOutcome
        if useSecond, case .retryPossible(var retry) = chosen, retry.offers.serviceType == nil {
            // The offer is for the other type: say so (retryInfo/serviceType; the 2017 note lists it).
            retry.offers.serviceType = other
            chosen = .retryPossible(retry)
        }
        second.note(.l05, .fired, "neither type supplied: answering with the \((useSecond ? other : preferred).rawValue) result (\(chosen.name) by \(chosen.rule))")
        return LendingDecision(outcome: chosen, trace: second.trace)
    }

    /// The trace line of a retry (§4.5): which request it replaces and whether its terms now meet what we
    /// offered. The retry is evaluated afresh by every rule; a retry that meets the offer passes the rules
    /// that made it (L13 cost, L14 delivery, L16 level) and is supplied under those terms.
    static func retryTerms(_ replaced: ReplacedRequest, request: Request) -> String {
        var met: [String] = []
        var unmet: [String] = []
        if let offered = replaced.offered {
            if let cost = offered.offeredCosts.first {
                let maximum = request.billingInfo?.maximumCosts
                if let maximum, maximum.currencyCode.value.lendingMatches(cost.currencyCode.value), cost.monetaryValue <= maximum.monetaryValue {
                    met.append("maximumCosts \(LendingNote.money(maximum)) covers the offered \(LendingNote.money(cost))")
                } else {
                    unmet.append("maximumCosts does not cover the offered \(LendingNote.money(cost))")
                }
            }
            if !offered.deliveryMethod.isEmpty {
                let asked = request.requestedDeliveryInfo.compactMap { $0.deliveryMethod?.value }
                if asked.contains(where: { wanted in offered.deliveryMethod.contains { $0.value.lendingMatches(wanted) } }) {
                    met.append("delivery method among those offered")
                } else if !asked.isEmpty {
                    unmet.append("no offered delivery method requested")
                }
            }
        }
        var line = "Retry of transaction \(replaced.transactionID)"
        if !met.isEmpty { line += "; meets our offer: " + met.joined(separator: ", ") }
        if !unmet.isEmpty { line += "; does not meet it: " + unmet.joined(separator: ", ") }
        return line
    }

    /// Every lending rule evaluated on its own, in order, for the requested service type (a loan for
    /// CopyOrLoan): what each rule would conclude whether or not an earlier one decided. For explanations
    /// (`illgate policy explain`); ``decide(_:)`` is what answers the peer.
    public func evaluateEveryRule(_ input: LendingInput) -> [RuleEvaluation] {
        let requested = LendingContext.requestedType(of: input.request)
        var context = LendingContext(input: input, configuration: configuration, serviceType: requested == .copy ? .copy : .loan)
        var trace: [RuleEvaluation] = []
        func record(_ rule: RuleID, _ result: RuleResult) {
            var single = LendingEvaluation(reviewStops: true)
            single.apply(rule, result)
            trace += single.trace
        }
        record(.l01, PeerRules.l01(context))
        record(.l02, PeerRules.l02(context))
        record(.l03, PeerRules.l03(context))
        for (rule, check) in Self.chain {
            record(rule, check(&context))
        }
        record(.l17, AcceptRule.l17(context))
        return trace
    }

    /// Decides a `Renew` action on one of our loans (R01–R03).
    public func decideRenewal(_ input: RenewalInput) -> RenewalDecision {
        RenewalRules.decide(input, configuration: configuration)
    }

    /// The rules that depend on the service type, in order (L04, L06, C01–C05, L07–L16).
    private static let chain: [(RuleID, @Sendable (inout LendingContext) -> RuleResult)] = [
        (.l04, { ServiceTypeRules.l04(&$0) }),
        (.l06, { RedFlagRules.l06($0) }),
        (.c01, { CopyRules.c01(&$0) }),
        (.c02, { CopyRules.c02(&$0) }),
        (.c03, { CopyRules.c03($0) }),
        (.c04, { CopyRules.c04($0) }),
        (.c05, { CopyRules.c05(&$0) }),
        (.l07, { ItemRules.l07($0) }),
        (.l08, { ItemRules.l08($0) }),
        (.l09, { ItemRules.l09(&$0) }),
        (.l10, { ItemRules.l10($0) }),
        (.l11, { TermsRules.l11($0) }),
        (.l12, { TermsRules.l12($0) }),
        (.l13, { TermsRules.l13(&$0) }),
        (.l14, { DeliveryRules.l14(&$0) }),
        (.l15, { DeliveryRules.l15($0) }),
        (.l16, { DeliveryRules.l16(&$0) }),
    ]

    /// Runs the service-type rules and L17 for the context's type, and returns the combined outcome.
    private func run(_ evaluation: inout LendingEvaluation, _ context: inout LendingContext) -> LendingOutcome {
        for (rule, check) in Self.chain {
            if let final = evaluation.final { return final }
            evaluation.apply(rule, check(&context))
        }
        if let final = evaluation.final { return final }
        if let pending = evaluation.pendingOutcome {
            evaluation.note(.l17, .skipped, "not supplied: \(pending.name) by \(pending.rule)")
            return pending
        }
        evaluation.apply(.l17, AcceptRule.l17(context))
        return evaluation.final ?? .review(LendingReview(rule: .l17, why: "No decision reached.", code: .autoResponderOff))
    }
}
