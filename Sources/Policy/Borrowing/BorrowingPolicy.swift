import Foundation
import ISO18626

/// The borrowing (requester) rules B01–B08: what we do with a patron's request before anything is sent.
///
/// Rules run in order and the first that holds or rejects decides; every rule leaves a
/// ``RuleEvaluation`` in the trace (rules after the deciding one as `skipped`). Copies also run the
/// copyright counting rules (K rules) inside B06 from the subject and bucket count the gateway read.
/// Trace details never carry patron names or ids. Pure: the clock is ``BorrowingInput/now``.
public struct BorrowingPolicy: Sendable {
    private let configuration: PolicyConfiguration

    /// The borrowing rules of a policy.
    public init(configuration: PolicyConfiguration) {
        self.configuration = configuration
    }

    /// Decides a patron's request.
    public func decide(_ input: BorrowingInput) -> BorrowingDecision {
        var run = BorrowingRun()
        let decided = evaluate(input, run: &run)
        let evaluated = Set(run.trace.map(\.rule))
        for rule in BorrowingRun.order where !evaluated.contains(rule) {
            run.trace.append(RuleEvaluation(rule, .skipped, "not evaluated: decided by \(decided.decidingRule)"))
        }
        return BorrowingDecision(outcome: decided.outcome, trace: run.trace, decidingRule: decided.decidingRule, code: decided.code)
    }

    // MARK: - Pipeline

    private func evaluate(_ input: BorrowingInput, run: inout BorrowingRun) -> BorrowingRun.Decided {
        let borrowing = configuration.borrowing
        let serviceType = CopyrightClassifier.effectiveServiceType(of: input.request)

        // B01: the patron type may use ILL.
        let resolved = resolvePatronType(input.patronType)
        if resolved == nil, !input.waivedRules.contains(.b01) {
            run.trace.append(RuleEvaluation(.b01, .fired, "unknown patron type and no usable default: held"))
            return .hold(.b01, "unknown patron type", .unknownPatronType)
        }
        let (typeName, patronType) = resolved ?? ("(waived)", PatronTypePolicy())
        guard patronType.ill else {
            run.trace.append(RuleEvaluation(.b01, .fired, "patron type \(typeName) may not use ILL"))
            return .reject(.b01, "invalid_user")
        }
        run.trace.append(RuleEvaluation(.b01, .passed, "patron type \(typeName) may use ILL"))

        // B02: not a duplicate.
        if let duplicate = input.history.duplicateTransactionID, !input.waivedRules.contains(.b02) {
            run.trace.append(RuleEvaluation(.b02, .fired, "same citation requested within \(borrowing.checkDuplicateHours) h (transaction \(duplicate))"))
            return .hold(.b02, "possible duplicate of transaction \(duplicate)", .duplicate)
        }
        run.trace.append(RuleEvaluation(.b02, .passed, "no duplicate within \(borrowing.checkDuplicateHours) h"))

        // B03: open requests under the patron type's limit.
        if let maxOpen = patronType.maxOpen, input.history.patronOpenRequests >= maxOpen {
            let detail = "\(input.history.patronOpenRequests) open requests, limit \(maxOpen)"
            switch borrowing.overLimitAction {
            case .hold where input.waivedRules.contains(.b03):
                run.trace.append(RuleEvaluation(.b03, .passed, "\(detail): waived by staff"))
            case .hold:
                run.trace.append(RuleEvaluation(.b03, .fired, "\(detail): held"))
                return .hold(.b03, "over_limit", .overLimit)
            case .reject:
                run.trace.append(RuleEvaluation(.b03, .fired, "\(detail): rejected"))
                return .reject(.b03, "over_limit")
            }
        } else {
            let detail = patronType.maxOpen.map { "\(input.history.patronOpenRequests) open requests, limit \($0)" } ?? "no open-request limit"
            run.trace.append(RuleEvaluation(.b03, .passed, detail))
        }

        // B04: the format is borrowable for the patron type.
        let formats = Self.formats(of: input.request)
        let notBorrowable = Set(patronType.notBorrowable.map { $0.lowercased() })
        if let format = formats.first(where: { notBorrowable.contains($0.lowercased()) }) {
            run.trace.append(RuleEvaluation(.b04, .fired, "format \(format) not borrowable for patron type \(typeName)"))
            return .reject(.b04, "format_not_borrowable")
        }
        run.trace.append(RuleEvaluation(.b04, .passed, formats.isEmpty ? "no format given" : "format \(formats.joined(separator: "/")) borrowable"))

        // B05: not available locally.
        if input.localItem.availability == .available, !input.waivedRules.contains(.b05) {
            switch borrowing.locallyAvailableAction {
            case .hold:
                run.trace.append(RuleEvaluation(.b05, .fired, "available in our own collection: held"))
                return .hold(.b05, "locally_available", .locallyAvailable)
            case .cancel:
                run.trace.append(RuleEvaluation(.b05, .fired, "available in our own collection: cancelled"))
                return .reject(.b05, "available_locally")
            }
        }
        run.trace.append(RuleEvaluation(.b05, .passed, "not available locally"))

        // B06: copyright (K rules).
        let copyright: CopyrightOutcome
        switch copyrightDecision(input.copyright, serviceType: serviceType, waived: input.waivedRules, run: &run) {
        case .decided(let outcome):
            return outcome
        case .proceed(let outcome):
            copyright = outcome
        }

        // B07: cost ceiling.
        let ceiling = costCeiling(patronType: patronType, request: input.request)
        var lenders = input.lenders
        if let ceiling, ceiling.currencyCode.value.uppercased() == configuration.lending.charges.currency.uppercased() {
            let before = lenders.count
            lenders = lenders.filter { lender in
                guard let charge = Self.charge(of: lender, for: serviceType) else { return true }
                return charge <= ceiling.monetaryValue
            }
            let dropped = before - lenders.count
            if before > 0, lenders.isEmpty, copyright.documentSupplier == nil, input.waivedRules.contains(.b07) {
                lenders = input.lenders
                run.trace.append(RuleEvaluation(.b07, .fired, "maximum cost \(ceiling); every lender charges more: waived by staff"))
            } else if before > 0, lenders.isEmpty, copyright.documentSupplier == nil {
                run.trace.append(RuleEvaluation(.b07, .fired, "every lender charges more than \(ceiling): held"))
                return .hold(.b07, "every lender charges more than the ceiling \(ceiling)", .costCeiling)
            }
            run.trace.append(RuleEvaluation(.b07, dropped > 0 ? .fired : .passed, "maximum cost \(ceiling); \(dropped) lender(s) dropped"))
        } else if let ceiling {
            run.trace.append(RuleEvaluation(.b07, .fired, "maximum cost \(ceiling) (not our currency: lenders not filtered)"))
        } else {
            run.trace.append(RuleEvaluation(.b07, .passed, "no cost ceiling"))
        }

        // A copy over the limit bought from the document supplier skips the rota.
        if let supplier = copyright.documentSupplier {
            run.trace.append(RuleEvaluation(.b08, .skipped, "routed to the document supplier"))
            let plan = BorrowingPlan(copyrightCompliance: copyright.code, ledger: copyright.ledger, maximumCosts: ceiling, rota: [supplier])
            return BorrowingRun.Decided(outcome: .orderFromDocumentSupplier(peer: supplier, plan: plan), decidingRule: .k09, code: .documentSupplier)
        }

        // B08: the rota.
        let format = input.request.serviceInfo?.itemFormat?.value
        var reasons: [String] = []
        let rota = lenders.enumerated().filter { _, lender in
            if lender.isBlocked { reasons.append("blocked"); return false }
            if let closedUntil = lender.closedUntil, closedUntil > input.now { reasons.append("closed"); return false }
            if let lends = lender.lends, !Self.lends(lends, serviceType) { reasons.append("does not lend \(serviceType.rawValue)"); return false }
            if let format, lender.formatsNotLent.contains(where: { $0.lowercased() == format.lowercased() }) {
                reasons.append("does not lend \(format)")
                return false
            }
            return true
        }
        .sorted { ($0.element.preference, $0.offset) < ($1.element.preference, $1.offset) }
        .map(\.element.name)
        let droppedDetail = reasons.isEmpty ? "" : "; dropped: " + reasons.joined(separator: ", ")
        guard !rota.isEmpty else {
            run.trace.append(RuleEvaluation(.b08, .fired, "no lender left in the rota\(droppedDetail): held"))
            return .hold(.b08, "no lender left in the rota", .emptyRota)
        }
        run.trace.append(RuleEvaluation(.b08, .passed, "rota of \(rota.count) lender(s)\(droppedDetail)"))
        let plan = BorrowingPlan(copyrightCompliance: copyright.code, ledger: copyright.ledger, maximumCosts: ceiling, rota: rota)
        return BorrowingRun.Decided(outcome: .send(plan), decidingRule: .b08, code: .send)
    }

    // MARK: - B06 and the K rules

    /// What B06 adds to the plan when it lets the request go on.
    private struct CopyrightOutcome {
        var code: String?
        var ledger: LedgerReservation?
        var documentSupplier: String?
    }

    private enum CopyrightStep {
        case proceed(CopyrightOutcome)
        case decided(BorrowingRun.Decided)
    }

    private func copyrightDecision(_ count: CopyrightCount?, serviceType: ServiceType, waived: Set<RuleID>, run: inout BorrowingRun) -> CopyrightStep {
        guard let count else {
            let why = serviceType == .loan ? "a loan is not a copy" : "no copyright counting for this request"
            run.trace.append(RuleEvaluation(.k01, .skipped, why))
            run.trace.append(RuleEvaluation(.b06, .skipped, why))
            return .proceed(CopyrightOutcome())
        }
        let counting = configuration.copyright.borrowing
        let subject = count.subject
        let isPeriodical = subject.kind == .periodical
        run.trace.append(RuleEvaluation(.k01, .passed, "\(serviceType.rawValue) request: copyright counting applies"))
        let kindDetail = subject.isPeriodicalByTitle ? "periodical (guideline 1(a)): the title matches a known periodical" : isPeriodical ? "periodical (guideline 1(a))" : "other work (guideline 1(b))"
        run.trace.append(RuleEvaluation(.k02, .passed, kindDetail))
        if !subject.invalidISSNs.isEmpty {
            run.trace.append(RuleEvaluation(.k03, .passed, "ISSN \(subject.invalidISSNs.joined(separator: ", ")) not valid (N01): ignored"))
        }

        // K04: the window (periodicals only) and K05: the exemptions.
        let publication = subject.publication.map { "published \($0)" } ?? "publication date unknown"
        if !isPeriodical {
            run.trace.append(RuleEvaluation(.k04, .skipped, "works have no publication window"))
        } else if subject.exemption == .older {
            run.trace.append(RuleEvaluation(.k04, .fired, "\(publication): older than \(counting.windowYears) years (\(counting.windowMode.rawValue))"))
        } else if subject.publication == nil {
            run.trace.append(RuleEvaluation(.k04, .passed, "\(publication): unknown_date = \(counting.unknownDate.rawValue)"))
        } else {
            run.trace.append(RuleEvaluation(.k04, .passed, "\(publication): within \(counting.windowYears) years (\(counting.windowMode.rawValue))"))
        }
        if let exemption = subject.exemption {
            if exemption != .older {
                run.trace.append(RuleEvaluation(.k05, .fired, "exempt: \(exemption.rawValue)"))
            } else {
                run.trace.append(RuleEvaluation(.k05, .fired, "exempt: older than the window"))
            }
            run.trace.append(RuleEvaluation(.b06, .fired, "US-CCL, basis \(exemption.rawValue), not counted"))
            return .proceed(CopyrightOutcome(code: "US-CCL", ledger: LedgerReservation(basis: exemption, code: "US-CCL")))
        }
        run.trace.append(RuleEvaluation(.k05, .passed, "no exemption"))

        if isPeriodical, subject.publication == nil, counting.unknownDate == .review, !waived.contains(.k04) {
            run.trace.append(RuleEvaluation(.b06, .fired, "publication date unknown: held"))
            return .decided(BorrowingRun.Decided(outcome: .hold(rule: .k04, why: "publication date unknown: cannot tell whether the copy counts"), decidingRule: .k04, code: .unknownDate))
        }
        if subject.isWeakTitle {
            if counting.weakIdentity == .review, !waived.contains(.k03) {
                run.trace.append(RuleEvaluation(.k03, .fired, "abbreviated title without ISSN or ISBN: identity uncertain"))
                run.trace.append(RuleEvaluation(.b06, .fired, "weak title identity: held"))
                return .decided(BorrowingRun.Decided(outcome: .hold(rule: .k03, why: "abbreviated title without ISSN or ISBN: identity uncertain"), decidingRule: .k03, code: .weakIdentity))
            }
            run.trace.append(RuleEvaluation(.k03, .passed, "abbreviated title without ISSN or ISBN: counted by title key"))
        }

        // K07: the bucket count; K08: under the limit; K09: on the limit.
        let limit = isPeriodical ? counting.periodicalLimit : counting.workLimit
        let code = isPeriodical ? "US-CCG" : counting.nonperiodicalCode
        run.trace.append(RuleEvaluation(.k07, .passed, "\(count.countInBucket) counted cop\(count.countInBucket == 1 ? "y" : "ies") in \(subject.requestYear)"))
        if count.countInBucket < limit {
            run.trace.append(RuleEvaluation(.k08, .fired, "\(count.countInBucket) < limit \(limit): \(code), basis guideline"))
            run.trace.append(RuleEvaluation(.b06, .fired, "\(code), basis guideline, counted"))
            return .proceed(CopyrightOutcome(code: code, ledger: LedgerReservation(basis: .guideline, code: code)))
        }
        run.trace.append(RuleEvaluation(.k08, .passed, "\(count.countInBucket) ≥ limit \(limit)"))
        if waived.contains(.k09) {
            // Staff approved the copy over the limit: it goes out with a royalty to pay.
            let estimate = counting.royaltyEstimate
            run.trace.append(RuleEvaluation(.k09, .fired, "over the limit, approved by staff: royalty estimate \(estimate)"))
            run.trace.append(RuleEvaluation(.b06, .fired, "\(code), basis royalty, counted"))
            return .proceed(CopyrightOutcome(code: code, ledger: LedgerReservation(basis: .royalty, code: code, royaltyEstimate: estimate)))
        }
        switch counting.onLimit {
        case .payRoyalty:
            let estimate = counting.royaltyEstimate
            if estimate > counting.royaltyAutoApproveMax {
                run.trace.append(RuleEvaluation(.k09, .fired, "on_limit pay_royalty: estimate \(estimate) above auto-approve \(counting.royaltyAutoApproveMax): held"))
                run.trace.append(RuleEvaluation(.b06, .fired, "royalty needs approval: held"))
                return .decided(BorrowingRun.Decided(outcome: .hold(rule: .k09, why: "copy over the limit: royalty estimate \(estimate) needs approval"), decidingRule: .k09, code: .royaltyApproval))
            }
            run.trace.append(RuleEvaluation(.k09, .fired, "on_limit pay_royalty: estimate \(estimate) auto-approved"))
            run.trace.append(RuleEvaluation(.b06, .fired, "\(code), basis royalty, counted"))
            return .proceed(CopyrightOutcome(code: code, ledger: LedgerReservation(basis: .royalty, code: code, royaltyEstimate: estimate)))
        case .documentSupplier:
            guard let supplier = counting.documentSupplier, !supplier.isEmpty else {
                run.trace.append(RuleEvaluation(.k09, .fired, "on_limit document_supplier, but none configured: held"))
                run.trace.append(RuleEvaluation(.b06, .fired, "no document supplier: held"))
                return .decided(BorrowingRun.Decided(outcome: .hold(rule: .k09, why: "copy over the limit and no document supplier configured"), decidingRule: .k09, code: .copyrightLimitReview))
            }
            run.trace.append(RuleEvaluation(.k09, .fired, "on_limit document_supplier: routed, not counted"))
            run.trace.append(RuleEvaluation(.b06, .fired, "US-CCL, basis document_supplier, not counted"))
            return .proceed(CopyrightOutcome(code: "US-CCL", ledger: LedgerReservation(basis: .documentSupplier, code: "US-CCL"), documentSupplier: supplier))
        case .review:
            run.trace.append(RuleEvaluation(.k09, .fired, "on_limit review: held"))
            run.trace.append(RuleEvaluation(.b06, .fired, "copy over the limit: held"))
            return .decided(BorrowingRun.Decided(outcome: .hold(rule: .k09, why: "copy over the limit of \(limit) for this title this year"), decidingRule: .k09, code: .copyrightLimitReview))
        case .cancel:
            run.trace.append(RuleEvaluation(.k09, .fired, "on_limit cancel: rejected"))
            run.trace.append(RuleEvaluation(.b06, .fired, "copy over the limit: rejected"))
            return .decided(BorrowingRun.Decided(outcome: .reject(rule: .k09, reason: "copyright_limit"), decidingRule: .k09, code: .copyrightLimit))
        }
    }

    // MARK: - Helpers

    /// The patron type's name and policy: the given type (case-insensitive), else the configured default.
    private func resolvePatronType(_ name: String?) -> (String, PatronTypePolicy)? {
        func lookup(_ name: String?) -> (String, PatronTypePolicy)? {
            guard let name = name?.trimmingCharacters(in: .whitespaces), !name.isEmpty else { return nil }
            if let policy = configuration.patronTypes[name] { return (name, policy) }
            let folded = name.lowercased()
            return configuration.patronTypes
                .sorted { $0.key < $1.key }
                .first { $0.key.lowercased() == folded }
                .map { ($0.key, $0.value) }
        }
        return lookup(name) ?? lookup(configuration.borrowing.defaultPatronType)
    }

    /// `billingInfo/maximumCosts` to send (B07): the patron type's ceiling in our currency, or the
    /// request's own maximum when it is lower (same currency) or when the patron type has none.
    private func costCeiling(patronType: PatronTypePolicy, request: Request) -> Costs? {
        let own = request.billingInfo?.maximumCosts
        guard let maxCost = patronType.maxCost else { return own }
        let ceiling = Costs(currencyCode: CurrencyCode(configuration.lending.charges.currency.uppercased()), monetaryValue: maxCost)
        if let own, own.currencyCode.value.uppercased() == ceiling.currencyCode.value, own.monetaryValue < maxCost {
            return own
        }
        return ceiling
    }

    /// The formats a request names: `serviceInfo/itemFormat` and `publicationInfo/publicationType`.
    static func formats(of request: Request) -> [String] {
        [request.serviceInfo?.itemFormat?.value, request.publicationInfo?.publicationType?.value]
            .compactMap { $0?.trimmingCharacters(in: .whitespaces) }
            .filter { !$0.isEmpty }
    }

    /// What a lender publishes it charges us for the service; for CopyOrLoan the lower known charge.
    static func charge(of lender: PeerProfile, for serviceType: ServiceType) -> Decimal? {
        switch serviceType {
        case .copy: lender.copyCharge
        case .loan: lender.loanCharge
        case .copyOrLoan: [lender.copyCharge, lender.loanCharge].compactMap { $0 }.min()
        }
    }

    /// Whether a lender that lends `lends` can serve a request of `serviceType`.
    static func lends(_ lends: [ServiceType], _ serviceType: ServiceType) -> Bool {
        switch serviceType {
        case .copyOrLoan: !lends.isEmpty
        case .copy, .loan: lends.contains(serviceType) || lends.contains(.copyOrLoan)
        }
    }
}
