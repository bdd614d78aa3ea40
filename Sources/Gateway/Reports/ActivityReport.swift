public import Foundation
public import ISO18626
public import Store
public import Transactions

/// The ILL department's statistics for a period: per role and peer, how many requests, how many were
/// supplied, unfilled, answered with conditions, cancelled or are still open, the fill rate, the median
/// time to supply, and the money billed and paid; for the whole period or month by month. Built from
/// ``TransactionStore/activity(createdFrom:before:)`` and ``MoneyStoreReader/moneyActivity(from:before:)``.
public struct ActivityReport: Hashable, Sendable {
    /// One peer's figures for one role, or a role's total (`peerName` nil).
    public struct Line: Hashable, Sendable {
        public var role: TransactionRole
        /// The peer, or `nil` on a role's total line.
        public var peerName: String?
        /// The calendar month (`2026-03`) on a month-by-month report, else `nil`.
        public var month: String?
        public var requests = 0
        public var supplied = 0
        public var unfilled = 0
        public var conditions = 0
        public var cancelled = 0
        public var open = 0
        /// Supplied ÷ (supplied + unfilled + conditions): of the requests the supplier answered, the share
        /// supplied; cancellations and open requests do not count. `nil` when none was answered.
        public var fillRate: Double?
        /// The median days from the request to its supply, over the supplied requests.
        public var medianDaysToSupply: Double?
        /// Lending: the invoices (less credit notes) we issued to the peer in the period; borrowing: the
        /// lender's invoices to us dated in it. One total per currency, by currency code; never converted.
        public var billed: [Money] = []
        /// Lending: the payments the peer made in the period; borrowing: the lender's invoices we approved
        /// for payment in it. One total per currency, by currency code.
        public var paid: [Money] = []
    }

    /// Month by month when asked for (oldest first); within a month (or the period), lending lines first,
    /// then borrowing; within a role, peers by name, then the role's total.
    public var lines: [Line]

    /// Works out the report.
    /// - Parameters:
    ///   - records: the period's transactions (as the store reads them, oldest first).
    ///   - money: the money billed and paid in the period (by the day it is dated, not by the requests it is for).
    ///   - byMonth: one block of lines per calendar month in which requests were created or money was dated.
    ///   - calendar: whose months (the library's time zone).
    public init(
        _ records: [TransactionActivityRecord],
        money: [MoneyActivityRecord] = [],
        byMonth: Bool = false,
        calendar: Calendar = Calendar(identifier: .gregorian)
    ) {
        guard byMonth else {
            lines = Self.lines(records, money, month: nil)
            return
        }
        let months = MonthBuckets(calendar: calendar)
        var recordsByMonth: [String: [ArraySlice<TransactionActivityRecord>]] = [:]
        // Sorted by creation, each month's records are one run, found with one calendar computation per
        // month rather than per record, and tallied where they lie (no copy).
        let inOrder = zip(records, records.dropFirst()).allSatisfy { $0.createdAt <= $1.createdAt }
        let sorted = inOrder ? records : records.sorted { $0.createdAt < $1.createdAt }
        var index = sorted.startIndex
        while index < sorted.endIndex {
            let month = months.month(of: sorted[index].createdAt)
            let end = sorted[index...].firstIndex { $0.createdAt >= month.end } ?? sorted.endIndex
            recordsByMonth[month.name, default: []].append(sorted[index..<end])
            index = end
        }
        let moneyByMonth = Dictionary(grouping: money) { months.month(of: $0.at).name }
        self.lines = Set(recordsByMonth.keys).union(moneyByMonth.keys).sorted().flatMap { month in
            Self.lines(recordsByMonth[month] ?? [], moneyByMonth[month] ?? [], month: month)
        }
    }

    /// The calendar months dates fall in, named `YYYY-MM`.
    private struct MonthBuckets {
        var calendar: Calendar

        func month(of date: Date) -> (name: String, end: Date) {
            let parts = calendar.dateComponents([.year, .month], from: date)
            let start = calendar.date(from: parts) ?? date
            let end = calendar.date(byAdding: .month, value: 1, to: start) ?? date.addingTimeInterval(31 * 86_400)
            return (String(format: "%04d-%02d", parts.year ?? 0, parts.month ?? 0), end)
        }
    }

    private static func lines(_ records: [TransactionActivityRecord], _ money: [MoneyActivityRecord], month: String?) -> [Line] {
        lines([records[...]], money, month: month)
    }

    /// The lines of one block: per role, a line per peer (by name) and the role's total, tallied in one
    /// pass over the records.
    private static func lines(_ runs: [ArraySlice<TransactionActivityRecord>], _ money: [MoneyActivityRecord], month: String?) -> [Line] {
        var lines: [Line] = []
        for role in [TransactionRole.supplier, .requester] {
            var byPeer: [String: Tally] = [:]
            var total = Tally()
            for run in runs {
                for record in run where record.role == role {
                    byPeer[record.peerName, default: Tally()].count(record)
                    total.count(record)
                }
            }
            let moneyOfRole = money.filter { $0.role == role }
            guard total.requests > 0 || !moneyOfRole.isEmpty else { continue }
            let moneyByPeer = Dictionary(grouping: moneyOfRole, by: \.peerName)
            for peer in Set(byPeer.keys).union(moneyByPeer.keys).sorted() {
                lines.append((byPeer[peer] ?? Tally()).line(role: role, peerName: peer, month: month, money: moneyByPeer[peer] ?? []))
            }
            lines.append(total.line(role: role, peerName: nil, month: month, money: moneyOfRole))
        }
        return lines
    }

    /// What one line counts, gathered record by record.
    private struct Tally {
        var requests = 0
        var supplied = 0
        var unfilled = 0
        var conditions = 0
        var cancelled = 0
        var open = 0
        /// Days from request to supply, of the supplied requests.
        var daysToSupply: [Double] = []

        mutating func count(_ record: TransactionActivityRecord) {
            requests += 1
            switch record.outcome {
            case .supplied: supplied += 1
            case .unfilled: unfilled += 1
            case .conditions: conditions += 1
            case .cancelled: cancelled += 1
            case .open: open += 1
            }
            if let supplied = record.suppliedAt {
                daysToSupply.append(supplied.timeIntervalSince(record.createdAt) / 86_400)
            }
        }

        func line(role: TransactionRole, peerName: String?, month: String?, money: [MoneyActivityRecord]) -> Line {
            var line = Line(role: role, peerName: peerName, month: month)
            line.billed = ActivityReport.totals(money, .billed)
            line.paid = ActivityReport.totals(money, .paid)
            line.requests = requests
            line.supplied = supplied
            line.unfilled = unfilled
            line.conditions = conditions
            line.cancelled = cancelled
            line.open = open
            let answered = line.supplied + line.unfilled + line.conditions
            line.fillRate = answered == 0 ? nil : Double(line.supplied) / Double(answered)
            let days = daysToSupply.sorted()
            if !days.isEmpty {
                line.medianDaysToSupply = days.count % 2 == 1 ? days[days.count / 2] : (days[days.count / 2 - 1] + days[days.count / 2]) / 2
            }
            return line
        }
    }

    /// One total per currency, by currency code.
    private static func totals(_ money: [MoneyActivityRecord], _ kind: MoneyActivityRecord.Kind) -> [Money] {
        var totals: [String: Money] = [:]
        for record in money where record.kind == kind {
            let code = record.amount.currency.value
            let sum = (totals[code]?.amount ?? 0) + record.amount.amount
            totals[code] = Money(exactly: sum, record.amount.currency)
        }
        return totals.keys.sorted().compactMap { totals[$0] }
    }
}
