public import Foundation

/// A day of the Gregorian calendar, without time or zone: publication dates and calendar rules are
/// reasoned about in days (N04, K04).
public struct CalendarDay: Hashable, Sendable, Comparable, CustomStringConvertible {
    public var year: Int
    public var month: Int
    public var day: Int

    public init(year: Int, month: Int, day: Int) {
        self.year = year
        self.month = month
        self.day = day
    }

    /// The day an instant falls on in a calendar's time zone.
    public init(_ date: Date, in calendar: Calendar) {
        let parts = calendar.dateComponents([.year, .month, .day], from: date)
        self.init(year: parts.year ?? 1970, month: parts.month ?? 1, day: parts.day ?? 1)
    }

    /// Reads `YYYY-MM-DD`; `nil` for anything else, or for a day the calendar does not have (`2026-02-30`).
    public init?(iso text: String) {
        let parts = text.split(separator: "-", omittingEmptySubsequences: false)
        guard parts.count == 3, parts[0].count == 4, parts[1].count == 2, parts[2].count == 2,
            let year = Int(parts[0]), let month = Int(parts[1]), let day = Int(parts[2]),
            (1...12).contains(month), (1...31).contains(day)
        else { return nil }
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = TimeZone(identifier: "UTC") ?? calendar.timeZone
        let components = DateComponents(year: year, month: month, day: day)
        guard let date = calendar.date(from: components), CalendarDay(date, in: calendar) == CalendarDay(year: year, month: month, day: day) else {
            return nil
        }
        self.init(year: year, month: month, day: day)
    }

    /// The first instant of this day in the calendar's time zone.
    public func start(in calendar: Calendar) -> Date? {
        calendar.date(from: DateComponents(year: year, month: month, day: day))
    }

    public static func < (lhs: CalendarDay, rhs: CalendarDay) -> Bool {
        (lhs.year, lhs.month, lhs.day) < (rhs.year, rhs.month, rhs.day)
    }

    public var description: String {
        String(format: "%04d-%02d-%02d", year, month, day)
    }
}

/// A publication date parsed into the days it can mean (N04): `2021` is 2021-01-01 … 2021-12-31.
public struct PublicationInterval: Hashable, Sendable, CustomStringConvertible {
    public var earliest: CalendarDay
    public var latest: CalendarDay

    public init(earliest: CalendarDay, latest: CalendarDay) {
        self.earliest = earliest
        self.latest = latest
    }

    public var description: String { earliest == latest ? "\(earliest)" : "\(earliest)…\(latest)" }
}
