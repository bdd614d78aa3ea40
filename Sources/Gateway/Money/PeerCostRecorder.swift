import Foundation
import ISO18626
import Policy
import Store
import Transactions

/// As requester: records every cost a supplier states (`deliveryInfo/deliveryCosts`) against the
/// borrowing transaction, payable, and flags it when it is above what we accepted (our request's
/// `billingInfo/maximumCosts`) or in a currency we did not agree to.
struct PeerCostRecorder {
    let policy: PolicyConfiguration?
    let now: Date

    /// Records the message's costs; returns phrases for the event's detail (empty when it states none).
    func record(_ message: SupplyingAgencyMessage, on transaction: TransactionRecord, _ writer: any StoreWriter) throws -> [String] {
        let costs = message.deliveryInfo?.deliveryCosts ?? []
        guard !costs.isEmpty else { return [] }
        let accepted = try LendingBiller.receivedRequest(of: transaction, writer)?.billingInfo?.maximumCosts
        var details: [String] = []
        for cost in costs {
            let amount = Money(exactly: cost.monetaryValue, cost.currencyCode)
            let flag = Self.flag(amount, accepted: accepted, ourCurrency: policy?.lending.charges.currency)
            let status = message.statusInfo.status.map { " with \($0)" } ?? ""
            _ = try writer.insert(
                ChargeRecord(
                    transactionID: transaction.id,
                    side: .payable,
                    peerName: transaction.peerName,
                    kind: .peerCost,
                    amount: amount,
                    note: "stated by \(transaction.peerName)\(status)",
                    flag: flag,
                    createdAt: now,
                    createdBy: "peer"
                )
            )
            details.append("charge \(amount) recorded" + (flag.map { " and flagged: \($0)" } ?? ""))
        }
        return details
    }

    /// Why a stated cost needs review, or `nil` when it is within what we accepted.
    static func flag(_ amount: Money, accepted: Costs?, ourCurrency: String?) -> String? {
        guard ISO4217.isActive(amount.currency.value) else {
            return "'\(amount.currency.value)' is not an active ISO 4217 currency"
        }
        if let accepted {
            guard accepted.currencyCode.value.uppercased() == amount.currency.value else {
                return "in \(amount.currency.value), but we accepted \(accepted.currencyCode.value) (maximumCosts)"
            }
            if amount.amount > accepted.monetaryValue {
                let maximum = Money(exactly: accepted.monetaryValue, amount.currency)
                return "\(amount) is above the \(maximum) we accepted (maximumCosts)"
            }
            return nil
        }
        if let ourCurrency, ourCurrency != amount.currency.value {
            return "in \(amount.currency.value), not our currency \(ourCurrency)"
        }
        return nil
    }
}
