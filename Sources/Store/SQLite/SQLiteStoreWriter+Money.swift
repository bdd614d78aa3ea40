import Foundation
import GRDB
import ISO18626

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

    func invoicedChargeIDs(peerName: String) throws -> Set<Int64> {
        Set(
            try Int64.fetchAll(
                db,
                sql: """
                    SELECT l.charge_id FROM invoice_line l JOIN invoice i ON i.id = l.invoice_id
                    WHERE i.peer_name = ? AND i.voided_at IS NULL AND l.charge_id IS NOT NULL
                    """,
                arguments: [peerName]
            )
        )
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

    func setHoldingStatus(id: Int64, _ status: HoldingRecord.Status) throws {
        try db.execute(sql: "UPDATE holding SET status = ? WHERE id = ?", arguments: [status.rawValue, id])
    }
}

/// An amount read back from its TEXT column (written by us, so it parses; a damaged row reads as zero).
private func money(_ row: Row, _ amount: String = "amount", currency: String = "currency") -> Money {
    Money(exactly: DecimalFormat.parse(row[amount] as String) ?? 0, CurrencyCode(row[currency] as String))
}

private func date(_ row: Row, _ column: String) -> Date? {
    (row[column] as Double?).map(Date.init(timeIntervalSince1970:))
}

extension ChargeRecord {
    init(row: Row) {
        self.init(
            id: row["id"],
            transactionID: row["transaction_id"],
            side: Side(rawValue: row["side"]) ?? .receivable,
            peerName: row["peer_name"],
            kind: Kind(rawValue: row["kind"]) ?? .other,
            amount: money(row),
            adjusts: row["adjusts_id"],
            note: row["note"],
            flag: row["flag"],
            createdAt: Date(timeIntervalSince1970: row["created_at"]),
            createdBy: row["created_by"]
        )
    }
}

extension InvoiceRecord {
    init(row: Row) {
        self.init(
            id: row["id"],
            number: row["number"],
            year: row["year"],
            sequence: row["sequence"],
            kind: Kind(rawValue: row["kind"]) ?? .invoice,
            peerName: row["peer_name"],
            issuedAt: Date(timeIntervalSince1970: row["issued_at"]),
            dueAt: Date(timeIntervalSince1970: row["due_at"]),
            through: date(row, "through"),
            total: money(row, "total"),
            creditsInvoiceID: row["credits_invoice_id"],
            voidedAt: date(row, "voided_at"),
            voidReason: row["void_reason"],
            billTo: row["bill_to"],
            note: row["note"]
        )
    }
}

extension InvoiceLineRecord {
    init(row: Row) {
        self.init(
            id: row["id"],
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
            amount: money(row)
        )
    }
}

extension PaymentRecord {
    init(row: Row) {
        self.init(
            id: row["id"],
            invoiceID: row["invoice_id"],
            amount: money(row),
            receivedOn: Date(timeIntervalSince1970: row["received_on"]),
            reference: row["reference"],
            recordedAt: Date(timeIntervalSince1970: row["recorded_at"]),
            recordedBy: row["recorded_by"]
        )
    }
}

extension ReceivedInvoiceRecord {
    init(row: Row) {
        self.init(
            id: row["id"],
            peerName: row["peer_name"],
            number: row["number"],
            invoiceDate: Date(timeIntervalSince1970: row["invoice_date"]),
            total: money(row, "total"),
            state: State(rawValue: row["state"]) ?? .flagged,
            recordedAt: Date(timeIntervalSince1970: row["recorded_at"]),
            approvedBy: row["approved_by"],
            approvedAt: date(row, "approved_at"),
            exportedAt: date(row, "exported_at"),
            note: row["note"]
        )
    }
}

extension ReceivedInvoiceLineRecord {
    init(row: Row) {
        let flags: String = row["flags"]
        self.init(
            id: row["id"],
            invoiceID: row["invoice_id"],
            lineNumber: row["line_number"],
            requestID: row["request_id"],
            transactionID: row["transaction_id"],
            description: row["description"],
            amount: money(row),
            flags: flags.isEmpty ? [] : flags.components(separatedBy: "\n")
        )
    }
}

extension SQLiteTransactionStore {
    public func readMoney<Result: Sendable>(_ work: @escaping @Sendable (any MoneyStoreReader) throws -> Result) async throws -> Result {
        try await pool.read { [rowIDs] db in try work(SQLiteStoreWriter(db: db, ids: rowIDs)) }
    }
}
