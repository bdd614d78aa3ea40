public import Store

/// The worklists of the money ledger: what waits in charges and invoices.
public enum MoneyWorklist: String, Hashable, Sendable, CaseIterable, CustomStringConvertible {
    /// Items we borrowed that were reported lost or damaged, or closed without return, and that no lender's
    /// invoice has billed yet.
    case awaitingBill = "awaiting-bill"
    /// Lenders' invoices recorded and not yet approved (flagged ones first need a person's review).
    case invoicesToApprove = "invoices-to-approve"
    /// Our invoices still owed in part or whole.
    case unpaidInvoices = "unpaid-invoices"

    public var description: String { rawValue }

    /// What the list shows, for help texts.
    public var summary: String {
        switch self {
        case .awaitingBill: "items borrowed and lost or damaged that no lender's invoice has billed yet"
        case .invoicesToApprove: "lenders' invoices waiting for approval"
        case .unpaidInvoices: "our invoices still owed"
        }
    }
}

/// Any worklist staff can open by name: one read of the transactions, or one of the money ledger.
public enum StaffWorklist: Hashable, Sendable, CustomStringConvertible {
    case transactions(Worklist)
    case money(MoneyWorklist)

    /// The list with this name (`ship`, `unpaid-invoices`, ...), or `nil`.
    public init?(name: String) {
        if let list = Worklist(rawValue: name) {
            self = .transactions(list)
        } else if let list = MoneyWorklist(rawValue: name) {
            self = .money(list)
        } else {
            return nil
        }
    }

    /// Every list, in the order help texts show them.
    public static var all: [StaffWorklist] {
        Worklist.allCases.map(StaffWorklist.transactions) + MoneyWorklist.allCases.map(StaffWorklist.money)
    }

    /// The list's name.
    public var description: String {
        switch self {
        case .transactions(let list): list.rawValue
        case .money(let list): list.rawValue
        }
    }

    /// What the list shows.
    public var summary: String {
        switch self {
        case .transactions(let list): list.summary
        case .money(let list): list.summary
        }
    }
}
