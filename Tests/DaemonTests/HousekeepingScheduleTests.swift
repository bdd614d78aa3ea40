import Foundation
import Testing

@testable import Daemon

/// The hourly and daily chores of the housekeeping service, stepped through made-up times.
@Suite struct HousekeepingScheduleTests {
    let start = Date(timeIntervalSince1970: 1_795_000_000)

    @Test func everyChoreIsDueAtStart() {
        #expect(HousekeepingSchedule().due(at: start) == [.overdueCheck, .retentionPurge])
    }

    @Test func theOverdueCheckRunsHourlyAndThePurgeDaily() {
        var schedule = HousekeepingSchedule()
        for chore in schedule.due(at: start) { schedule.finished(chore, at: start) }
        #expect(schedule.due(at: start.addingTimeInterval(60)).isEmpty)
        #expect(schedule.due(at: start.addingTimeInterval(3_599)).isEmpty)
        #expect(schedule.due(at: start.addingTimeInterval(3_600)) == [.overdueCheck])
        // An hour is counted from when the check finished, not from when it was due.
        schedule.finished(.overdueCheck, at: start.addingTimeInterval(3_650))
        #expect(schedule.due(at: start.addingTimeInterval(7_200)).isEmpty)
        #expect(schedule.due(at: start.addingTimeInterval(7_250)) == [.overdueCheck])
        // The purge waits for more than a whole day.
        #expect(!schedule.due(at: start.addingTimeInterval(86_400)).contains(.retentionPurge))
        #expect(schedule.due(at: start.addingTimeInterval(86_401)).contains(.retentionPurge))
    }

    @Test func aChoreThatDidNotFinishStaysDue() {
        var schedule = HousekeepingSchedule()
        schedule.finished(.retentionPurge, at: start)
        // The overdue check failed at start: it is due again on the next round, a minute later.
        #expect(schedule.due(at: start.addingTimeInterval(60)) == [.overdueCheck])
    }
}
