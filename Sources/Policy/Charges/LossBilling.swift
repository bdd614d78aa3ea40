public import Foundation

/// Prices a lost or damaged loan (pure): the item's own replacement price when the holdings file gives one,
/// else the default for its material type, else the overall default; plus the processing fee for a loss,
/// or the damage fee for damage. Zero amounts are left out.
public struct LossBilling: Sendable {
    /// The charges configuration.
    public var charges: LendingCharges

    /// Creates a pricer.
    public init(charges: LendingCharges) {
        self.charges = charges
    }

    /// The currency every amount is in.
    public var currency: String { charges.currency }

    /// What a lost item costs the borrower.
    /// - Parameters:
    ///   - itemPrice: the holding's own replacement price, when it has one in our currency.
    ///   - materialType: the holding's format (`Book`, `DVD`, ...), if known.
    public func lost(itemPrice: Decimal?, materialType: String?) -> [LossCharge] {
        var lines: [LossCharge] = []
        if let itemPrice {
            lines.append(LossCharge(kind: .replacement, amount: itemPrice, basis: "the item's replacement price"))
        } else if let type = materialType?.lowercased(), let price = charges.replacementCosts[type] {
            lines.append(LossCharge(kind: .replacement, amount: price, basis: "the replacement cost of a \(type)"))
        } else {
            lines.append(LossCharge(kind: .replacement, amount: charges.defaultReplacementCost, basis: "the default replacement cost"))
        }
        lines.append(LossCharge(kind: .processingFee, amount: charges.lostProcessingFee, basis: "lost item processing fee"))
        return lines.filter { $0.amount > 0 }
    }

    /// What an item that came back damaged costs the borrower.
    public func damaged() -> [LossCharge] {
        [LossCharge(kind: .damageFee, amount: charges.damageFee, basis: "damage fee")].filter { $0.amount > 0 }
    }

    /// Whether a loan due at `dueDate` is long enough overdue at `now` to be billed as lost.
    public static func isLongOverdue(dueDate: Date, now: Date, afterDays days: Int?) -> Bool {
        guard let days else { return false }
        return now.timeIntervalSince(dueDate) >= Double(days) * 86_400
    }
}
