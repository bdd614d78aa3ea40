public import Foundation

/// The days the library works, for deadlines counted in business days: Monday to Friday in the library's
/// time zone, less the days it is closed (`policy.closed_days`: public holidays, a winter closure).
public struct WorkingDays: Hashable, Sendable {
    /// A Gregorian calendar in the library's time zone.
    public var calendar: Calendar
    /// Weekdays on which the library is closed.
    public var closedDays: Set<CalendarDay>

    /// Creates the working days of a calendar with these closed days.
    public init(calendar: Calendar, closedDays: Set<CalendarDay> = []) {
        self.calendar = calendar
        self.closedDays = closedDays
    }

    /// Whether the day `date` falls on (in the library's time zone) is a working day.
    public func isWorkingDay(_ date: Date) -> Bool {
        !calendar.isDateInWeekend(date) && !closedDays.contains(CalendarDay(date, in: calendar))
    }
}
