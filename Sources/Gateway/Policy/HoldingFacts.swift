import Foundation
import ISO18626
import Policy
import Store

/// Looks a request's item up in our holdings and turns the copies found into the policy's item facts.
struct HoldingFacts {
    /// What a request is looked up by: its ISBNs (as ISBN-13), ISSNs, OCLC numbers and title key.
    static func lookup(for request: Request) -> HoldingLookup {
        let info = request.bibliographicInfo
        var isbns: [String] = []
        var issns: [String] = []
        for item in info.bibliographicItemID {
            let code = item.code.value.uppercased().replacingOccurrences(of: "-", with: "")
            if code.contains("ISSN") {
                if let issn = ISSN(item.identifier) { issns.append(issn.canonical) }
            } else if code.contains("ISBN") {
                if let isbn = ISBN.isbn13(item.identifier) { isbns.append(isbn) }
            }
        }
        let oclc = info.bibliographicRecordID
            .filter { $0.code.value.uppercased().hasPrefix("OCLC") }
            .map { $0.identifier.filter(\.isNumber) }
            .filter { !$0.isEmpty }
        let title = info.title ?? ""
        return HoldingLookup(isbns: isbns, issns: issns, oclcNumbers: oclc, titleKey: title.isEmpty ? nil : TitleKey.make(title))
    }

    /// The best copy's facts: an available copy first, then the one back soonest, then anything else.
    /// For a plain loan (copy) request only copies that may be lent (copied) are ranked, when there are
    /// any: an available copy that may not be lent does not hide one that may, out on loan. Loans (copies)
    /// are not allowed only when every copy says so; the periodical class is the best copy's, else the
    /// first one stated.
    static func itemFacts(from holdings: [HoldingRecord], serving serviceType: ServiceType? = nil) -> ItemFacts {
        guard !holdings.isEmpty else { return .notHeld }
        let usable: [HoldingRecord]
        switch serviceType {
        case .loan: usable = holdings.filter { $0.loanAllowed != false }
        case .copy: usable = holdings.filter { $0.copyAllowed != false }
        case .copyOrLoan, nil: usable = []
        }
        let ranked = (usable.isEmpty ? holdings : usable).sorted { rank($0) < rank($1) }
        let best = ranked[0]
        let periodicalClass = (best.periodicalClass.map { [$0] } ?? []) + ranked.compactMap(\.periodicalClass)
        return ItemFacts(
            availability: availability(of: best),
            format: best.format,
            location: best.location,
            callNumber: best.callNumber,
            acquiredOn: best.acquiredOn,
            licence: best.licence.flatMap(ItemFacts.Licence.init(rawValue:)),
            periodicalClass: periodicalClass.lazy.compactMap { ItemFacts.PeriodicalClass(rawValue: $0) }.first,
            hasLocalHold: best.hasLocalHold,
            loansAllowed: permission(holdings.map(\.loanAllowed)),
            copiesAllowed: permission(holdings.map(\.copyAllowed))
        )
    }

    /// `true` when any copy allows it, `false` when every copy forbids it, else `nil` (not stated).
    private static func permission(_ values: [Bool?]) -> Bool? {
        if values.contains(true) { return true }
        if !values.isEmpty, values.allSatisfy({ $0 == false }) { return false }
        return nil
    }

    private static func rank(_ holding: HoldingRecord) -> (Int, Double) {
        let order: [HoldingRecord.Status] = [.available, .onLoan, .atBindery, .onOrder, .nonCirculating, .poorCondition, .missing, .lost]
        return (order.firstIndex(of: holding.status) ?? order.count, holding.dueDate?.timeIntervalSince1970 ?? 0)
    }

    private static func availability(of holding: HoldingRecord) -> ItemFacts.Availability {
        switch holding.status {
        case .available: .available
        case .onLoan: .onLoan(due: holding.dueDate)
        case .missing: .missing
        case .lost: .lost
        case .nonCirculating: .nonCirculating
        case .atBindery: .atBindery(until: holding.dueDate)
        case .onOrder: .onOrder(expected: holding.dueDate)
        case .poorCondition: .poorCondition
        }
    }
}
