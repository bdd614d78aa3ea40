public import Foundation
public import Gateway
public import ISO18626
import Store

/// An amount in the admin API's JSON: the exact decimal as a string, never a JSON number.
public struct AdminAmount: Codable, Sendable, Equatable, CustomStringConvertible {
    public var amount: String
    public var currency: String

    public init(_ money: Money) {
        amount = money.formattedAmount
        currency = money.currency.value
    }

    public var description: String { "\(amount) \(currency)" }
}

/// A charge with its balance and changes.
public struct AdminCharge: Codable, Sendable, Equatable {
    public var id: Int64
    public var transactionId: Int64
    public var side: String
    public var peer: String
    public var kind: String
    public var amount: AdminAmount
    public var balance: AdminAmount
    public var note: String?
    public var flag: String?
    public var invoice: String?
    public var createdAt: String
    public var changes: [AdminChargeChange]

    public init(_ balance: Gateway.ChargeBalance) {
        let charge = balance.charge
        id = charge.id
        transactionId = charge.transactionID
        side = charge.side.rawValue
        peer = charge.peerName
        kind = charge.kind.rawValue
        amount = AdminAmount(charge.amount)
        self.balance = AdminAmount(balance.balance)
        note = charge.note
        flag = charge.flag
        invoice = balance.invoiceNumber
        createdAt = TimestampFormat.format(charge.createdAt)
        changes = balance.changes.map(AdminChargeChange.init)
    }
}

/// An adjustment or waiver of a charge.
public struct AdminChargeChange: Codable, Sendable, Equatable {
    public var id: Int64
    public var kind: String
    public var amount: AdminAmount
    public var reason: String?
    public var by: String
    public var at: String

    init(_ entry: ChargeRecord) {
        id = entry.id
        kind = entry.kind.rawValue
        amount = AdminAmount(entry.amount)
        reason = entry.note
        by = entry.createdBy
        at = TimestampFormat.format(entry.createdAt)
    }
}

/// `POST /v1/transactions/{id}/charges`, `/v1/charges/{id}/adjust`, `/v1/charges/{id}/waive`.
public struct AdminChargeRequest: Codable, Sendable, Equatable {
    public var kind: String?
    /// `12.50` (billing currency) or `12.50 USD`; signed for an adjustment.
    public var amount: String?
    public var note: String?
    public var reason: String?
    public var by: String?

    public init(kind: String? = nil, amount: String? = nil, note: String? = nil, reason: String? = nil, by: String? = nil) {
        self.kind = kind
        self.amount = amount
        self.note = note
        self.reason = reason
        self.by = by
    }
}

/// An issued invoice or credit note.
public struct AdminInvoice: Codable, Sendable, Equatable {
    public struct Line: Codable, Sendable, Equatable {
        public var line: Int
        public var requestId: String
        public var itemId: String?
        public var title: String?
        public var dueDate: String?
        public var lostDate: String?
        public var description: String
        public var amount: AdminAmount
    }

    public struct Payment: Codable, Sendable, Equatable {
        public var amount: AdminAmount
        public var received: String
        public var reference: String?
    }

    public var number: String
    public var kind: String
    public var peer: String
    public var billTo: String
    public var issued: String
    public var due: String
    public var total: AdminAmount
    public var balance: AdminAmount
    public var voided: String?
    public var voidReason: String?
    public var credits: [String]
    public var creditsInvoice: String?
    public var lines: [Line]
    public var payments: [Payment]
    /// The invoice as CSV.
    public var csv: String

    public init(_ document: InvoiceDocument, timeZone: TimeZone) {
        let invoice = document.invoice
        number = invoice.number
        kind = invoice.kind.rawValue
        peer = invoice.peerName
        billTo = invoice.billTo
        issued = TimestampFormat.format(invoice.issuedAt)
        due = TimestampFormat.format(invoice.dueAt)
        total = AdminAmount(invoice.total)
        balance = AdminAmount(document.balance)
        voided = invoice.voidedAt.map(TimestampFormat.format)
        voidReason = invoice.voidReason
        credits = document.credits.map(\.number)
        creditsInvoice = document.creditsNumber
        lines = document.lines.map {
            Line(
                line: $0.lineNumber, requestId: $0.requestID, itemId: $0.itemID, title: $0.title, dueDate: $0.dueDate.map(TimestampFormat.format),
                lostDate: $0.lostDate.map(TimestampFormat.format), description: $0.description, amount: AdminAmount($0.amount)
            )
        }
        payments = document.payments.map { Payment(amount: AdminAmount($0.amount), received: TimestampFormat.format($0.receivedOn), reference: $0.reference) }
        csv = document.csv(timeZone: timeZone)
    }
}

/// `POST /v1/invoices` and the changes of an invoice (void, credit, payment).
public struct AdminInvoiceRequest: Codable, Sendable, Equatable {
    public var peer: String?
    public var through: String?
    public var note: String?
    public var reason: String?
    public var amount: String?
    public var received: String?
    public var reference: String?
    public var by: String?

    public init(
        peer: String? = nil, through: String? = nil, note: String? = nil, reason: String? = nil, amount: String? = nil,
        received: String? = nil, reference: String? = nil, by: String? = nil
    ) {
        self.peer = peer
        self.through = through
        self.note = note
        self.reason = reason
        self.amount = amount
        self.received = received
        self.reference = reference
        self.by = by
    }
}

/// A peer's statement, both ways.
public struct AdminStatement: Codable, Sendable, Equatable {
    public struct Line: Codable, Sendable, Equatable {
        public var date: String
        public var entry: String
        public var reference: String
        public var amount: AdminAmount
    }

    public var peer: String
    public var receivable: [Line]
    public var receivableOutstanding: AdminAmount
    public var notYetInvoiced: AdminAmount
    public var payable: [Line]
    public var payableOutstanding: AdminAmount

    public init(_ statement: PeerStatement) {
        func lines(_ lines: [PeerStatement.Line]) -> [Line] {
            lines.map { Line(date: TimestampFormat.format($0.date), entry: $0.entry, reference: $0.reference, amount: AdminAmount($0.amount)) }
        }
        peer = statement.peerName
        receivable = lines(statement.receivable)
        receivableOutstanding = AdminAmount(statement.receivableOutstanding)
        notYetInvoiced = AdminAmount(statement.notYetInvoiced)
        payable = lines(statement.payable)
        payableOutstanding = AdminAmount(statement.payableOutstanding)
    }
}

/// The aging report.
public struct AdminAging: Codable, Sendable, Equatable {
    public struct Row: Codable, Sendable, Equatable {
        public var peer: String
        public var current: AdminAmount
        public var days30: AdminAmount
        public var days60: AdminAmount
        public var days90: AdminAmount
        public var total: AdminAmount
    }

    public var asOf: String
    public var rows: [Row]
    public var csv: String

    public init(_ report: AgingReport) {
        asOf = TimestampFormat.format(report.asOf)
        rows = report.rows.map {
            Row(
                peer: $0.peerName, current: AdminAmount($0.current), days30: AdminAmount($0.days30), days60: AdminAmount($0.days60),
                days90: AdminAmount($0.days90), total: AdminAmount($0.total)
            )
        }
        csv = report.csv()
    }
}

/// A lender's invoice as recorded.
public struct AdminReceivedInvoice: Codable, Sendable, Equatable {
    public struct Line: Codable, Sendable, Equatable {
        public var line: Int
        public var requestId: String
        public var transactionId: Int64?
        public var description: String
        public var amount: AdminAmount
        public var flags: [String]
    }

    public var id: Int64
    public var peer: String
    public var number: String
    public var date: String
    public var total: AdminAmount
    public var state: String
    public var approvedBy: String?
    public var approvedAt: String?
    public var exportedAt: String?
    public var lines: [Line]

    public init(_ document: ReceivedInvoiceDocument) {
        let invoice = document.invoice
        id = invoice.id
        peer = invoice.peerName
        number = invoice.number
        date = TimestampFormat.format(invoice.invoiceDate)
        total = AdminAmount(invoice.total)
        state = invoice.state.rawValue
        approvedBy = invoice.approvedBy
        approvedAt = invoice.approvedAt.map(TimestampFormat.format)
        exportedAt = invoice.exportedAt.map(TimestampFormat.format)
        lines = document.lines.map {
            Line(line: $0.lineNumber, requestId: $0.requestID, transactionId: $0.transactionID, description: $0.description, amount: AdminAmount($0.amount), flags: $0.flags)
        }
    }
}

/// `POST /v1/received-invoices/{id}/approve`.
public struct AdminApproval: Codable, Sendable, Equatable {
    public var by: String
    public var reviewed: Bool

    public init(by: String, reviewed: Bool = false) {
        self.by = by
        self.reviewed = reviewed
    }
}

/// A CSV file's text.
public struct AdminCSV: Codable, Sendable, Equatable {
    public var csv: String

    public init(csv: String) {
        self.csv = csv
    }
}

/// A file's bytes (a PDF), base64 in JSON.
public struct AdminFile: Codable, Sendable, Equatable {
    public var name: String
    public var contentType: String
    public var base64: String

    public init(name: String, contentType: String, base64: String) {
        self.name = name
        self.contentType = contentType
        self.base64 = base64
    }
}
