import Foundation
public import Store
public import Transactions

/// The ILL department's statistics for a period: per role and peer, how many requests, how many were
/// supplied, unfilled, answered with conditions, cancelled or are still open, the fill rate and the median
/// time to supply. Built from ``TransactionStore/activity(createdFrom:before:)``.
public struct ActivityReport: Hashable, Sendable {
    /// One peer's figures for one role, or a role's total (`peerName` nil).
    public struct Line: Hashable, Sendable {
        public var role: TransactionRole
        /// The peer, or `nil` on a role's total line.
        public var peerName: String?
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

    /// Lending lines first, then borrowing; within a role, peers by name, then the role's total.
    public var lines: [Line]

    /// Works out the report.
    public init(_ records: [TransactionActivityRecord]) {
        var lines: [Line] = []
        for role in [TransactionRole.supplier, .requester] {
            let ofRole = records.filter { $0.role == role }
            guard !ofRole.isEmpty else { continue }
            for peer in Set(ofRole.map(\.peerName)).sorted() {
                lines.append(Self.line(role: role, peerName: peer, ofRole.filter { $0.peerName == peer }))
            }
            lines.append(Self.line(role: role, peerName: nil, ofRole))
        }
        self.lines = lines
    }

    private static func line(role: TransactionRole, peerName: String?, _ records: [TransactionActivityRecord]) -> Line {
        var line = Line(role: role, peerName: peerName)
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
