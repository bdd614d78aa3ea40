import Foundation
import GRDB
import ISO18626
import Transactions

/// The charges ledger and invoices in SQLite. Amounts go in and out as the exact decimal text.
extension SQLiteStoreWriter {
    // MARK: Charges

    func charge(id: Int64) throws -> ChargeRecord? {
        try Row.fetchOne(db, sql: "SELECT * FROM charge WHERE id = ?", arguments: [id]).map(ChargeRecord.init(row:))
    }

    func charges(transactionID: Int64) throws -> [ChargeRecord] {
        try Row.fetchAll(db, sql: "SELECT * FROM charge WHERE transaction_id = ? ORDER BY id", arguments: [transactionID]).map(ChargeRecord.init(row:))
    }

    func charges(side: ChargeRecord.Side, peerName: String?) throws -> [ChargeRecord] {
        if let peerName {
            return try Row.fetchAll(db, sql: "SELECT * FROM charge WHERE side = ? AND peer_name = ? ORDER BY id", arguments: [side.rawValue, peerName])
                .map(ChargeRecord.init(row:))
        }
        return try Row.fetchAll(db, sql: "SELECT * FROM charge WHERE side = ? ORDER BY id", arguments: [side.rawValue]).map(ChargeRecord.init(row:))
    }

    func invoicedCharges(peerName: String) throws -> [Int64: String] {
        let rows = try Row.fetchAll(
            db,
            sql: """
                SELECT l.charge_id, i.number FROM invoice_line l JOIN invoice i ON i.id = l.invoice_id
                WHERE i.peer_name = ? AND i.voided_at IS NULL AND l.charge_id IS NOT NULL
                """,
            arguments: [peerName]
        )
        return Dictionary(rows.map { ($0[0] as Int64, $0[1] as String) }, uniquingKeysWith: { first, _ in first })
    }

    func insert(_ charge: ChargeRecord) throws -> ChargeRecord {
        try db.execute(
            sql: """
                INSERT INTO charge (transaction_id, side, peer_name, kind, amount, currency, adjusts_id, note, flag, created_at, created_by)
                VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
                """,
            arguments: [
                charge.transactionID, charge.side.rawValue, charge.peerName, charge.kind.rawValue, DecimalFormat.format(charge.amount.amount),
                charge.amount.currency.value, charge.adjusts, charge.note, charge.flag, charge.createdAt.timeIntervalSince1970, charge.createdBy,
            ]
        )
        var stored = charge
        stored.id = db.lastInsertedRowID
        return stored
    }

    // MARK: Invoices we issue

    func nextInvoiceSequence(year: Int) throws -> Int {
        (try Int.fetchOne(db, sql: "SELECT MAX(sequence) FROM invoice WHERE year = ?", arguments: [year]) ?? 0) + 1
    }

    func insert(_ invoice: InvoiceRecord, lines: [InvoiceLineRecord]) throws -> InvoiceRecord {
        try db.execute(
            sql: """
                INSERT INTO invoice (number, year, sequence, kind, peer_name, issued_at, due_at, through, total, currency,
                    credits_invoice_id, voided_at, void_reason, bill_to, note)
                VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
                """,
            arguments: [
                invoice.number, invoice.year, invoice.sequence, invoice.kind.rawValue, invoice.peerName, invoice.issuedAt.timeIntervalSince1970,
                invoice.dueAt.timeIntervalSince1970, invoice.through?.timeIntervalSince1970, DecimalFormat.format(invoice.total.amount),
                invoice.total.currency.value, invoice.creditsInvoiceID, invoice.voidedAt?.timeIntervalSince1970, invoice.voidReason,
                invoice.billTo, invoice.note,
            ]
        )
        var stored = invoice
        stored.id = db.lastInsertedRowID
        for line in lines {
            try db.execute(
                sql: """
                    INSERT INTO invoice_line (invoice_id, line_number, charge_id, transaction_id, request_id, item_id, title, due_date,
                        lost_date, description, amount, currency)
                    VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
                    """,
                arguments: [
                    stored.id, line.lineNumber, line.chargeID, line.transactionID, line.requestID, line.itemID, line.title,
                    line.dueDate?.timeIntervalSince1970, line.lostDate?.timeIntervalSince1970, line.description,
                    DecimalFormat.format(line.amount.amount), line.amount.currency.value,
                ]
            )
        }
        return stored
    }

    func invoice(id: Int64) throws -> InvoiceRecord? {
        try Row.fetchOne(db, sql: "SELECT * FROM invoice WHERE id = ?", arguments: [id]).map(InvoiceRecord.init(row:))
    }

    func invoice(number: String) throws -> InvoiceRecord? {
        try Row.fetchOne(db, sql: "SELECT * FROM invoice WHERE number = ?", arguments: [number]).map(InvoiceRecord.init(row:))
    }

    func invoices(peerName: String?) throws -> [InvoiceRecord] {
        if let peerName {
            return try Row.fetchAll(db, sql: "SELECT * FROM invoice WHERE peer_name = ? ORDER BY id", arguments: [peerName]).map(InvoiceRecord.init(row:))
        }
        return try Row.fetchAll(db, sql: "SELECT * FROM invoice ORDER BY id").map(InvoiceRecord.init(row:))
    }

    func invoiceLines(invoiceID: Int64) throws -> [InvoiceLineRecord] {
        try Row.fetchAll(db, sql: "SELECT * FROM invoice_line WHERE invoice_id = ? ORDER BY line_number", arguments: [invoiceID])
            .map(InvoiceLineRecord.init(row:))
    }

    func void(invoiceID: Int64, at instant: Date, reason: String) throws {
        try db.execute(
            sql: "UPDATE invoice SET voided_at = ?, void_reason = ? WHERE id = ? AND voided_at IS NULL",
            arguments: [instant.timeIntervalSince1970, reason, invoiceID]
        )
    }

    func payments(invoiceID: Int64) throws -> [PaymentRecord] {
        try Row.fetchAll(db, sql: "SELECT * FROM payment WHERE invoice_id = ? ORDER BY id", arguments: [invoiceID]).map(PaymentRecord.init(row:))
    }

    func payments(peerName: String?) throws -> [PaymentRecord] {
        guard let peerName else {
            return try Row.fetchAll(db, sql: "SELECT * FROM payment ORDER BY id").map(PaymentRecord.init(row:))
        }
        return try Row.fetchAll(
            db,
            sql: "SELECT p.* FROM payment p JOIN invoice i ON i.id = p.invoice_id WHERE i.peer_name = ? ORDER BY p.id",
            arguments: [peerName]
        ).map(PaymentRecord.init(row:))
    }

    func insert(_ payment: PaymentRecord) throws -> PaymentRecord {
        try db.execute(
            sql: "INSERT INTO payment (invoice_id, amount, currency, received_on, reference, recorded_at, recorded_by) VALUES (?, ?, ?, ?, ?, ?, ?)",
            arguments: [
                payment.invoiceID, DecimalFormat.format(payment.amount.amount), payment.amount.currency.value,
                payment.receivedOn.timeIntervalSince1970, payment.reference, payment.recordedAt.timeIntervalSince1970, payment.recordedBy,
            ]
        )
        var stored = payment
        stored.id = db.lastInsertedRowID
        return stored
    }

    // MARK: Invoices we receive

    func receivedInvoice(id: Int64) throws -> ReceivedInvoiceRecord? {
        try Row.fetchOne(db, sql: "SELECT * FROM received_invoice WHERE id = ?", arguments: [id]).map(ReceivedInvoiceRecord.init(row:))
    }

    func receivedInvoice(peerName: String, number: String) throws -> ReceivedInvoiceRecord? {
        try Row.fetchOne(db, sql: "SELECT * FROM received_invoice WHERE peer_name = ? AND number = ?", arguments: [peerName, number])
            .map(ReceivedInvoiceRecord.init(row:))
    }

    func receivedInvoices(states: Set<ReceivedInvoiceRecord.State>) throws -> [ReceivedInvoiceRecord] {
        guard !states.isEmpty else { return [] }
        return try Row.fetchAll(
            db,
            sql: "SELECT * FROM received_invoice WHERE state IN (\(sqlBindMarkers(states.count))) ORDER BY id",
            arguments: StatementArguments(states.map(\.rawValue).sorted())
        ).map(ReceivedInvoiceRecord.init(row:))
    }

    func receivedInvoiceLines(invoiceID: Int64) throws -> [ReceivedInvoiceLineRecord] {
        try Row.fetchAll(db, sql: "SELECT * FROM received_invoice_line WHERE invoice_id = ? ORDER BY line_number", arguments: [invoiceID])
            .map(ReceivedInvoiceLineRecord.init(row:))
    }

    func receivedInvoiceLines(transactionID: Int64) throws -> [ReceivedInvoiceLineRecord] {
        try Row.fetchAll(db, sql: "SELECT * FROM received_invoice_line WHERE transaction_id = ? ORDER BY id", arguments: [transactionID])
            .map(ReceivedInvoiceLineRecord.init(row:))
    }

    func insert(_ invoice: ReceivedInvoiceRecord, lines: [ReceivedInvoiceLineRecord]) throws -> ReceivedInvoiceRecord {
        try db.execute(
            sql: """
                INSERT INTO received_invoice (peer_name, number, invoice_date, total, currency, state, recorded_at, approved_by, approved_at,
                    exported_at, note)
                VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
                """,
            arguments: [
                invoice.peerName, invoice.number, invoice.invoiceDate.timeIntervalSince1970, DecimalFormat.format(invoice.total.amount),
                invoice.total.currency.value, invoice.state.rawValue, invoice.recordedAt.timeIntervalSince1970, invoice.approvedBy,
                invoice.approvedAt?.timeIntervalSince1970, invoice.exportedAt?.timeIntervalSince1970, invoice.note,
            ]
        )
        var stored = invoice
        stored.id = db.lastInsertedRowID
        for line in lines {
            try db.execute(
                sql: """
                    INSERT INTO received_invoice_line (invoice_id, line_number, request_id, transaction_id, description, amount, currency, flags)
                    VALUES (?, ?, ?, ?, ?, ?, ?, ?)
                    """,
                arguments: [
                    stored.id, line.lineNumber, line.requestID, line.transactionID, line.description, DecimalFormat.format(line.amount.amount),
                    line.amount.currency.value, line.flags.joined(separator: "\n"),
                ]
            )
        }
        return stored
    }

    func update(_ invoice: ReceivedInvoiceRecord) throws {
        try db.execute(
            sql: "UPDATE received_invoice SET state = ?, approved_by = ?, approved_at = ?, exported_at = ?, note = ? WHERE id = ?",
            arguments: [
                invoice.state.rawValue, invoice.approvedBy, invoice.approvedAt?.timeIntervalSince1970, invoice.exportedAt?.timeIntervalSince1970,
                invoice.note, invoice.id,
            ]
        )
    }

    func moneyActivity(from start: Date, before end: Date) throws -> [MoneyActivityRecord] {
        let period: StatementArguments = [start.timeIntervalSince1970, end.timeIntervalSince1970]
        var records: [MoneyActivityRecord] = []
        // Each statement reads its table through the date index the v9 migration made for it.
        let statements: [(sql: String, table: String, role: TransactionRole, kind: MoneyActivityRecord.Kind, amount: String)] = [
            (Self.issuedInvoicesStatement, "invoice", .supplier, .billed, "total"),
            (Self.receivedPaymentsStatement, "payment", .supplier, .paid, "amount"),
            (Self.recordedLenderInvoicesStatement, "received_invoice", .requester, .billed, "total"),
            (Self.approvedLenderInvoicesStatement, "received_invoice", .requester, .paid, "total"),
        ]
        for statement in statements {
            for row in try Row.fetchAll(db, sql: statement.sql, arguments: period) {
                let stored = StoredRow(table: statement.table, id: row["id"])
                records.append(
                    MoneyActivityRecord(
                        role: statement.role,
                        peerName: row["peer_name"],
                        kind: statement.kind,
                        amount: try money(row, stored, statement.amount),
                        at: Date(timeIntervalSince1970: row["at"])
                    )
                )
            }
        }
        return records.sorted { $0.at < $1.at }
    }

    /// Invoices and credit notes we issued in a period and did not void.
    static let issuedInvoicesStatement =
        "SELECT id, peer_name, total, currency, issued_at AS at FROM invoice WHERE issued_at >= ? AND issued_at < ? AND voided_at IS NULL"
    /// Payments received in a period, with the peer of the invoice they pay.
    static let receivedPaymentsStatement = """
        SELECT p.id, i.peer_name, p.amount, p.currency, p.received_on AS at
        FROM payment p JOIN invoice i ON i.id = p.invoice_id WHERE p.received_on >= ? AND p.received_on < ?
        """
    /// Lenders' invoices dated in a period.
    static let recordedLenderInvoicesStatement =
        "SELECT id, peer_name, total, currency, invoice_date AS at FROM received_invoice WHERE invoice_date >= ? AND invoice_date < ?"
    /// Lenders' invoices approved for payment in a period.
    static let approvedLenderInvoicesStatement = """
        SELECT id, peer_name, total, currency, approved_at AS at FROM received_invoice
        WHERE approved_at IS NOT NULL AND approved_at >= ? AND approved_at < ?
        """

    func setHoldingStatus(id: Int64, _ status: HoldingRecord.Status) throws {
        try db.execute(sql: "UPDATE holding SET status = ? WHERE id = ?", arguments: [status.rawValue, id])
    }
}

/// An amount read back from its TEXT column and the currency beside it.
/// - Throws: ``StoreError/Code/corruptValue`` when the text is not an exact decimal or the currency is missing.
private func money(_ row: Row, _ stored: StoredRow, _ amount: String = "amount", currency: String = "currency") throws(StoreError) -> Money {
    let text = row[amount] as String?
    guard let text, let value = DecimalFormat.parse(text) else {
        throw StoreError.corruptValue(table: stored.table, rowID: stored.id, column: amount, value: text, expected: "an exact decimal amount")
    }
    let code = row[currency] as String?
    guard let code, code.count == 3 else {
        throw StoreError.corruptValue(table: stored.table, rowID: stored.id, column: currency, value: code, expected: "an ISO 4217 currency code")
    }
    return Money(exactly: value, CurrencyCode(code))
}

private func date(_ row: Row, _ column: String) -> Date? {
    (row[column] as Double?).map(Date.init(timeIntervalSince1970:))
}

extension ChargeRecord {
    init(row: Row) throws(StoreError) {
        let stored = StoredRow(table: "charge", id: row["id"])
        self.init(
            id: stored.id,
            transactionID: row["transaction_id"],
            side: try stored.column("side", "receivable or payable").code(row["side"] as String?, as: Side.self),
            peerName: row["peer_name"],
            kind: try stored.column("kind", "a charge kind").code(row["kind"] as String?, as: Kind.self),
            amount: try money(row, stored),
            adjusts: row["adjusts_id"],
            note: row["note"],
            flag: row["flag"],
            createdAt: Date(timeIntervalSince1970: row["created_at"]),
            createdBy: row["created_by"]
        )
    }
}

extension InvoiceRecord {
    init(row: Row) throws(StoreError) {
        let stored = StoredRow(table: "invoice", id: row["id"])
        self.init(
            id: stored.id,
            number: row["number"],
            year: row["year"],
            sequence: row["sequence"],
            kind: try stored.column("kind", "invoice or creditNote").code(row["kind"] as String?, as: Kind.self),
            peerName: row["peer_name"],
            issuedAt: Date(timeIntervalSince1970: row["issued_at"]),
            dueAt: Date(timeIntervalSince1970: row["due_at"]),
            through: date(row, "through"),
            total: try money(row, stored, "total"),
            creditsInvoiceID: row["credits_invoice_id"],
            voidedAt: date(row, "voided_at"),
            voidReason: row["void_reason"],
            billTo: row["bill_to"],
            note: row["note"]
        )
    }
}

extension InvoiceLineRecord {
    init(row: Row) throws(StoreError) {
        let stored = StoredRow(table: "invoice_line", id: row["id"])
        self.init(
            id: stored.id,
            invoiceID: row["invoice_id"],
            lineNumber: row["line_number"],
            chargeID: row["charge_id"],
            transactionID: row["transaction_id"],
            requestID: row["request_id"],
            itemID: row["item_id"],
            title: row["title"],
            dueDate: date(row, "due_date"),
            lostDate: date(row, "lost_date"),
            description: row["description"],
            amount: try money(row, stored)
        )
    }
}

extension PaymentRecord {
    init(row: Row) throws(StoreError) {
        let stored = StoredRow(table: "payment", id: row["id"])
        self.init(
            id: stored.id,
            invoiceID: row["invoice_id"],
            amount: try money(row, stored),
            receivedOn: Date(timeIntervalSince1970: row["received_on"]),
            reference: row["reference"],
            recordedAt: Date(timeIntervalSince1970: row["recorded_at"]),
            recordedBy: row["recorded_by"]
        )
    }
}

extension ReceivedInvoiceRecord {
    init(row: Row) throws(StoreError) {
        let stored = StoredRow(table: "received_invoice", id: row["id"])
        self.init(
            id: stored.id,
            peerName: row["peer_name"],
            number: row["number"],
            invoiceDate: Date(timeIntervalSince1970: row["invoice_date"]),
            total: try money(row, stored, "total"),
            state: try stored.column("state", "flagged, clean or approved").code(row["state"] as String?, as: State.self),
            recordedAt: Date(timeIntervalSince1970: row["recorded_at"]),
            approvedBy: row["approved_by"],
            approvedAt: date(row, "approved_at"),
            exportedAt: date(row, "exported_at"),
            note: row["note"]
        )
    }
}

extension ReceivedInvoiceLineRecord {
    init(row: Row) throws(StoreError) {
        let stored = StoredRow(table: "received_invoice_line", id: row["id"])
        let flags: String = row["flags"]
        self.init(
            id: stored.id,
            invoiceID: row["invoice_id"],
            lineNumber: row["line_number"],
            requestID: row["request_id"],
            transactionID: row["transaction_id"],
            description: row["description"],
            amount: try money(row, stored),
            flags: flags.isEmpty ? [] : flags.components(separatedBy: "\n")
        )
    }
}

extension SQLiteTransactionStore {
    public func readMoney<Result: Sendable>(_ work: @escaping @Sendable (any MoneyStoreReader) throws -> Result) async throws -> Result {
        try await read { [rowIDs] db in try work(SQLiteStoreWriter(db: db, ids: rowIDs)) }
    }
}
