public import Foundation
public import ISO18626
public import Transactions

/// One amount of money that moved between us and a peer, for the activity report's "billed" and "paid"
/// columns: as lender (role `.supplier`), an invoice or credit note we issued, or a payment we received for
/// one; as borrower (role `.requester`), a lender's invoice we recorded, or one we approved for payment.
public struct MoneyActivityRecord: Hashable, Sendable {
    /// Whether the amount was billed or paid.
    public enum Kind: String, Hashable, Sendable {
        /// An invoice's total (negative for a credit note), on the day it is dated.
        case billed
        /// A payment we received (lending), or a lender's invoice approved for payment (borrowing).
        case paid
    }

    /// Our side of the loans the amount is for.
    public var role: TransactionRole
    public var peerName: String
    public var kind: Kind
    public var amount: Money
    /// The day it is dated: the invoice date, the day the payment was received, or when it was approved.
    public var at: Date

    public init(role: TransactionRole, peerName: String, kind: Kind, amount: Money, at: Date) {
        self.role = role
        self.peerName = peerName
        self.kind = kind
        self.amount = amount
        self.at = at
    }
}
