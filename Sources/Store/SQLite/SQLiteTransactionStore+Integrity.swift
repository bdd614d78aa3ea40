import GRDB
import ISO18626
import Transactions

/// The start-up scan for stored values this version cannot read.
extension SQLiteTransactionStore {
    /// A coded column, the values it may hold, and the rows it applies to.
    private struct CodedColumn {
        var table: String
        var column: String
        var allowed: [String]
        var nullable = false
        /// Only the rows this SQL condition selects (a state is read by its row's role).
        var rows: String?
        var expected: String

        init<Code: CaseIterable & RawRepresentable<String>>(
            _ table: String,
            _ column: String,
            _ code: Code.Type,
            nullable: Bool = false,
            rows: String? = nil,
            expected: String
        ) {
            self.table = table
            self.column = column
            self.allowed = Code.allCases.map(\.rawValue)
            self.nullable = nullable
            self.rows = rows
            self.expected = expected
        }

        /// The rows holding a value outside ``allowed`` (or NULL where it may not be).
        var query: String {
            let marks = allowed.map { _ in "?" }.joined(separator: ",")
            let bad = nullable ? "(\(column) IS NOT NULL AND \(column) NOT IN (\(marks)))" : "(\(column) IS NULL OR \(column) NOT IN (\(marks)))"
            let condition = rows.map { "(\($0)) AND \(bad)" } ?? bad
            return "SELECT id, \(column) AS value FROM \(table) WHERE \(condition) ORDER BY id LIMIT ?"
        }
    }

    /// Every coded column of every table.
    private static let codedColumns: [CodedColumn] = [
        CodedColumn("ill_transaction", "role", TransactionRole.self, expected: "a role"),
        CodedColumn("ill_transaction", "state", SupplierState.self, rows: "role = 'supplier'", expected: "a lending state"),
        CodedColumn("ill_transaction", "state", RequesterState.self, rows: "role = 'requester'", expected: "a borrowing state"),
        CodedColumn("ill_transaction", "service_type", ServiceType.self, expected: "a service type"),
        CodedColumn("ill_transaction", "edition", Edition.self, expected: "an edition"),
        CodedColumn("ill_transaction", "last_status", Status.self, nullable: true, expected: "a status"),
        CodedColumn("message", "direction", MessageDirection.self, expected: "a direction"),
        CodedColumn("message", "kind", MessageKind.self, nullable: true, expected: "a message type"),
        CodedColumn("message", "confirmation_status", MessageStatus.self, nullable: true, expected: "OK or ERROR"),
        CodedColumn("event", "source", EventRecord.Source.self, expected: "an event source"),
        CodedColumn("outbox", "status", OutboxRecord.Status.self, expected: "an outbox status"),
        CodedColumn("holding", "status", HoldingRecord.Status.self, expected: "a holding status"),
        CodedColumn("copyright_ledger", "state", LedgerEntryRecord.State.self, expected: "a ledger state"),
        CodedColumn("review", "side", ReviewRecord.Side.self, expected: "lending or borrowing"),
        CodedColumn("review", "state", ReviewRecord.State.self, expected: "a review state"),
        CodedColumn("pull", "state", PullRecord.State.self, expected: "a pull state"),
        CodedColumn("charge", "side", ChargeRecord.Side.self, expected: "receivable or payable"),
        CodedColumn("charge", "kind", ChargeRecord.Kind.self, expected: "a charge kind"),
        CodedColumn("invoice", "kind", InvoiceRecord.Kind.self, expected: "invoice or creditNote"),
        CodedColumn("received_invoice", "state", ReceivedInvoiceRecord.State.self, expected: "flagged, clean or approved"),
    ]

    public func unreadableRows(limit: Int) async throws -> [StoreError] {
        try await read { db in
            var found: [StoreError] = []
            for coded in Self.codedColumns where found.count < limit {
                let arguments = StatementArguments(coded.allowed) + [limit - found.count]
                for row in try Row.fetchAll(db, sql: coded.query, arguments: arguments) {
                    found.append(
                        StoreError.corruptValue(table: coded.table, rowID: row["id"], column: coded.column, value: row["value"], expected: coded.expected)
                    )
                }
            }
            return found
        }
    }
}
