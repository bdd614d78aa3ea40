public import Foundation

extension CopyrightBorrowingConfiguration.Retention {
    /// The instant from which a ledger row may be purged.
    ///
    /// - `contu`: 1 January of request year + 4 at 00:00 in the calendar's time zone, i.e. after the end of
    ///   the third complete calendar year after the year of the request (CONTU guideline 4). A request made
    ///   in 2025 is kept through 2028-12-31 and purged from 2029-01-01.
    /// - `years(n)`: the request date plus `n` calendar years.
    /// - Parameters:
    ///   - year: the request's calendar year in the library's time zone (``CopyrightSubject/requestYear``).
    ///   - requestDate: when the request was created.
    ///   - calendar: a Gregorian calendar in the library's time zone.
    public func purgeDate(forRequestYear year: Int, requestDate: Date, calendar: Calendar) -> Date {
        switch self {
        case .contu:
            var components = DateComponents()
            components.calendar = calendar
            components.timeZone = calendar.timeZone
            components.year = year + 4
            components.month = 1
            components.day = 1
            components.hour = 0
            components.minute = 0
            components.second = 0
            return calendar.date(from: components) ?? requestDate.addingTimeInterval(4 * 366 * 86_400)
        case .years(let count):
            return calendar.date(byAdding: .year, value: count, to: requestDate)
                ?? requestDate.addingTimeInterval(TimeInterval(count) * 365.25 * 86_400)
        }
    }
}
