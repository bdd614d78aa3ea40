import Foundation
import ISO18626

/// C01–C05: the copyright checks of a copy we are asked to make (policy reference §1.7–§1.11, §5.3).
/// The supplier relies on the borrower's representation and never counts for it.
enum CopyRules {
    /// Codes that lift the proportion limit: the fee-paid route, AU s.50(7A)/(7B) and s.183.
    static let scopeLiftingCodes = ["UK-CopyRFeePaid", "AU-CopyrightActS50-7A", "AU-CopyrightActS50-7B", "AU-CopyRCatS183ComW", "AU-CopyRCatS183State"]

    /// Why the copyright rules do not run, or `nil` when they do.
    private static func skipReason(_ context: LendingContext) -> String? {
        if !context.isCopy { return "loan: no copyright checks (first sale)" }
        if context.offeredInsteadOf != nil { return "copy offered instead of a loan: the declaration comes with the retry" }
        if context.copyright.regime == .none { return "copyright regime none" }
        return nil
    }

    /// What a missing or unrecognised declaration gets (`on_missing_declaration`).
    private static func missing(_ context: inout LendingContext, code: ReasonCode, problem: String) -> RuleResult {
        let text = "Copy requests need a recognised serviceInfo/copyrightCompliance (e.g. \(context.copyright.acceptedCodes.prefix(2).joined(separator: " or "))). Please send a new request."
        switch context.copyright.onMissingDeclaration {
        case .review:
            return .review(why: problem.capitalisedFirst + ".", reasonIfTimedOut: .policyProblem, code: code, detail: problem + ": review")
        case .unfilled:
            return .unfilled(.policyProblem, note: LendingNote.make(code, text), detail: problem + ": unfilled")
        case .assume:
            guard !context.declarationAssumed, let assumed = context.peer.copyrightAssume, !assumed.lendingTrimmed.isEmpty else {
                return .review(why: problem.capitalisedFirst + ", and no declaration to assume for this peer.", reasonIfTimedOut: .policyProblem, code: code, detail: problem + ": nothing to assume, review")
            }
            context.declaration = assumed.lendingTrimmed
            context.declarationAssumed = true
            return .noted(problem + ": assumed \(assumed.lendingTrimmed) (peer copyright_assume)")
        }
    }

    /// C01: a declaration is present.
    static func c01(_ context: inout LendingContext) -> RuleResult {
        if let skip = skipReason(context) { return .skipped(skip) }
        let raw = context.request.serviceInfo?.copyrightCompliance?.value.lendingTrimmed ?? ""
        guard raw.isEmpty else {
            context.declaration = raw
            return .passed("declaration present")
        }
        // A retry changes the terms, not the representation: the one the replaced request made stands.
        if let replaced = context.input.replacing, let earlier = replaced.copyrightCompliance?.lendingTrimmed, !earlier.isEmpty {
            context.declaration = earlier
            return .passed("declaration \(earlier) carried over from the request this retry replaces (transaction \(replaced.transactionID))")
        }
        return missing(&context, code: .copyrightDeclarationMissing, problem: "no copyright declaration")
    }

    /// C02: the declaration is recognised and accepted from this peer.
    static func c02(_ context: inout LendingContext) -> RuleResult {
        if let skip = skipReason(context) { return .skipped(skip) }
        guard let declaration = context.declaration else { return .skipped("no declaration to check") }
        var result = CopyrightCodeNormaliser.normalise(declaration, configuration: context.copyright)
        var assumedDetail = ""
        if case .unrecognised(let cleaned) = result {
            let shown = String(cleaned.prefix(40))
            if context.declarationAssumed {
                return .review(why: "The assumed declaration \(shown) is not recognised.", reasonIfTimedOut: .policyProblem, code: .copyrightDeclarationUnrecognised, detail: "assumed declaration \(shown) not recognised: review")
            }
            let outcome = missing(&context, code: .copyrightDeclarationUnrecognised, problem: "copyright declaration \"\(shown)\" not recognised")
            guard context.declarationAssumed, let assumed = context.declaration else { return outcome }
            result = CopyrightCodeNormaliser.normalise(assumed, configuration: context.copyright)
            guard result.code != nil else {
                return .review(why: "The assumed declaration is not recognised either.", reasonIfTimedOut: .policyProblem, code: .copyrightDeclarationUnrecognised, detail: "declaration \"\(shown)\" and the assumed one not recognised: review")
            }
            assumedDetail = " (assumed for unrecognised \"\(shown)\")"
        }
        guard let code = result.code else { return .skipped("no declaration to check") }
        context.copyrightCode = code
        if accepted(context).lendingContains(code) {
            if code == "US-CCG", let mislabel = oldArticleNote(context) {
                return .passed("\(code) accepted\(assumedDetail); \(mislabel)")
            }
            return .passed("\(code) accepted\(assumedDetail)")
        }
        if code == "Other" {
            return .review(why: "Declaration Other: staff read serviceInfo/note.", reasonIfTimedOut: .policyProblem, code: .copyrightDeclarationNotAccepted, detail: "declaration Other not accepted for this peer: review")
        }
        return .review(why: "Declaration \(code) is not one we accept from this library.", reasonIfTimedOut: .policyProblem, code: .copyrightDeclarationNotAccepted, detail: "declaration \(code) not accepted for this peer: review")
    }

    /// The codes accepted from this peer: `accepted_codes` ∪ `foreign_codes[country]` ∪ the peer's own.
    static func accepted(_ context: LendingContext) -> [String] {
        let copyright = context.copyright
        var codes = copyright.acceptedCodes + context.peer.acceptedCopyrightCodes
        if let country = context.peer.effectiveCountry {
            for (key, value) in copyright.foreignCodes where key.lendingMatches(country) { codes += value }
        }
        return codes.map { CopyrightCodeNormaliser.normalise($0, configuration: copyright).code ?? CopyrightCodeNormaliser.clean($0) }
    }

    /// T38: a US-CCG on a periodical article published more than five years before the request is a
    /// harmless mislabel, accepted and noted in the trace.
    private static func oldArticleNote(_ context: LendingContext) -> String? {
        guard context.isPeriodical, let publication = context.publication,
              let fiveYearsAgo = context.calendar.date(byAdding: .year, value: -5, to: context.input.receivedAt)
        else { return nil }
        guard publication.latest < CalendarDay(fiveYearsAgo, in: context.calendar) else { return nil }
        return "published \(publication) (more than 5 years ago): US-CCL would fit, accepted as sent"
    }

    /// C03: not a work type excluded from library copying (108(i)).
    static func c03(_ context: LendingContext) -> RuleResult {
        if let skip = skipReason(context) { return .skipped(skip) }
        guard let type = context.request.publicationInfo?.publicationType?.value, context.copyright.excludedCopyTypes.lendingContains(type) else {
            return .passed("work type not excluded")
        }
        return .review(why: "Copies of \(type) are not made automatically (excluded work type).", reasonIfTimedOut: .policyProblem, code: .excludedWorkType, detail: "excluded work type \(type): review")
    }

    /// C04: scope. A whole work → review; pages over `max_copy_pages` → Unfilled (review when only
    /// `estimatedNoPages` says so); over the regime's reasonable proportion → review unless the code lifts it;
    /// UK: anything but a single periodical article → review (s.41). The page limit is our lending policy
    /// and applies under every regime.
    static func c04(_ context: LendingContext) -> RuleResult {
        if !context.isCopy { return .skipped("loan: no copy scope") }
        if context.offeredInsteadOf != nil { return .skipped("copy offered instead of a loan: scope checked on the retry") }
        let copyrightApplies = context.copyright.regime != .none
        let bibliographic = context.request.bibliographicInfo
        let component = !(bibliographic.titleOfComponent ?? "").lendingTrimmed.isEmpty
        let pages = (bibliographic.pagesRequested ?? "").lendingTrimmed
        let estimated = estimatedPages(bibliographic.estimatedNoPages)
        let type = context.request.publicationInfo?.publicationType?.value
        let partType = type.map { ["Article", "Chapter"].lendingContains($0) } ?? false
        if copyrightApplies, !component, pages.isEmpty, !partType {
            return .review(why: "The copy looks like a whole work (no component title, no pages).", reasonIfTimedOut: .policyProblem, code: .wholeWork, detail: "whole work (108(e)): review")
        }
        let section41 = copyrightApplies && context.copyright.regime == .uk ? ukSection41(context, component: component, partType: type) : nil
        let maximum = context.lending.maxCopyPages
        guard !pages.isEmpty else {
            if let estimated, let maximum, estimated > maximum {
                return .review(why: "Only estimatedNoPages (\(estimated)) is given, above the \(maximum)-page limit.", reasonIfTimedOut: .policyProblem, code: .copyPageLimit, detail: "estimatedNoPages \(estimated) > \(maximum): review")
            }
            return section41 ?? .passed("no pages given; within limits")
        }
        guard let count = PageCount.parse(pages) else {
            return section41 ?? .passed("pages not countable; no page check")
        }
        if let maximum, count > maximum {
            return .unfilled(
                .policyProblem,
                note: LendingNote.make(.copyPageLimit, "Copies are limited to \(maximum) pages; \(count) were requested."),
                detail: "\(count) pages > max_copy_pages \(maximum)"
            )
        }
        let proportionRegimes: [CopyrightConfiguration.Regime] = [.uk, .au, .ca, .nz]
        if proportionRegimes.contains(context.copyright.regime), !context.isPeriodical, !component,
           let total = estimated, total > 0,
           count * 100 > total * context.copyright.reasonableProportionPercent {
            if let code = context.copyrightCode, scopeLiftingCodes.lendingContains(code) {
                return .passed("\(count) of \(total) pages: over the reasonable proportion, lifted by \(code)")
            }
            return .review(
                why: "\(count) of \(total) pages is more than a reasonable proportion (\(context.copyright.reasonableProportionPercent)% or one chapter).",
                reasonIfTimedOut: .policyProblem,
                code: .reasonableProportion,
                detail: "\(count) of \(total) pages > \(context.copyright.reasonableProportionPercent)%: review"
            )
        }
        return section41 ?? .passed("\(count) pages within limits")
    }

    /// UK s.41 (CDPA 1988, library to library): except for a single periodical article, a library may copy
    /// for another library only if it does not know and cannot reasonably find out who can authorise the
    /// copying. Nothing in a request establishes that, so such a copy goes to staff (C04), never out
    /// unasked. A `UK-CopyRFeePaid` copy is made under the fee-paid route, with the copying authorised, so
    /// s.41 does not apply to it. Returns `nil` when the copy may go on.
    private static func ukSection41(_ context: LendingContext, component: Bool, partType type: String?) -> RuleResult? {
        if let code = context.copyrightCode, code.lendingMatches("UK-CopyRFeePaid") { return nil }
        let isArticle = component || (type.map { "Article".lendingMatches($0) } ?? false)
        if context.isPeriodical, isArticle { return nil }
        return .review(
            why: "UK s.41: a library-to-library copy of anything but a single periodical article needs staff to establish that the rights holder cannot reasonably be found.",
            reasonIfTimedOut: .policyProblem,
            code: .ukSection41,
            detail: "UK s.41: not a single periodical article, the condition cannot be established from the request: review"
        )
    }

    /// The leading number of `estimatedNoPages` (`650`, `650 p.`), or `nil`.
    static func estimatedPages(_ raw: String?) -> Int? {
        let digits = (raw ?? "").lendingTrimmed.prefix(while: \.isNumber)
        guard !digits.isEmpty, digits.count <= 7 else { return nil }
        return Int(digits)
    }

    /// C05: regime extras. Canada: a general-class periodical must be more than a year old, and
    /// electronic delivery needs `digital_measures`.
    static func c05(_ context: inout LendingContext) -> RuleResult {
        if let skip = skipReason(context) { return .skipped(skip) }
        guard context.copyright.regime == .ca else { return .skipped("no regime extras for \(context.copyright.regime.rawValue)") }
        if context.isPeriodical, context.input.item.periodicalClass == .general {
            guard let publication = context.publication else {
                return .review(why: "General-class periodical with an unknown publication date (s.30.2(2)(b)).", reasonIfTimedOut: .policyProblem, code: .caGeneralPeriodical, detail: "CA general periodical, date unknown: review")
            }
            let yearAgo = context.calendar.date(byAdding: .year, value: -1, to: context.input.receivedAt) ?? context.input.receivedAt
            if publication.latest > CalendarDay(yearAgo, in: context.calendar) {
                return .unfilled(
                    .policyProblem,
                    note: LendingNote.make(.caGeneralPeriodical, "Articles from general periodicals can be copied only when published more than one year ago."),
                    detail: "CA general periodical published \(publication), less than one year ago"
                )
            }
        }
        guard !context.copyright.digitalMeasures else { return .passed("CA: digital measures in place") }
        context.physicalOnlyBecause.append("Canadian s.30.2(5.02) digital measures are not in place")
        return .noted("CA without digital measures: delivery restricted to physical")
    }
}

extension String {
    /// The string with its first letter uppercased.
    fileprivate var capitalisedFirst: String {
        guard let first else { return self }
        return first.uppercased() + dropFirst()
    }
}
