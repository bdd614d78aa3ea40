public import Foundation
public import ISO18626

/// One entry of a transaction's charges ledger. Entries are never changed or deleted: an adjustment or a
/// waiver is a new entry that points at the charge it changes (``adjusts``), and a charge's balance is its
/// amount plus theirs.
public struct ChargeRecord: Hashable, Sendable {
    /// Who owes whom.
    public enum Side: String, Hashable, Sendable, CaseIterable {
        /// The peer owes us: we lent (we invoice it).
        case receivable
        /// We owe the peer: we borrowed (the peer invoices us).
        case payable
    }

    /// What the amount is for.
    public enum Kind: String, Hashable, Sendable, CaseIterable {
        case loanFee, copyFee, replacement, processingFee, damageFee
        /// What the peer stated in `deliveryCosts` (or `offeredCosts`).
        case peerCost
        /// Anything else staff add.
        case other
        /// A change to an earlier charge (signed).
        case adjustment
        /// Takes what is left of an earlier charge back to zero.
        case waiver
    }

    public var id: Int64
    public var transactionID: Int64
    public var side: Side
    public var peerName: String
    public var kind: Kind
    /// Signed for adjustments and waivers; zero or more otherwise.
    public var amount: Money
    /// The charge this entry changes (adjustments and waivers).
    public var adjusts: Int64?
    /// Where the amount came from, or why it changed.
    public var note: String?
    /// Why the charge needs a person to look at it (above what we accepted, another currency), if it does.
    public var flag: String?
    public var createdAt: Date
    /// `staff`, `system` or `peer`, with the staff member's name when known.
    public var createdBy: String

    public init(
        id: Int64 = 0,
        transactionID: Int64,
        side: Side,
        peerName: String,
        kind: Kind,
        amount: Money,
        adjusts: Int64? = nil,
        note: String? = nil,
        flag: String? = nil,
        createdAt: Date,
        createdBy: String
    ) {
        self.id = id
        self.transactionID = transactionID
        self.side = side
        self.peerName = peerName
        self.kind = kind
        self.amount = amount
        self.adjusts = adjusts
        self.note = note
        self.flag = flag
        self.createdAt = createdAt
        self.createdBy = createdBy
    }
}
