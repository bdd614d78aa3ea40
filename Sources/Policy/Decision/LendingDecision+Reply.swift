import Foundation
public import ISO18626

extension LendingDecision {
    /// The status message fields this decision puts on the wire for a peer of `edition`, or `nil` when
    /// nothing is sent (review: the request waits for staff after the confirmation).
    ///
    /// - Accept: the status (WillSupply or ExpectToSupply), the delivery method and the note. No due date:
    ///   that goes with Loaned, once the item is shipped.
    /// - Unfilled: `reasonUnfilled` and the note.
    /// - RetryPossible: `reasonRetry` and the offers. A 2021 peer gets every offer in `retryInfo`; a 2017
    ///   peer can only receive one offered cost, `retryAfter` and `retryBefore` (in `messageInfo`), so every
    ///   offer is also spelled out in the note. A reason the edition lacks is translated (LoanPossible ⇄
    ///   ReqServTypeNotPossible + `serviceType = Loan`) or left out, with the note saying it.
    ///
    /// `reasonUnfilled` and `reasonRetry` never travel together.
    public func reply(for edition: Edition) -> SupplierReply? {
        switch outcome {
        case .accept(let acceptance):
            return SupplierReply(status: acceptance.status, note: acceptance.note, deliveryMethod: acceptance.deliveryMethod)
        case .unfilled(let refusal):
            return SupplierReply(status: .unfilled, reasonUnfilled: refusal.reason, note: refusal.note)
        case .review:
            return nil
        case .retryPossible(let retry):
            var offers = retry.offers
            var reason = retry.reason
            switch edition {
            case .v2021:
                if reason?.value == ReasonRetry.loanPossible.value {
                    reason = .reqServTypeNotPossible
                    offers.serviceType = offers.serviceType ?? .loan
                }
                return SupplierReply(status: .retryPossible, reasonRetry: reason, retryInfo: offers.isEmpty ? nil : offers, note: retry.note)
            case .v1_2:
                if let code = reason?.value {
                    if code == ReasonRetry.reqServTypeNotPossible.value, offers.serviceType == .loan {
                        reason = .loanPossible
                    } else if Self.only2021Reasons.contains(code) {
                        reason = nil
                    }
                }
                var note = retry.note
                if let listed = LendingNote.offers(offers, Self.utcCalendar) {
                    note += " " + listed
                }
                let carried = RetryInfo(offeredCosts: Array(offers.offeredCosts.prefix(1)), retryBefore: offers.retryBefore, retryAfter: offers.retryAfter)
                return SupplierReply(status: .retryPossible, reasonRetry: reason, retryInfo: carried.isEmpty ? nil : carried, note: note)
            }
        }
    }

    /// Dates in the 2017 offers note are days in UTC; the exact instants travel in `messageInfo`.
    private static var utcCalendar: Calendar {
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = TimeZone(identifier: "UTC") ?? calendar.timeZone
        return calendar
    }

    /// ReasonRetry values the 2017 edition does not have.
    private static let only2021Reasons: Set<String> = [
        "CourierNotSupp", "MultiVolAvail", "MustMeetLoanCondition", "ReqEditionNotPossible", "ReqFormatNotPossible",
        "ReqPayMethodNotSupported", "ReqServLevelNotSupp", "ReqServTypeNotPossible",
    ]
}
