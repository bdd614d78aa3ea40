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
    static func itemFacts(from holdings: [HoldingRecord]) -> ItemFacts {
        guard !holdings.isEmpty else { return .notHeld }
        let ranked = holdings.sorted { rank($0) < rank($1) }
        let best = ranked[0]
        return ItemFacts(
            availability: availability(of: best),
            format: best.format,
            location: best.location,
            callNumber: best.callNumber,
            acquiredOn: best.acquiredOn,
            licence: best.licence.flatMap(ItemFacts.Licence.init(rawValue:)),
            hasLocalHold: best.hasLocalHold
        )
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
