public import Foundation
public import Store

/// What staff open every morning: the worklists and the department's reports. Reads only.
extension Gateway {
    /// One worklist as of the gateway's clock.
    /// - Parameters:
    ///   - worklist: which list.
    ///   - horizon: for ``Worklist/dueSoon``, how far ahead a due date counts as soon.
    ///   - pickupLocation: for ``Worklist/readyForPickup``, only this branch's shelf.
    ///   - limit: at most this many entries.
    /// - Throws: ``StaffActionError/Reason/unknownBranch`` for a branch not in `[library]`, or the store's error.
    public func worklist(
        _ worklist: Worklist,
        horizon: TimeInterval = 3 * 86_400,
        pickupLocation: String? = nil,
        limit: Int = 1_000
    ) async throws -> [WorklistEntry] {
        let branch = try configuration.pickupBranch(pickupLocation)
        return try await store.worklist(WorklistQuery(worklist, now: now, horizon: horizon, pickupLocation: branch, limit: limit))
    }

    /// The report period of the days `from` to `to` (`YYYY-MM-DD`, both included) in the library's time
    /// zone; by default from 1 January to today on the gateway's clock.
    /// - Throws: ``ReportPeriodError`` naming the bad field, or when the period ends before it starts.
    public func reportPeriod(from: String?, to: String?) throws(ReportPeriodError) -> ReportPeriod {
        try ReportPeriod(from: from, to: to, now: now, calendar: libraryCalendar)
    }

    /// The activity report of a period.
    public func activityReport(_ period: ReportPeriod, byMonth: Bool = false) async throws -> ActivityReport {
        ActivityReport(try await store.activity(createdFrom: period.start, before: period.end), byMonth: byMonth, calendar: libraryCalendar)
    }

    /// The demand report of a period: titles asked for at least `minimumRequests` times.
    public func demandReport(_ period: ReportPeriod, minimumRequests: Int = 2) async throws -> [TitleDemandRecord] {
        try await store.demand(createdFrom: period.start, before: period.end, minimumRequests: max(1, minimumRequests))
    }
}
