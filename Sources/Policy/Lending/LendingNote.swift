import Foundation
import ISO18626

/// The notes the lending rules send: a stable `[illgate:<tag>]` prefix a peer's software can match, then a
/// short sentence for its staff. Never patron data.
enum LendingNote {
    /// `[illgate:<code>] <text>`.
    static func make(_ code: ReasonCode, _ text: String) -> String {
        "\(code.notePrefix) \(text)"
    }

    /// A day as `YYYY-MM-DD` in the library's calendar.
    static func day(_ date: Date, _ calendar: Calendar) -> String {
        CalendarDay(date, in: calendar).description
    }

    /// An amount as `15.00 USD`.
    static func money(_ costs: Costs) -> String {
        "\(amount(costs.monetaryValue)) \(costs.currencyCode.value)"
    }

    /// A decimal with at least two fraction digits, without locale grouping.
    static func amount(_ value: Decimal) -> String {
        var rounded = Decimal()
        var input = value
        NSDecimalRound(&rounded, &input, 2, .plain)
        let text = "\(rounded)"
        guard let dot = text.firstIndex(of: ".") else { return text + ".00" }
        let fraction = text[text.index(after: dot)...].count
        return fraction >= 2 ? text : text + String(repeating: "0", count: 2 - fraction)
    }

    /// Every offer of a merged retry, spelled out: what a 2017 peer can only read in the note.
    static func offers(_ offers: RetryInfo, _ calendar: Calendar) -> String? {
        var parts: [String] = []
        if let serviceType = offers.serviceType { parts.append("service type \(serviceType.rawValue)") }
        if !offers.deliveryMethod.isEmpty { parts.append("delivery by \(offers.deliveryMethod.map(\.value).joined(separator: ", "))") }
        if !offers.offeredCosts.isEmpty { parts.append("cost \(offers.offeredCosts.map(money).joined(separator: " or "))") }
        if !offers.paymentMethod.isEmpty { parts.append("payment by \(offers.paymentMethod.map(\.value).joined(separator: ", "))") }
        if !offers.serviceLevel.isEmpty { parts.append("service level \(offers.serviceLevel.map(\.value).joined(separator: ", "))") }
        if !offers.itemFormat.isEmpty { parts.append("format \(offers.itemFormat.map(\.value).joined(separator: ", "))") }
        if !offers.edition.isEmpty { parts.append("edition \(offers.edition.joined(separator: ", "))") }
        if !offers.loanCondition.isEmpty { parts.append("loan conditions \(offers.loanCondition.map(\.value).joined(separator: ", "))") }
        if !offers.volume.isEmpty { parts.append("volumes \(offers.volume.joined(separator: ", "))") }
        if let after = offers.retryAfter { parts.append("retry after \(day(after, calendar))") }
        if let before = offers.retryBefore { parts.append("retry before \(day(before, calendar))") }
        guard !parts.isEmpty else { return nil }
        return make(.offers, parts.joined(separator: "; ") + ".")
    }
}
