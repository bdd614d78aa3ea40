import Foundation
import Policy
import Testing

@Suite("Policy configuration defaults")
struct PolicyConfigurationDefaultsTests {
    @Test("review timeouts parse and count business days in the library's time zone")
    func reviewTimeout() throws {
        let timeout = try #require(ReviewTimeout(parsing: "2 business days"))
        #expect(timeout == ReviewTimeout(amount: 2, unit: .businessDays))
        #expect(ReviewTimeout(parsing: "soon") == nil)
        #expect(ReviewTimeout(parsing: "0 days") == nil)
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = try #require(TimeZone(identifier: "America/Chicago"))
        // Friday 2026-11-20 10:00 Chicago + 2 business days = Tuesday 2026-11-24 10:00.
        let friday = try #require(calendar.date(from: DateComponents(year: 2026, month: 11, day: 20, hour: 10)))
        let deadline = timeout.deadline(from: friday, workingDays: WorkingDays(calendar: calendar))
        #expect(calendar.dateComponents([.year, .month, .day, .hour], from: deadline) == DateComponents(year: 2026, month: 11, day: 24, hour: 10))
    }

    @Test("business days skip the library's closed days; hours and days do not")
    func closedDays() throws {
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = try #require(TimeZone(identifier: "America/Chicago"))
        // Wednesday 2026-11-25 10:00 Chicago; closed on Thanksgiving (Thursday) and the Friday after.
        let wednesday = try #require(calendar.date(from: DateComponents(year: 2026, month: 11, day: 25, hour: 10)))
        let closed = WorkingDays(calendar: calendar, closedDays: [CalendarDay(year: 2026, month: 11, day: 26), CalendarDay(year: 2026, month: 11, day: 27)])
        let twoBusinessDays = try #require(ReviewTimeout(parsing: "2 business days"))
        let day = { (date: Date) in calendar.dateComponents([.month, .day, .hour], from: date) }
        #expect(day(twoBusinessDays.deadline(from: wednesday, workingDays: closed)) == DateComponents(month: 12, day: 1, hour: 10), "Monday, then Tuesday")
        #expect(day(twoBusinessDays.deadline(from: wednesday, workingDays: WorkingDays(calendar: calendar))) == DateComponents(month: 11, day: 27, hour: 10))
        #expect(day(ReviewTimeout(amount: 2, unit: .days).deadline(from: wednesday, workingDays: closed)) == DateComponents(month: 11, day: 27, hour: 10))
        #expect(closed.isWorkingDay(wednesday))
        #expect(!closed.isWorkingDay(wednesday.addingTimeInterval(86_400)))
    }
}
