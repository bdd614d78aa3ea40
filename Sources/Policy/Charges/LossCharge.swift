public import Foundation

/// One amount a borrower owes for an item lost or damaged, as the charges configuration prices it.
public struct LossCharge: Hashable, Sendable {
    /// What the amount is for.
    public enum Kind: String, Hashable, Sendable {
        /// The price of a replacement copy.
        case replacement
        /// Our cost of handling the loss (`lost_processing_fee`).
        case processingFee
        /// The damage to an item that came back (`damage_fee`).
        case damageFee
    }

    /// What the amount is for.
    public var kind: Kind
    /// The amount, in ``LossBilling/currency``.
    public var amount: Decimal
    /// Where the amount came from, for the invoice line and the event.
    public var basis: String

    /// Creates a charge.
    public init(kind: Kind, amount: Decimal, basis: String) {
        self.kind = kind
        self.amount = amount
        self.basis = basis
    }
}
