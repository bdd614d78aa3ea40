// Times the desk's worklists and reports on the prefilled database (GatewayCommit --prefill N --desk): each
// worklist through Gateway.worklist (the money lists on the prefill's two years of invoices), a day's packing lists, the
// activity report (one month, and month by month over a year) and the demand report (one month and one
// year), the median and worst of 50 runs each (10 for the year-long reports), against three references
// measured in the same run on the same table with bare GRDB: reading one month's and one year's rows by
// their creation time (an indexed read of as many rows as those reports) and counting every row (a table scan:
// what a worklist would cost without its index).

import Foundation
import Gateway
import GRDB
import Store

enum DeskTimings {
    static func run(store: SQLiteTransactionStore, gateway: Gateway, databasePath: String, transactions: Int) async throws {
        let clock = ContinuousClock()
        var worst: Double = 0
        func measure(_ name: String, runs: Int = 50, budget: Bool = true, _ work: () async throws -> Int) async throws {
            var samples: [Double] = []
            var rows = 0
            for _ in 0..<runs {
                let began = clock.now
                rows = try await work()
                let (seconds, attoseconds) = (clock.now - began).components
                samples.append(Double(seconds) * 1000 + Double(attoseconds) / 1e15)
            }
            samples.sort()
            let (median, maximum) = (samples[runs / 2], samples[runs - 1])
            if budget { worst = max(worst, maximum) }
            print("  desk \(name): \(rows) rows; p50 \(format(median, 3)) ms, max \(format(maximum, 3)) ms")
            print("RESULT benchmark=desk name=\"\(name)\" rows=\(rows) p50_ms=\(format(median, 3)) max_ms=\(format(maximum, 3))")
        }
        // The prefill spreads the transactions over the two years before now.
        let now = Date()
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = TimeZone(identifier: "UTC") ?? .current
        let monthAgo = calendar.date(byAdding: .month, value: -13, to: now) ?? now
        let month = try ReportPeriod(start: monthAgo, end: calendar.date(byAdding: .month, value: 1, to: monthAgo) ?? now)
        let year = try ReportPeriod(start: calendar.date(byAdding: .year, value: -1, to: now) ?? now, end: now)

        for worklist in StaffWorklist.all {
            try await measure("worklist \(worklist)") { try await gateway.worklist(worklist, limit: 1_000).count }
        }
        try await measure("packing lists, one day") { try await gateway.packingLists().count }
        try await measure("activity report, one month") { try await gateway.activityReport(month).lines.count }
        try await measure("activity report, a year by month", runs: 10) { try await gateway.activityReport(year, byMonth: true).lines.count }
        try await measure("demand report, one month") { try await gateway.demandReport(month).count }
        try await measure("demand report, a year", runs: 10) { try await gateway.demandReport(year).count }

        let pool = try DatabasePool(path: databasePath)
        try await measure("reference: bare GRDB read of one month's rows by created_at", budget: false) {
            try await pool.read { db in
                try Row.fetchAll(
                    db,
                    sql: "SELECT id, role, state, peer_name, created_at FROM ill_transaction WHERE created_at >= ? AND created_at < ?",
                    arguments: [month.start.timeIntervalSince1970, month.end.timeIntervalSince1970]
                ).count
            }
        }
        try await measure("reference: bare GRDB read of one year's rows by created_at", runs: 10, budget: false) {
            try await pool.read { db in
                try Row.fetchAll(
                    db,
                    sql: "SELECT id, role, state, peer_name, created_at FROM ill_transaction WHERE created_at >= ? AND created_at < ?",
                    arguments: [year.start.timeIntervalSince1970, year.end.timeIntervalSince1970]
                ).count
            }
        }
        try await measure("reference: bare GRDB COUNT(*) of every transaction (a table scan)", runs: 10, budget: false) {
            try await pool.read { db in try Int.fetchOne(db, sql: "SELECT COUNT(*) FROM ill_transaction") ?? 0 }
        }
        print("  desk: the slowest worklist or report took \(format(worst, 1)) ms at most on \(transactions) transactions (target: under 100 ms)")
        print("RESULT benchmark=desk-worst transactions=\(transactions) max_ms=\(format(worst, 3)) under_100_ms=\(worst < 100)")
    }
}
