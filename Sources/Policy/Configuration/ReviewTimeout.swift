public import Foundation

/// A review deadline such as "2 business days", "3 days" or "48 hours" (`policy.review_timeout`).
public struct ReviewTimeout: Hashable, Sendable, CustomStringConvertible {
    /// The unit of a review timeout.
    public enum Unit: String, Hashable, Sendable {
        case hours
        case days
        /// Monday to Friday in the library's time zone, less its closed days (``WorkingDays``).
        case businessDays = "business days"
    }

    public var amount: Int
    public var unit: Unit

    public init(amount: Int, unit: Unit) {
        self.amount = amount
        self.unit = unit
    }

    /// Parses "2 business days", "1 business day", "3 days", "48 hours" (case-insensitive), or `nil`.
    public init?(parsing text: String) {
        let words = text.lowercased().split(whereSeparator: \.isWhitespace).map(String.init)
        guard words.count >= 2, let amount = Int(words[0]), amount > 0 else { return nil }
        let rest = words.dropFirst().joined(separator: " ")
        switch rest {
        case "hour", "hours", "h": self.init(amount: amount, unit: .hours)
        case "day", "days", "d": self.init(amount: amount, unit: .days)
        case "business day", "business days", "working day", "working days": self.init(amount: amount, unit: .businessDays)
        default: return nil
        }
    }

    /// The deadline for a wait that starts at `start`: hours and days are counted on the clock and the
    /// calendar; business days skip weekends and the library's closed days, and end at the same time of day.
    public func deadline(from start: Date, workingDays: WorkingDays) -> Date {
        let calendar = workingDays.calendar
        switch unit {
        case .hours:
            return start.addingTimeInterval(TimeInterval(amount) * 3600)
        case .days:
            return calendar.date(byAdding: .day, value: amount, to: start) ?? start.addingTimeInterval(TimeInterval(amount) * 86_400)
        case .businessDays:
            var date = start
            var remaining = amount
            while remaining > 0 {
                date = calendar.date(byAdding: .day, value: 1, to: date) ?? date.addingTimeInterval(86_400)
                if workingDays.isWorkingDay(date) { remaining -= 1 }
            }
            return date
        }
    }

    public var description: String {
        "\(amount) \(amount == 1 && unit == .businessDays ? "business day" : amount == 1 ? String(unit.rawValue.dropLast()) : unit.rawValue)"
    }
}
