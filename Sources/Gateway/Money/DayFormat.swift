public import Foundation

/// Writes a date as `YYYY-MM-DD` in a time zone, as every document and export prints dates.
public struct DayFormat: Sendable {
    let calendar: Calendar

    /// Days as they fall in `calendar`'s time zone.
    public init(calendar: Calendar) {
        self.calendar = calendar
    }

    /// Days as they fall in `timeZone` (Gregorian calendar).
    public init(timeZone: TimeZone) {
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = timeZone
        self.calendar = calendar
    }

    /// The day `date` falls on.
    public func callAsFunction(_ date: Date) -> String {
        let parts = calendar.dateComponents([.year, .month, .day], from: date)
        return String(format: "%04d-%02d-%02d", parts.year ?? 1970, parts.month ?? 1, parts.day ?? 1)
    }

    /// The day and the minute `date` falls on: `YYYY-MM-DD HH:MM` (a deadline counted in hours).
    public func withTime(_ date: Date) -> String {
        let parts = calendar.dateComponents([.hour, .minute], from: date)
        return self(date) + String(format: " %02d:%02d", parts.hour ?? 0, parts.minute ?? 0)
    }
}
