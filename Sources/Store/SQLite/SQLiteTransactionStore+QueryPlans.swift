public import Foundation
import GRDB
import Transactions

/// One query the daemon runs on every message or on every staff screen, with SQLite's plan for it.
public struct QueryPlan: Hashable, Sendable {
    /// What the query is for.
    public var name: String
    /// The lines of `EXPLAIN QUERY PLAN`.
    public var plan: [String]

    /// Whether SQLite reads a whole table or a whole index for it (`SCAN`, where `SEARCH` uses a key).
    /// Reading the rows of a subquery (`SCAN (subquery-1)`, bounded by its LIMIT) is not a table scan.
    public var scansATable: Bool {
        plan.contains { $0.hasPrefix("SCAN ") && !$0.hasPrefix("SCAN (subquery") && !$0.hasPrefix("SCAN CONSTANT ROW") }
    }
}

extension SQLiteTransactionStore {
    /// SQLite's plan for every query on the message path and the staff worklists, as the store runs them,
    /// so a test (and `Benchmarks/`) can insist that none of them reads a whole table as the store grows.
    public func hotQueryPlans() async throws -> [QueryPlan] {
        try await read { [rowIDs] db in
            let writer = SQLiteStoreWriter(db: db, ids: rowIDs)
            let since = Date(timeIntervalSince1970: 0)
            let open = [SupplierState.loaned.rawValue, SupplierState.willSupply.rawValue]
            var queries: [(String, String, StatementArguments)] = [
                (
                    "transaction by request id",
                    "SELECT \(TransactionRecord.selectedColumns) FROM ill_transaction WHERE role = ? AND requesting_agency_id = ? AND requesting_agency_request_id = ? AND superseded = 0",
                    ["supplier", "ISIL:X", "R-1"]
                ),
                ("transaction by id", "SELECT \(TransactionRecord.selectedColumns) FROM ill_transaction WHERE id = ?", [1]),
                ("retransmission", "SELECT * FROM message WHERE direction = 'inbound' AND deduplication_key = ?", ["k"]),
                ("tx show: messages", "SELECT * FROM message WHERE transaction_id = ? ORDER BY id", [1]),
                ("tx show: events", "SELECT * FROM event WHERE transaction_id = ? ORDER BY id", [1]),
                ("tx show: reminders", "SELECT * FROM reminder WHERE transaction_id = ? ORDER BY sent_at, due_date, number", [1]),
                ("policy facts", "SELECT * FROM transaction_policy WHERE transaction_id = ?", [1]),
                (
                    "worklist by state",
                    "SELECT \(TransactionRecord.selectedColumns) FROM ill_transaction WHERE role = ? AND state = ? ORDER BY id DESC LIMIT ?",
                    ["supplier", SupplierState.willSupply.rawValue, 100]
                ),
                ("holdings by identifier", "SELECT holding_id FROM holding_identifier WHERE kind = ? AND value IN (?)", ["isbn", "9780000000000"]),
                ("holdings by title", "SELECT id FROM holding WHERE title_key = ?", ["typee"]),
                ("open review of a transaction", "SELECT * FROM review WHERE transaction_id = ? AND state = 'open' ORDER BY id DESC LIMIT 1", [1]),
                ("open reviews due", "SELECT * FROM review WHERE state = 'open' AND deadline IS NOT NULL AND deadline <= ? ORDER BY deadline, id", [0]),
                ("ledger of a transaction", "SELECT * FROM copyright_ledger WHERE transaction_id = ? ORDER BY id", [1]),
                (
                    "patron purge due",
                    "SELECT id FROM ill_transaction WHERE closed_at IS NOT NULL AND patron_data_purged_at IS NULL AND closed_at < ? ORDER BY closed_at LIMIT ?",
                    [0, 100]
                ),
            ]
            let histories: [(String, HistoryQuery)] = [
                (
                    "open loans to a peer",
                    HistoryQuery(role: "supplier", peerName: "p", states: open, serviceTypes: ["Loan", "CopyOrLoan"], countAtMost: 10)
                ),
                ("same citation from a peer", HistoryQuery(role: "supplier", peerName: "p", citationKey: "c", since: since, countAtMost: 1)),
                ("same title from a peer", HistoryQuery(role: "supplier", peerName: "p", serviceTypes: ["Copy"], titleKey: "t", since: since, countAtMost: 5)),
                ("same issue from a peer", HistoryQuery(role: "supplier", peerName: "p", issueKey: "i", articlesOnly: true, since: since, countAtMost: 5)),
                ("same patron", HistoryQuery(role: "requester", patronKey: "k", countAtMost: 5)),
            ]
            for worklist in Worklist.allCases {
                let (sql, arguments) = Self.worklistStatement(WorklistQuery(worklist, now: since))
                queries.append(("worklist \(worklist)", sql, arguments))
            }
            let (branchSQL, branchArguments) = Self.worklistStatement(WorklistQuery(.readyForPickup, now: since, pickupLocation: "MAIN"))
            queries.append(("worklist ready-for-pickup at one branch", branchSQL, branchArguments))
            let (pickSQL, pickArguments) = Self.worklistStatement(WorklistQuery(.toPull, now: since, branch: "MAIN"))
            queries.append(("worklist to-pull at one branch", pickSQL, pickArguments))
            let (transactionPullsSQL, transactionPullsArguments) = Self.pullsStatement(PullQuery(states: [], transactionID: 1))
            queries.append(("pulls of a transaction", transactionPullsSQL, transactionPullsArguments))
            queries.append(("pulls of a transaction (writer)", "SELECT * FROM pull WHERE transaction_id = ? ORDER BY id", [1]))
            let (dueSQL, dueArguments) = Self.duePullsStatement(at: since)
            queries.append(("pulls due", dueSQL, dueArguments))
            let (demandSQL, demandArguments) = Self.demandStatement(from: since, before: since, minimumRequests: 2)
            queries.append(("demand report", demandSQL, demandArguments))
            let (shipmentsSQL, shipmentsArguments) = Self.shipmentsStatement(from: since, before: since)
            queries.append(("packing list: a day's shipments", shipmentsSQL, shipmentsArguments))
            let (activitySQL, activityArguments) = Self.activityStatement(from: since, before: since)
            queries.append(("activity report", activitySQL, activityArguments))
            let period: StatementArguments = [since.timeIntervalSince1970, since.timeIntervalSince1970]
            queries += [
                ("activity report: invoices issued", SQLiteStoreWriter.issuedInvoicesStatement, period),
                ("activity report: payments received", SQLiteStoreWriter.receivedPaymentsStatement, period),
                ("activity report: lenders' invoices dated", SQLiteStoreWriter.recordedLenderInvoicesStatement, period),
                ("activity report: lenders' invoices approved", SQLiteStoreWriter.approvedLenderInvoicesStatement, period),
            ]
            for (name, query) in histories {
                let (sql, arguments) = writer.historyCountStatement(query)
                queries.append((name, sql, arguments))
            }
            return try queries.map { name, sql, arguments in
                let rows = try Row.fetchAll(db, sql: "EXPLAIN QUERY PLAN " + sql, arguments: arguments)
                return QueryPlan(name: name, plan: rows.map { $0["detail"] as String })
            }
        }
    }
}
