import Foundation
import ISO18626
import Policy
import Store
import Transactions

/// Invoices we send: gather a peer's open charges into a numbered invoice, void or credit it (never edit),
/// record payments, and report statements and aging.
extension Gateway {
    /// Issues an invoice to `peerName` for its open receivable charges recorded up to and including the day
    /// `through` (`YYYY-MM-DD`; default: everything open). The number is the year's next, allocated in the
    /// same write, so numbers have no gaps.
    public func createInvoice(peerName: String, through: String? = nil, note: String? = nil) async throws(StaffActionError) -> InvoiceDocument {
        let configuration = self.configuration
        guard let peer = configuration.peers.peer(named: peerName) else {
            throw StaffActionError(.unknownPeer, "peer: no peer named '\(peerName)' is configured")
        }
        let cutoff: Date? = try through.map { text throws(StaffActionError) in
            try libraryCalendar.date(byAdding: .day, value: 1, to: day(text, field: "through")) ?? Date.distantFuture
        }
        let billing = configuration.billing
        let currency = CurrencyCode(billing.currency)
        let calendar = libraryCalendar
        let now = self.now
        return try await staffWrite { writer in
            let open = try Self.balances(try writer.charges(side: .receivable, peerName: peer.name), writer)
                .filter { open in open.invoiceNumber == nil && open.balance.amount != 0 && (cutoff.map { open.charge.createdAt < $0 } ?? true) }
            guard !open.isEmpty else {
                throw StaffActionError(.notAllowed, "peer: \(peer.name) has no open charges" + (through.map { " up to \($0)" } ?? ""))
            }
            if let foreign = open.first(where: { $0.balance.currency != currency }) {
                throw StaffActionError(
                    .notAllowed,
                    "charge \(foreign.charge.id) is in \(foreign.balance.currency.value), but we invoice in \(currency.value) ([billing] currency); adjust or waive it first"
                )
            }
            var lines: [InvoiceLineRecord] = []
            var total = Money.zero(currency)
            var transactions: [Int64: TransactionRecord] = [:]
            for (index, open) in open.enumerated() {
                let charge = open.charge
                if transactions[charge.transactionID] == nil {
                    transactions[charge.transactionID] = try writer.transaction(id: charge.transactionID)
                }
                let transaction = transactions[charge.transactionID]
                let lostOn = [ChargeRecord.Kind.replacement, .processingFee].contains(charge.kind) ? charge.createdAt : nil
                lines.append(
                    InvoiceLineRecord(
                        lineNumber: index + 1,
                        chargeID: charge.id,
                        transactionID: charge.transactionID,
                        requestID: transaction?.requestingAgencyRequestID ?? "",
                        itemID: try transaction.flatMap { try Self.shippedItemIDs(of: $0, writer) },
                        title: transaction?.title,
                        dueDate: transaction?.dueDate,
                        lostDate: lostOn,
                        description: charge.kind.label + (charge.note.map { " (\($0))" } ?? ""),
                        amount: open.balance
                    )
                )
                total = Money(exactly: total.amount + open.balance.amount, currency)
            }
            let invoice = try Self.issue(
                .invoice,
                to: peer.name,
                billTo: Self.billTo(peer),
                total: total,
                due: calendar.date(byAdding: .day, value: billing.paymentTermsDays, to: now) ?? now,
                lines: lines,
                numbering: (billing, calendar, now),
                writer
            ) { invoice in
                invoice.through = cutoff
                invoice.note = note
            }
            return try Self.document(invoice, billing: billing, writer)
        }
    }

    /// Voids an invoice nobody has paid: it keeps its number, and its charges are open again.
    public func voidInvoice(number: String, reason: String) async throws(StaffActionError) -> InvoiceDocument {
        let reason = reason.trimmingCharacters(in: .whitespaces)
        guard !reason.isEmpty else { throw StaffActionError(.incomplete, "reason: say why the invoice is voided") }
        let billing = configuration.billing
        let now = self.now
        return try await staffWrite { writer in
            let invoice = try Self.issued(number, writer)
            guard invoice.voidedAt == nil else { throw StaffActionError(.notAllowed, "invoice \(number) is already void") }
            guard try writer.payments(invoiceID: invoice.id).isEmpty else {
                throw StaffActionError(.notAllowed, "invoice \(number) has payments: credit it instead of voiding it")
            }
            guard try !writer.invoices(peerName: invoice.peerName).contains(where: { $0.creditsInvoiceID == invoice.id && $0.voidedAt == nil }) else {
                throw StaffActionError(.notAllowed, "invoice \(number) has been credited: it cannot be voided")
            }
            try writer.void(invoiceID: invoice.id, at: now, reason: reason)
            return try Self.document(try Self.issued(number, writer), billing: billing, writer)
        }
    }

    /// Issues a credit note against an invoice, for `amount` (default: all that is still owed).
    /// - Returns: the credit note.
    public func creditInvoice(number: String, amount: String?, reason: String) async throws(StaffActionError) -> InvoiceDocument {
        let reason = reason.trimmingCharacters(in: .whitespaces)
        guard !reason.isEmpty else { throw StaffActionError(.incomplete, "reason: say why the invoice is credited") }
        let requested = try amount.map { text throws(StaffActionError) in try parseMoney(text, field: "amount") }
        let billing = configuration.billing
        let calendar = libraryCalendar
        let now = self.now
        return try await staffWrite { writer in
            let (invoice, balance) = try Self.open(number, billing: billing, for: "nothing to credit", writer)
            let credit = requested ?? balance
            guard credit.currency == balance.currency else {
                throw StaffActionError(.invalidInput, "amount: invoice \(number) is in \(balance.currency.value), not \(credit.currency.value)")
            }
            guard credit.amount > 0 else { throw StaffActionError(.invalidInput, "amount: invoice \(number) has nothing left to credit") }
            guard credit.amount <= balance.amount else {
                throw StaffActionError(.invalidInput, "amount: \(credit) is more than the \(balance) still owed on invoice \(number)")
            }
            let line = InvoiceLineRecord(
                lineNumber: 1,
                chargeID: nil,
                transactionID: nil,
                requestID: "",
                description: "credit against invoice \(invoice.number): \(reason)",
                amount: credit.negated
            )
            let note = try Self.issue(
                .creditNote,
                to: invoice.peerName,
                billTo: invoice.billTo,
                total: credit.negated,
                due: now,
                lines: [line],
                numbering: (billing, calendar, now),
                writer
            ) { note in
                note.creditsInvoiceID = invoice.id
                note.note = reason
            }
            return try Self.document(note, billing: billing, writer)
        }
    }

    /// Records a payment (or part payment) of an invoice; it may not exceed what is still owed.
    /// - Parameter receivedOn: `YYYY-MM-DD` (default: today).
    public func recordPayment(invoiceNumber: String, amount: String, receivedOn: String?, reference: String?, staff: String) async throws(StaffActionError)
        -> InvoiceDocument
    {
        let payment = try parseMoney(amount, field: "amount")
        guard payment.amount > 0 else { throw StaffActionError(.invalidInput, "amount: a payment must be more than zero") }
        let now = self.now
        let received = try receivedOn.map { text throws(StaffActionError) in try day(text, field: "received") } ?? now
        let billing = configuration.billing
        return try await staffWrite { writer in
            let (invoice, balance) = try Self.open(invoiceNumber, billing: billing, for: "it takes no payments", writer)
            guard payment.currency == balance.currency else {
                throw StaffActionError(.invalidInput, "amount: invoice \(invoiceNumber) is in \(balance.currency.value), not \(payment.currency.value)")
            }
            guard payment.amount <= balance.amount else {
                throw StaffActionError(.invalidInput, "amount: \(payment) is more than the balance \(balance) of invoice \(invoiceNumber)")
            }
            _ = try writer.insert(
                PaymentRecord(invoiceID: invoice.id, amount: payment, receivedOn: received, reference: reference, recordedAt: now, recordedBy: "staff:\(staff)")
            )
            return try Self.document(invoice, billing: billing, writer)
        }
    }

    /// An issued invoice or credit note by number.
    public func invoice(number: String) async throws -> InvoiceDocument? {
        let billing = configuration.billing
        return try await store.readMoney { reader in
            guard let invoice = try reader.invoice(number: number) else { return nil }
            return try Self.document(invoice, billing: billing, reader)
        }
    }

    /// Issued invoices and credit notes (one peer's, or all), oldest first.
    public func invoices(peerName: String? = nil) async throws -> [InvoiceDocument] {
        let billing = configuration.billing
        return try await store.readMoney { reader in
            try Self.documents(try reader.invoices(peerName: peerName), peerName: peerName, billing: billing, reader)
        }
    }

    /// Invoices still owed in part or whole, oldest first (the "unpaid invoices" worklist).
    public func unpaidInvoices() async throws -> [InvoiceDocument] {
        let billing = configuration.billing
        return try await store.readMoney { reader in
            try Self.documents(try reader.invoices(peerName: nil), peerName: nil, billing: billing, reader) { invoice, balance in
                invoice.kind == .invoice && invoice.voidedAt == nil && balance.amount > 0
            }
        }
    }

    // MARK: Helpers inside a read or write

    /// Stores an invoice or credit note under the year's next number, allocated in the same write (so
    /// numbers have no gaps and never repeat).
    static func issue(
        _ kind: InvoiceRecord.Kind,
        to peerName: String,
        billTo: String,
        total: Money,
        due: Date,
        lines: [InvoiceLineRecord],
        numbering: (billing: BillingConfiguration, calendar: Calendar, now: Date),
        _ writer: any StoreWriter,
        details: (inout InvoiceRecord) -> Void
    ) throws -> InvoiceRecord {
        let year = numbering.calendar.component(.year, from: numbering.now)
        let sequence = try writer.nextInvoiceSequence(year: year)
        var invoice = InvoiceRecord(
            number: numbering.billing.invoiceNumber(year: year, sequence: sequence),
            year: year,
            sequence: sequence,
            kind: kind,
            peerName: peerName,
            issuedAt: numbering.now,
            dueAt: due,
            total: total,
            billTo: billTo
        )
        details(&invoice)
        return try writer.insert(invoice, lines: lines)
    }

    static func issued(_ number: String, _ reader: any MoneyStoreReader) throws -> InvoiceRecord {
        guard let invoice = try reader.invoice(number: number) else { throw StaffActionError(.notFound, "invoice: no invoice numbered '\(number)'") }
        return invoice
    }

    /// An invoice that can still be credited or paid (not void, not a credit note), with what is owed on it.
    static func open(_ number: String, billing: BillingConfiguration, for refusal: String, _ reader: any MoneyStoreReader) throws
        -> (InvoiceRecord, Money)
    {
        let invoice = try issued(number, reader)
        guard invoice.kind == .invoice, invoice.voidedAt == nil else {
            throw StaffActionError(.notAllowed, "invoice \(number) is \(invoice.voidedAt == nil ? "a credit note" : "void"): \(refusal)")
        }
        return (invoice, try document(invoice, billing: billing, reader).balance)
    }

    static func document(_ invoice: InvoiceRecord, billing: BillingConfiguration, _ reader: any MoneyStoreReader) throws -> InvoiceDocument {
        let payments = try reader.payments(invoiceID: invoice.id)
        let credits = try reader.invoices(peerName: invoice.peerName).filter { $0.creditsInvoiceID == invoice.id && $0.voidedAt == nil }
        return InvoiceDocument(
            issuer: billing,
            invoice: invoice,
            lines: try reader.invoiceLines(invoiceID: invoice.id),
            payments: payments,
            credits: credits,
            creditsNumber: try invoice.creditsInvoiceID.flatMap { try reader.invoice(id: $0)?.number },
            balance: balance(of: invoice, payments: payments, credits: credits)
        )
    }

    /// The documents of many invoices (all of `peerName`'s, or everyone's when `nil`) that `keep` accepts
    /// with their balance: the payments are read in one query and the credit notes found among `invoices`,
    /// so a list costs one query per document kept (its lines), not a search of the peer's invoices each.
    static func documents(
        _ invoices: [InvoiceRecord],
        peerName: String?,
        billing: BillingConfiguration,
        _ reader: any MoneyStoreReader,
        keeping keep: (InvoiceRecord, Money) -> Bool = { _, _ in true }
    ) throws -> [InvoiceDocument] {
        let payments = Dictionary(grouping: try reader.payments(peerName: peerName), by: \.invoiceID)
        let numbers = Dictionary(invoices.map { ($0.id, $0.number) }, uniquingKeysWith: { first, _ in first })
        var credits: [Int64: [InvoiceRecord]] = [:]
        for invoice in invoices where invoice.voidedAt == nil {
            if let credited = invoice.creditsInvoiceID { credits[credited, default: []].append(invoice) }
        }
        return try invoices.compactMap { invoice in
            let balance = balance(of: invoice, payments: payments[invoice.id] ?? [], credits: credits[invoice.id] ?? [])
            guard keep(invoice, balance) else { return nil }
            return InvoiceDocument(
                issuer: billing,
                invoice: invoice,
                lines: try reader.invoiceLines(invoiceID: invoice.id),
                payments: payments[invoice.id] ?? [],
                credits: credits[invoice.id] ?? [],
                creditsNumber: invoice.creditsInvoiceID.flatMap { numbers[$0] },
                balance: balance
            )
        }
    }

    /// What is still owed on an invoice: its total less its payments and credit notes (nothing on a void
    /// invoice or a credit note).
    private static func balance(of invoice: InvoiceRecord, payments: [PaymentRecord], credits: [InvoiceRecord]) -> Money {
        let paid = payments.reduce(Decimal(0)) { $0 + $1.amount.amount }
        let credited = credits.reduce(Decimal(0)) { $0 - $1.total.amount }
        let owed: Decimal = invoice.voidedAt != nil || invoice.kind == .creditNote ? 0 : invoice.total.amount - paid - credited
        return Money(exactly: owed, invoice.total.currency)
    }

    /// The barcodes we shipped the loan with, from our Loaned message.
    static func shippedItemIDs(of transaction: TransactionRecord, _ writer: any StoreWriter) throws -> String? {
        for message in try writer.messages(transactionID: transaction.id) where message.direction == .outbound && message.kind == .supplyingAgencyMessage {
            if case .supplyingAgencyMessage(let sam) = try? ISO18626Decoder().decode(message.body).message,
                let items = sam.deliveryInfo?.itemID, !items.isEmpty
            {
                return items.joined(separator: " ")
            }
        }
        return nil
    }

    static func billTo(_ peer: Peer) -> String {
        ([peer.name] + peer.agencyIDs.map(\.description)).joined(separator: ", ")
    }
}
