import Foundation
import Policy
import Testing

/// `YYYY-MM-DD` days as staff and configuration files write them.
@Suite struct CalendarDayTests {
    @Test(arguments: ["2026-02-28", "2024-02-29", "2026-12-31", "0999-01-01"])
    func realDaysAreRead(_ text: String) throws {
        #expect(try #require(CalendarDay(iso: text)).description == text)
    }

    @Test(arguments: ["2026-02-29", "2026-02-30", "2026-13-01", "2026-1-05", "26-01-05", "2026-01-05T00:00", "2026/01/05", "", "2026--05"])
    func anythingElseIsRefused(_ text: String) {
        #expect(CalendarDay(iso: text) == nil)
    }

    @Test func aDayStartsAtMidnightInTheLibrarysZone() throws {
        var chicago = Calendar(identifier: .gregorian)
        chicago.timeZone = try #require(TimeZone(identifier: "America/Chicago"))
        let start = try #require(CalendarDay(iso: "2026-07-01")?.start(in: chicago))
        #expect(start == Date(timeIntervalSince1970: 1_782_882_000))  // 2026-07-01T05:00:00Z
    }
}
