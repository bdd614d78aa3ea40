import Foundation

/// When the daily and hourly housekeeping chores fall due: a pure value that ``Housekeeping`` steps with the
/// gateway's clock, so the schedule is tested with made-up times instead of waiting for real ones.
///
/// Expired reviews and the backlog gauges are looked at every round and are not part of it. The overdue check
/// runs at once and then when an hour has passed since it last finished; the retention purge at once and then
/// when more than a day has passed. A chore that fails is not marked done, so the next round tries it again.
struct HousekeepingSchedule {
    /// A chore that runs less often than every round.
    enum Chore: Hashable, CaseIterable {
        /// Mark loans Overdue whose due date passed.
        case overdueCheck
        /// Purge the copyright-ledger rows and the patron data whose retention ended.
        case retentionPurge
    }

    /// The least time between two overdue checks.
    static let overdueCheckInterval: TimeInterval = 3_600
    /// The time after which the retention purge runs again.
    static let retentionPurgeInterval: TimeInterval = 86_400

    private var lastOverdueCheck: Date?
    private var lastRetentionPurge: Date?

    /// A schedule under which every chore is due at once.
    init() {}

    /// The chores due at `now`, in the order they are to run.
    func due(at now: Date) -> [Chore] {
        var chores: [Chore] = []
        if lastOverdueCheck.map({ now.timeIntervalSince($0) >= Self.overdueCheckInterval }) ?? true {
            chores.append(.overdueCheck)
        }
        if lastRetentionPurge.map({ now.timeIntervalSince($0) > Self.retentionPurgeInterval }) ?? true {
            chores.append(.retentionPurge)
        }
        return chores
    }

    /// Notes that `chore` finished at `time`; its next turn is counted from then.
    mutating func finished(_ chore: Chore, at time: Date) {
        switch chore {
        case .overdueCheck: lastOverdueCheck = time
        case .retentionPurge: lastRetentionPurge = time
        }
    }
}
