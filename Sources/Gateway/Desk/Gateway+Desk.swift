public import Foundation
import ISO18626
public import Store
import Transactions

/// What staff open every morning: the worklists and the department's reports. Reads only.
extension Gateway {
    /// One worklist as of the gateway's clock.
    /// - Parameters:
    ///   - worklist: which list.
    ///   - horizon: for ``Worklist/dueSoon``, how far ahead a due date counts as soon.
    ///   - pickupLocation: for ``Worklist/readyForPickup``, only this branch's shelf; for ``Worklist/toPull``,
    ///     only this owning branch's pick list.
    ///   - limit: at most this many entries.
    /// - Throws: ``StaffActionError/Reason/unknownBranch`` for a branch not in `[library]`, or the store's error.
    public func worklist(
        _ worklist: Worklist,
        horizon: TimeInterval = 3 * 86_400,
        pickupLocation: String? = nil,
        limit: Int = 1_000
    ) async throws -> [WorklistEntry] {
        if worklist == .toPull {
            let branch = try configuration.knownBranch(pickupLocation, as: "branch")
            return try await store.worklist(WorklistQuery(worklist, now: now, branch: branch, limit: limit))
        }
        let branch = try configuration.pickupBranch(pickupLocation)
        let entries = try await store.worklist(WorklistQuery(worklist, now: now, horizon: horizon, pickupLocation: branch, limit: limit))
        return worklist.showsReminders ? withNextReminders(entries) : entries
    }

    /// Any worklist by kind: a transactions list as ``worklist(_:horizon:pickupLocation:limit:)`` reads it, or
    /// a money list from the charges and invoices.
    public func worklist(
        _ list: StaffWorklist,
        horizon: TimeInterval = 3 * 86_400,
        pickupLocation: String? = nil,
        limit: Int = 1_000
    ) async throws -> [WorklistEntry] {
        switch list {
        case .transactions(let worklist):
            return try await self.worklist(worklist, horizon: horizon, pickupLocation: pickupLocation, limit: limit)
        case .money(let worklist):
            return Array(try await moneyWorklist(worklist).prefix(limit))
        }
    }

    private func moneyWorklist(_ worklist: MoneyWorklist) async throws -> [WorklistEntry] {
        switch worklist {
        case .awaitingBill:
            return try await awaitingLendersBill().map { transaction in
                WorklistEntry(
                    transactionID: transaction.id,
                    role: transaction.role,
                    state: transaction.state,
                    peerName: transaction.peerName,
                    title: transaction.title,
                    requestID: transaction.requestingAgencyRequestID,
                    dueDate: transaction.dueDate,
                    pickupLocation: transaction.pickupLocation,
                    since: transaction.updatedAt
                )
            }
        case .invoicesToApprove:
            let waiting = try await receivedInvoices(states: [.flagged, .clean])
            return waiting.sorted { ($0.invoice.state == .flagged ? 0 : 1, $0.invoice.id) < ($1.invoice.state == .flagged ? 0 : 1, $1.invoice.id) }
                .map { document in
                    let flags = document.lines.flatMap(\.flags)
                    return WorklistEntry(
                        transactionID: nil,
                        role: .requester,
                        state: document.invoice.state.rawValue,
                        peerName: document.invoice.peerName,
                        title: "\(document.lines.count) line\(document.lines.count == 1 ? "" : "s")",
                        since: document.invoice.invoiceDate,
                        note: flags.isEmpty ? nil : flags.joined(separator: "; "),
                        invoiceNumber: document.invoice.number,
                        amount: document.invoice.total.description
                    )
                }
        case .unpaidInvoices:
            return try await unpaidInvoices().map { document in
                WorklistEntry(
                    transactionID: nil,
                    role: .supplier,
                    state: document.invoice.dueAt < now ? "overdue" : "open",
                    peerName: document.invoice.peerName,
                    title: "\(document.lines.count) line\(document.lines.count == 1 ? "" : "s")",
                    dueDate: document.invoice.dueAt,
                    since: document.invoice.issuedAt,
                    invoiceNumber: document.invoice.number,
                    amount: document.balance.description
                )
            }
        }
    }

    /// The report period of the days `from` to `to` (`YYYY-MM-DD`, both included) in the library's time
    /// zone; by default from 1 January to today on the gateway's clock.
    /// - Throws: ``ReportPeriodError`` naming the bad field, or when the period ends before it starts.
    public func reportPeriod(from: String?, to: String?) throws(ReportPeriodError) -> ReportPeriod {
        try ReportPeriod(from: from, to: to, now: now, calendar: libraryCalendar)
    }

    /// The activity report of a period: the requests created in it, and the money billed and paid in it.
    public func activityReport(_ period: ReportPeriod, byMonth: Bool = false) async throws -> ActivityReport {
        let (start, end) = (period.start, period.end)
        async let money = store.readMoney { reader in try reader.moneyActivity(from: start, before: end) }
        let records = try await store.activity(createdFrom: start, before: end)
        return ActivityReport(records, money: try await money, byMonth: byMonth, calendar: libraryCalendar)
    }

    /// The demand report of a period: titles asked for at least `minimumRequests` times.
    public func demandReport(_ period: ReportPeriod, minimumRequests: Int = 2) async throws -> [TitleDemandRecord] {
        try await store.demand(createdFrom: period.start, before: period.end, minimumRequests: max(1, minimumRequests))
    }
}
