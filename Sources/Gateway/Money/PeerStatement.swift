public import Foundation
public import ISO18626

/// What one peer and we owe each other: as lender, our invoices with what is still owed on each and the
/// charges not yet invoiced; as borrower, the lender's invoices to us and whether they went for payment.
public struct PeerStatement: Hashable, Sendable {
    /// One line of the statement.
    public struct Line: Hashable, Sendable {
        public var date: Date
        /// `invoice`, `credit note`, `payment`, `void`, `received invoice`, `approved`, `exported`.
        public var entry: String
        public var reference: String
        /// Signed: what it adds to (or takes from) the balance; zero for an informational line.
        public var amount: Money
    }

    public var peerName: String
    public var currency: CurrencyCode
    /// As lender: invoices, credit notes and payments, by date.
    public var receivable: [Line]
    /// What the peer still owes on issued invoices.
    public var receivableOutstanding: Money
    /// Charges recorded but not yet invoiced.
    public var notYetInvoiced: Money
    /// As borrower: the peer's invoices to us.
    public var payable: [Line]
    /// What we still owe on the peer's invoices (not yet approved and exported for payment).
    public var payableOutstanding: Money
}
