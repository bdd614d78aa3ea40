import Foundation
import ISO18626
import Policy
public import Store
import Transactions

/// Invoices we receive: recorded by staff, each line matched to our borrowing transaction by request id
/// and checked; flagged lines wait for a person; a clean or reviewed invoice is approved and exported for
/// payment. The patron's share goes to the ILS as a CSV.
extension Gateway {
    /// Records a lender's invoice. Refused (nothing stored) for an unknown peer, a bad date, an inactive
    /// currency, a negative or malformed amount, a number already recorded for that lender, or an invoice
    /// none of whose lines is a request of ours to that lender.
    public func recordReceivedInvoice(_ input: ReceivedInvoiceInput) async throws(StaffActionError) -> ReceivedInvoiceDocument {
        let configuration = self.configuration
        guard let peer = configuration.peers.peer(named: input.peerName) else {
            throw StaffActionError(.unknownPeer, "peer: no peer named '\(input.peerName)' is configured")
        }
        let number = input.number.trimmingCharacters(in: .whitespaces)
        guard !number.isEmpty else { throw StaffActionError(.incomplete, "number: the lender's invoice number is needed") }
        let date = try day(input.date, field: "date")
        let currency = CurrencyCode(input.currency.trimmingCharacters(in: .whitespaces).uppercased())
        guard ISO4217.isActive(currency.value) else {
            throw StaffActionError(.invalidInput, "currency: '\(input.currency)' is not an active ISO 4217 currency code")
        }
        guard !input.lines.isEmpty else { throw StaffActionError(.incomplete, "lines: an invoice needs at least one line") }
        var parsed: [Money] = []
        for (index, line) in input.lines.enumerated() {
            do {
                parsed.append(try Money.parse(amount: line.amount, currency: currency, field: "lines[\(index + 1)].amount"))
            } catch {
                throw StaffActionError(.invalidInput, error.description)
            }
            guard !line.requestID.trimmingCharacters(in: .whitespaces).isEmpty else {
                throw StaffActionError(.incomplete, "lines[\(index + 1)].requestId: the request id the line bills is needed")
            }
        }
        let ourCurrency = configuration.billing.currency
        let now = self.now
        let amounts = parsed
        return try await staffWrite { writer in
            if try writer.receivedInvoice(peerName: peer.name, number: number) != nil {
                throw StaffActionError(.notAllowed, "number: invoice '\(number)' from \(peer.name) is already recorded (a duplicate invoice number)")
            }
            let requester = configuration.libraryAgencyIDs[0].key
            var lines: [ReceivedInvoiceLineRecord] = []
            var matched = 0
            for (index, line) in input.lines.enumerated() {
                let requestID = line.requestID.trimmingCharacters(in: .whitespaces)
                let amount = amounts[index]
                var flags: [String] = []
                let transaction = try writer.transaction(role: .requester, requestingAgencyID: requester, requestID: requestID)
                    .flatMap { $0.peerName == peer.name ? $0 : nil }
                if let transaction {
                    matched += 1
                    flags += try Self.checks(amount, on: transaction, ourCurrency: ourCurrency, writer)
                    if let earlier = try writer.receivedInvoiceLines(transactionID: transaction.id).first,
                        let other = try writer.receivedInvoice(id: earlier.invoiceID)
                    {
                        flags.append("request \(requestID) was already billed on invoice \(other.number)")
                    }
                } else {
                    flags.append("unknown transaction: no request '\(requestID)' of ours to \(peer.name)")
                }
                lines.append(
                    ReceivedInvoiceLineRecord(
                        lineNumber: index + 1,
                        requestID: requestID,
                        transactionID: transaction?.id,
                        description: line.description,
                        amount: amount,
                        flags: flags
                    )
                )
            }
            guard matched > 0 else {
                throw StaffActionError(
                    .notFound,
                    "lines: no request id on this invoice is a request of ours to \(peer.name) (an invoice for an unknown transaction)"
                )
            }
            let total = Money(exactly: amounts.reduce(Decimal(0)) { $0 + $1.amount }, currency)
            let invoice = try writer.insert(
                ReceivedInvoiceRecord(
                    peerName: peer.name,
                    number: number,
                    invoiceDate: date,
                    total: total,
                    state: lines.contains { !$0.flags.isEmpty } ? .flagged : .clean,
                    recordedAt: now
                ),
                lines: lines
            )
            return ReceivedInvoiceDocument(invoice: invoice, lines: try writer.receivedInvoiceLines(invoiceID: invoice.id))
        }
    }

    /// What is wrong with a line billing `amount` on one of our borrowing transactions.
    static func checks(_ amount: Money, on transaction: TransactionRecord, ourCurrency: String, _ writer: any StoreWriter) throws -> [String] {
        var flags: [String] = []
        let accepted = try LendingBiller.receivedRequest(of: transaction, writer)?.billingInfo?.maximumCosts
        let agreed = Set([ourCurrency, accepted?.currencyCode.value.uppercased()].compactMap(\.self))
        if !agreed.contains(amount.currency.value) {
            flags.append("currency \(amount.currency.value) was not agreed (we accepted \(agreed.sorted().joined(separator: " or ")))")
        }
        let stated = try writer.charges(transactionID: transaction.id).filter { $0.side == .payable && $0.amount.currency == amount.currency }
        let statedTotal = stated.reduce(Decimal(0)) { $0 + $1.amount.amount }
        let state = RequesterState(rawValue: transaction.state)
        let lostOrDamaged = state == .awaitingBill || state == .completedWithoutReturn
        if let accepted, accepted.currencyCode.value.uppercased() == amount.currency.value, amount.amount > accepted.monetaryValue,
            !(lostOrDamaged && amount.amount <= statedTotal)
        {
            flags.append("\(amount) is above the \(Money(exactly: accepted.monetaryValue, amount.currency)) we accepted (maximumCosts)")
        }
        if !stated.isEmpty, amount.amount > statedTotal {
            flags.append("\(amount) is more than the \(Money(exactly: statedTotal, amount.currency)) the lender stated in its messages")
        }
        let events = try writer.messages(transactionID: transaction.id)
        let returned = state == .completed || state == .returnShipped
            || events.contains { $0.direction == .outbound && $0.summary.contains("ShippedReturn") }
        if returned {
            flags.append("a charge for an item we returned")
        }
        return flags
    }

    /// Approves a lender's invoice for payment. A flagged invoice is approved only once reviewed.
    public func approveReceivedInvoice(id: Int64, by staff: String, reviewed: Bool) async throws(StaffActionError) -> ReceivedInvoiceDocument {
        let staff = staff.trimmingCharacters(in: .whitespaces)
        guard !staff.isEmpty else { throw StaffActionError(.incomplete, "by: say who approves the invoice") }
        let now = self.now
        return try await staffWrite { writer in
            guard var invoice = try writer.receivedInvoice(id: id) else { throw StaffActionError(.notFound, "invoice: no received invoice \(id)") }
            switch invoice.state {
            case .approved:
                throw StaffActionError(.notAllowed, "received invoice \(id) was already approved by \(invoice.approvedBy ?? "?")")
            case .flagged where !reviewed:
                throw StaffActionError(.notAllowed, "received invoice \(id) has flagged lines: review them, then approve with reviewed")
            case .flagged, .clean:
                invoice.state = .approved
                invoice.approvedBy = staff
                invoice.approvedAt = now
                try writer.update(invoice)
                return ReceivedInvoiceDocument(invoice: invoice, lines: try writer.receivedInvoiceLines(invoiceID: id))
            }
        }
    }

    /// Lenders' invoices in these states, each with its lines (`[.flagged, .clean]`: the "invoices to approve" worklist).
    public func receivedInvoices(states: Set<ReceivedInvoiceRecord.State>) async throws -> [ReceivedInvoiceDocument] {
        try await store.readMoney { reader in
            try reader.receivedInvoices(states: states).map { ReceivedInvoiceDocument(invoice: $0, lines: try reader.receivedInvoiceLines(invoiceID: $0.id)) }
        }
    }

    /// The approved invoices not yet exported, as CSV for accounts payable; marks them exported.
    public func exportReceivedInvoicesForPayment() async throws(StaffActionError) -> String {
        let now = self.now
        let timeZone = libraryCalendar.timeZone
        return try await staffWrite { writer in
            let day = DayFormat(timeZone: timeZone)
            var rows: [[String]] = []
            for var invoice in try writer.receivedInvoices(states: [.approved]) where invoice.exportedAt == nil {
                rows.append([
                    invoice.peerName, invoice.number, day(invoice.invoiceDate), invoice.total.formattedAmount, invoice.total.currency.value,
                    invoice.approvedBy ?? "", invoice.approvedAt.map(day.callAsFunction) ?? "",
                    String(try writer.receivedInvoiceLines(invoiceID: invoice.id).count),
                ])
                invoice.exportedAt = now
                try writer.update(invoice)
            }
            return CSVText.render(header: ["lender", "invoice", "invoice_date", "amount", "currency", "approved_by", "approved_on", "lines"], rows: rows)
        }
    }

    /// Borrowing transactions reported lost or damaged, or closed without return, that no lender's invoice
    /// has billed yet (the "awaiting the lender's bill" worklist).
    public func awaitingLendersBill() async throws -> [TransactionRecord] {
        var waiting: [TransactionRecord] = []
        for state in [RequesterState.awaitingBill, .completedWithoutReturn] {
            waiting += try await store.transactions(matching: TransactionFilter(role: .requester, state: state.rawValue, limit: 1000))
        }
        let ids = waiting.map(\.id)
        let billed = try await store.readMoney { reader in
            try Set(ids.filter { try !reader.receivedInvoiceLines(transactionID: $0).isEmpty })
        }
        return waiting.filter { !billed.contains($0.id) }.sorted { $0.id < $1.id }
    }

    /// The replacement charges our patrons owe for items lost or damaged, as CSV for the circulation system
    /// (one row per transaction: the patron id from our request, the amount the lender billed — its approved
    /// invoice lines, else what it stated). Holds patron data by nature: written to a file, never logged.
    public func patronChargesCSV() async throws -> String {
        let timeZone = libraryCalendar.timeZone
        var rows: [[String]] = []
        for state in [RequesterState.awaitingBill, .completedWithoutReturn] {
            for transaction in try await store.transactions(matching: TransactionFilter(role: .requester, state: state.rawValue, limit: 10_000)) {
                let messages = try await store.messages(transactionID: transaction.id)
                guard let stored = messages.first(where: { $0.direction == .outbound && $0.kind == .request }),
                    case .request(let request) = try? ISO18626Decoder().decode(stored.body).message
                else { continue }
                let amounts = try await store.readMoney { reader -> [Money] in
                    let approved = try reader.receivedInvoiceLines(transactionID: transaction.id).filter { line in
                        try reader.receivedInvoice(id: line.invoiceID)?.state == .approved
                    }
                    if !approved.isEmpty { return approved.map(\.amount) }
                    return try Self.balances(try reader.charges(transactionID: transaction.id), reader).filter { $0.charge.side == .payable }.map(\.balance)
                }
                guard let currency = amounts.first?.currency else { continue }
                let total = amounts.filter { $0.currency == currency }.reduce(Decimal(0)) { $0 + $1.amount }
                guard total > 0 else { continue }
                let day = DayFormat(timeZone: timeZone)
                rows.append([
                    request.patronInfo?.patronID ?? "", request.patronInfo?.surname ?? "", transaction.requestingAgencyRequestID,
                    transaction.title ?? "", state == .completedWithoutReturn ? "lost" : "lost or damaged",
                    Money(exactly: total, currency).formattedAmount, currency.value, day(transaction.updatedAt),
                ])
            }
        }
        return CSVText.render(header: ["patron_id", "patron_surname", "request_id", "title", "reason", "amount", "currency", "date"], rows: rows)
    }
}
