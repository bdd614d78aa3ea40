import Foundation
import ISO18626

/// L07–L10: what our holdings say about the item, its embargo and licence, and the peer's loan quota.
enum ItemRules {
    /// L07: item facts: held, on the shelf, circulating, the item's own loan and copy permissions, the
    /// format, the licence, its condition and where it is.
    static func l07(_ context: LendingContext) -> RuleResult {
        let item = context.input.item
        switch item.availability {
        case .notHeld:
            return .unfilled(.notHeld, note: LendingNote.make(.notHeld, "We do not hold this item."), detail: "not held")
        case .missing, .lost:
            return .unfilled(.notOnShelf, note: LendingNote.make(.notOnShelf, "The item is missing from our shelves."), detail: "item missing or lost")
        case .nonCirculating where context.isLoan:
            return .unfilled(.nonCirculating, note: LendingNote.make(.nonCirculating, "The item does not circulate."), detail: "non-circulating item, loan refused")
        default:
            break
        }
        if context.isLoan, item.loansAllowed == false {
            return .unfilled(.notAvailableForILL, note: LendingNote.make(.loansNotAllowed, "This item is not lent through interlibrary loan."), detail: "item facts: loans not allowed")
        }
        if context.isCopy, item.copiesAllowed == false {
            return .unfilled(.notAvailableForILL, note: LendingNote.make(.copiesNotAllowed, "This item is not copied for interlibrary loan."), detail: "item facts: copies not allowed")
        }
        let formats = [item.format, context.request.serviceInfo?.itemFormat?.value].compactMap { $0 }
        if let format = formats.first(where: { context.lending.formatsNotLent.lendingContains($0) }) {
            return .unfilled(.notAvailableForILL, note: LendingNote.make(.formatNotLent, "We do not lend \(format) through ILL."), detail: "format \(format) in formats_not_lent")
        }
        if item.licence == .notPermitted {
            return .unfilled(.notAvailableForILL, note: LendingNote.make(.licence, "Our licence for this item does not permit interlibrary loan."), detail: "licence does not permit ILL")
        }
        switch item.availability {
        case .poorCondition:
            return .unfilled(.poorCondition, note: LendingNote.make(.poorCondition, "The item is too fragile to send."), detail: "poor condition")
        case .citationMismatch:
            return .retry(.notFoundAsCited, offers: RetryInfo(), note: LendingNote.make(.notFoundAsCited, "Our holding does not match the citation; please check volume, year and pages."), detail: "citation mismatch")
        case .onLoan(let due):
            return .retry(.onLoan, offers: RetryInfo(retryAfter: due), note: LendingNote.make(.onLoan, "The item is on loan" + until(due, context) + "."), detail: "on loan" + until(due, context))
        case .atBindery(let until):
            return .retry(.atBindery, offers: RetryInfo(retryAfter: until), note: LendingNote.make(.atBindery, "The item is at the bindery" + self.until(until, context) + "."), detail: "at bindery" + self.until(until, context))
        case .onOrder(let expected):
            return .retry(.onOrder, offers: RetryInfo(retryAfter: expected), note: LendingNote.make(.onOrder, "The item is on order" + until(expected, context) + "."), detail: "on order" + until(expected, context))
        case .nonCirculating:
            return .passed("non-circulating item: a copy is fine")
        case .available, .notHeld, .missing, .lost:
            return .passed("item available")
        }
    }

    private static func until(_ date: Date?, _ context: LendingContext) -> String {
        date.map { " until \(LendingNote.day($0, context.calendar))" } ?? ""
    }

    /// L08: new material is not lent for `new_material_embargo_days` after acquisition (or, when that is
    /// unknown, after the latest day the publication date can mean). Loans only: copies are not embargoed.
    static func l08(_ context: LendingContext) -> RuleResult {
        let days = context.lending.newMaterialEmbargoDays
        guard days > 0 else { return .skipped("no embargo configured") }
        guard context.isLoan else { return .skipped("copy: no new-material embargo") }
        let end: Date
        let source: String
        if let acquired = context.input.item.acquiredOn {
            end = context.adding(days: days, to: acquired)
            source = "acquired \(LendingNote.day(acquired, context.calendar))"
        } else if let publication = context.publication, let start = context.start(of: publication.latest) {
            end = context.adding(days: days, to: start)
            source = "published \(publication)"
        } else {
            return .passed("no acquisition or publication date")
        }
        guard context.input.receivedAt < end else { return .passed("\(source): embargo over") }
        let day = LendingNote.day(end, context.calendar)
        return .retry(
            .notCurrentAvailableForILL,
            offers: RetryInfo(retryAfter: end),
            note: LendingNote.make(.newMaterial, "New material is not lent until \(day)."),
            detail: "\(source): embargoed until \(day)"
        )
    }

    /// L09: licence terms of an electronic holding. Print-only restricts delivery to physical methods;
    /// domestic-only compares the peer's country with ours (from the ISIL we were addressed as);
    /// not-permitted is refused in L07.
    static func l09(_ context: inout LendingContext) -> RuleResult {
        switch context.input.item.licence {
        case nil:
            return .skipped("no licence terms")
        case .permitted:
            return .passed("licence permits ILL")
        case .notPermitted:
            return .passed("licence refusal is L07's")
        case .printOnly:
            context.physicalOnlyBecause.append("the licence allows print delivery only")
            return .noted("print-only licence: delivery restricted to physical")
        case .domesticOnly:
            let ours = context.request.header.supplyingAgencyID.flatMap { PeerProfile(name: "", agencyIDs: [$0.description]).effectiveCountry }
            guard let ours, let theirs = context.peer.effectiveCountry else {
                return .review(why: "Domestic-only licence and a country we cannot determine.", reasonIfTimedOut: .notAvailableForILL, code: .licenceCountryUnknown, detail: "domestic-only licence, country unknown: review")
            }
            guard ours.lendingMatches(theirs) else {
                return .unfilled(.notAvailableForILL, note: LendingNote.make(.licence, "Our licence for this item allows supply within \(ours) only."), detail: "domestic-only licence: peer in \(theirs), we are in \(ours)")
            }
            return .passed("domestic-only licence: peer in \(ours)")
        }
    }

    /// L10: open loans to this peer stay under `max_open_loans_per_peer`.
    static func l10(_ context: LendingContext) -> RuleResult {
        guard context.isLoan else { return .skipped("copy: no loan quota") }
        guard let maximum = context.lending.maxOpenLoansPerPeer else { return .skipped("no loan quota") }
        let open = context.input.history.openLoansToPeer
        guard open >= maximum else { return .passed("\(open) open loans < \(maximum)") }
        let detail = "\(open) open loans, quota \(maximum)"
        switch context.lending.quotaAction {
        case .unfilled:
            return .unfilled(.policyProblem, note: LendingNote.make(.loanQuota, "Your library has reached its limit of \(maximum) open loans from us."), detail: detail)
        case .retry:
            return .retry(.notCurrentAvailableForILL, offers: RetryInfo(), note: LendingNote.make(.loanQuota, "Your library has reached its limit of \(maximum) open loans from us; please retry when some are returned."), detail: detail)
        }
    }
}
