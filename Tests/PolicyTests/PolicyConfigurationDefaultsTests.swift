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
        let deadline = timeout.deadline(from: friday, calendar: calendar)
        #expect(calendar.dateComponents([.year, .month, .day, .hour], from: deadline) == DateComponents(year: 2026, month: 11, day: 24, hour: 10))
    }
}
