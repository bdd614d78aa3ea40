public import Foundation
public import ISO18626

/// Unpaid invoices by age (days since issue): current (under 30), 30-59, 60-89 and 90 or more.
public struct AgingReport: Hashable, Sendable {
    /// One peer's row.
    public struct Row: Hashable, Sendable {
        public var peerName: String
        public var current: Money
        public var days30: Money
        public var days60: Money
        public var days90: Money
        public var total: Money
    }

    public var asOf: Date
    public var rows: [Row]

    /// The report as CSV.
    public func csv() -> String {
        CSVText.render(
            header: ["peer", "currency", "current", "30", "60", "90+", "total"],
            rows: rows.map {
                [$0.peerName, $0.total.currency.value, $0.current.formattedAmount, $0.days30.formattedAmount, $0.days60.formattedAmount,
                 $0.days90.formattedAmount, $0.total.formattedAmount]
            }
        )
    }
}
