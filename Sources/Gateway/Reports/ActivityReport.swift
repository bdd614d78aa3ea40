public import Foundation
public import Store
public import Transactions

/// The ILL department's statistics for a period: per role and peer, how many requests, how many were
/// supplied, unfilled, answered with conditions, cancelled or are still open, the fill rate and the median
/// time to supply; for the whole period or month by month. Built from ``TransactionStore/activity(createdFrom:before:)``.
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
    }

    /// Month by month when asked for (oldest first); within a month (or the period), lending lines first,
    /// then borrowing; within a role, peers by name, then the role's total.
    public var lines: [Line]

    /// Works out the report.
    /// - Parameters:
    ///   - records: the period's transactions.
    ///   - byMonth: one block of lines per calendar month in which requests were created.
    ///   - calendar: whose months (the library's time zone).
    public init(_ records: [TransactionActivityRecord], byMonth: Bool = false, calendar: Calendar = Calendar(identifier: .gregorian)) {
        guard byMonth else {
            lines = Self.lines(records, month: nil)
            return
        }
        // Sorted by creation, each month's records are one run, found with one calendar
        // computation per month rather than per record.
        var lines: [Line] = []
        let sorted = records.sorted { $0.createdAt < $1.createdAt }
        var index = sorted.startIndex
        while index < sorted.endIndex {
            let first = sorted[index].createdAt
            let parts = calendar.dateComponents([.year, .month], from: first)
            let start = calendar.date(from: parts) ?? first
            let next = calendar.date(byAdding: .month, value: 1, to: start) ?? first.addingTimeInterval(31 * 86_400)
            let end = sorted[index...].firstIndex { $0.createdAt >= next } ?? sorted.endIndex
            lines += Self.lines(Array(sorted[index..<end]), month: String(format: "%04d-%02d", parts.year ?? 0, parts.month ?? 0))
            index = end
        }
        self.lines = lines
    }

    private static func lines(_ records: [TransactionActivityRecord], month: String?) -> [Line] {
        var lines: [Line] = []
        for role in [TransactionRole.supplier, .requester] {
            let ofRole = records.filter { $0.role == role }
            guard !ofRole.isEmpty else { continue }
            let byPeer = Dictionary(grouping: ofRole, by: \.peerName)
            for peer in byPeer.keys.sorted() {
                lines.append(Self.line(role: role, peerName: peer, month: month, byPeer[peer] ?? []))
            }
            lines.append(Self.line(role: role, peerName: nil, month: month, ofRole))
        }
        return lines
    }

    private static func line(role: TransactionRole, peerName: String?, month: String?, _ records: [TransactionActivityRecord]) -> Line {
        var line = Line(role: role, peerName: peerName, month: month)
        line.requests = records.count
        for record in records {
            switch record.outcome {
            case .supplied: line.supplied += 1
            case .unfilled: line.unfilled += 1
            case .conditions: line.conditions += 1
            case .cancelled: line.cancelled += 1
            case .open: line.open += 1
            }
        }
        let answered = line.supplied + line.unfilled + line.conditions
        line.fillRate = answered == 0 ? nil : Double(line.supplied) / Double(answered)
        let days = records.compactMap { record in record.suppliedAt.map { $0.timeIntervalSince(record.createdAt) / 86_400 } }.sorted()
        if !days.isEmpty {
            line.medianDaysToSupply = days.count % 2 == 1 ? days[days.count / 2] : (days[days.count / 2 - 1] + days[days.count / 2]) / 2
        }
        return line
    }
}
