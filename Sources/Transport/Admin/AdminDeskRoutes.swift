import Foundation
import Gateway
import Hummingbird
import Logging
import Documents
import Printing
import Store

/// The admin API's worklist and report handlers: `GET /v1/worklists/{name}` (`branch`, `within_days`,
/// `limit`), `GET /v1/reports/activity` (`from`, `to`, `by=month`), `GET /v1/reports/demand` (`from`,
/// `to`, `min`), and the PDFs: `GET /v1/transactions/{id}/band` (book band), `GET /v1/transactions/{id}/label`
/// (lending label), `GET /v1/packing` (`date`, `peer`, `paper`: a day's packing lists), and
/// `POST /v1/transactions/{id}/notices/{kind}` (a patron notice sent again), `POST /v1/transactions/{id}/reminders`
/// (the next overdue reminder, now). Periods are days `YYYY-MM-DD` in
/// the library's time zone.
struct AdminDeskRoutes: Sendable {
    let gateway: Gateway
    let logger: Logger

    func worklist(_ name: String, _ request: Request) async throws -> [AdminWorklistEntry] {
        guard let worklist = StaffWorklist(name: name) else {
            let known = StaffWorklist.all.map(\.description).joined(separator: ", ")
            throw AdminError(error: "no worklist named '\(name)'; worklists: \(known)", reason: .notFound)
        }
        let query = request.uri.queryParameters
        let days = try number(query.get("within_days"), field: "within_days") ?? 3
        let limit = try number(query.get("limit"), field: "limit") ?? 1_000
        let entries = try await gateway.worklist(worklist, horizon: TimeInterval(days) * 86_400, pickupLocation: query.get("branch"), limit: limit)
        return entries.map(AdminWorklistEntry.init)
    }

    func activity(_ request: Request) async throws -> [AdminActivityLine] {
        let query = request.uri.queryParameters
        let byMonth: Bool
        switch query.get("by") {
        case nil, "period": byMonth = false
        case "month": byMonth = true
        case let other?: throw AdminError(error: "by: '\(other)' is not month or period", reason: .badRequest)
        }
        let period = try gateway.reportPeriod(from: query.get("from"), to: query.get("to"))
        return try await gateway.activityReport(period, byMonth: byMonth).lines.map(AdminActivityLine.init)
    }

    func demand(_ request: Request) async throws -> [AdminDemandLine] {
        let query = request.uri.queryParameters
        let minimum = try number(query.get("min"), field: "min") ?? 2
        let period = try gateway.reportPeriod(from: query.get("from"), to: query.get("to"))
        return try await gateway.demandReport(period, minimumRequests: minimum).map(AdminDemandLine.init)
    }

    func band(_ id: Int64) async throws -> [UInt8] {
        try BookBandLayout.render(try await gateway.bookBand(transactionID: id), calendar: gateway.libraryCalendar)
    }

    func label(_ id: Int64) async throws -> [UInt8] {
        try LendingLabelLayout.render(try await gateway.lendingLabel(transactionID: id), calendar: gateway.libraryCalendar)
    }

    func packing(_ request: Request) async throws -> [UInt8] {
        let query = request.uri.queryParameters
        let size: PageSize
        switch query.get("paper") {
        case nil, "a4": size = .a4
        case "letter": size = .letter
        case let other?: throw AdminError(error: "paper: '\(other)' is not a4 or letter", reason: .badRequest)
        }
        let lists = try await gateway.packingLists(day: query.get("date"), peer: query.get("peer"))
        guard !lists.isEmpty else {
            throw AdminError(error: "nothing was shipped \(query.get("peer").map { "to \($0) " } ?? "")on \(query.get("date") ?? "today")", reason: .notFound)
        }
        return try PackingListLayout.render(lists, pageSize: size, calendar: gateway.libraryCalendar)
    }

    /// Sends (or sends again) a patron notice of a borrowing transaction.
    func notice(_ id: Int64, kind name: String) async throws -> AdminSentNotice {
        guard let kind = PatronNoticeKind(rawValue: name) else {
            let known = PatronNoticeKind.allCases.map(\.rawValue).joined(separator: ", ")
            throw AdminError(error: "no notice named '\(name)'; notices: \(known)", reason: .badRequest)
        }
        do {
            guard let sent = try await gateway.sendPatronNotice(kind, onTransaction: id) else {
                throw AdminError(error: "patron notices are not configured: add [notices] to the configuration", reason: .conflict)
            }
            return AdminSentNotice(sent)
        } catch let failure as NoticeDeliveryError {
            throw AdminError(error: "the \(kind.rawValue) notice of transaction \(id) was not sent: \(failure.reason)", reason: .conflict)
        }
    }

    /// Sends the next overdue reminder of a loan now: to the borrowing library, or to our patron.
    func remind(_ id: Int64) async throws -> AdminSentReminder {
        do {
            let reminder = try await gateway.sendReminder(onTransaction: id)
            ReminderLog.record(reminder, by: "staff", logger: logger)
            return AdminSentReminder(reminder)
        } catch let failure as NoticeDeliveryError {
            throw AdminError(error: "the reminder of transaction \(id) was not sent: \(failure.reason)", reason: .conflict)
        }
    }

    /// A positive whole number from the query string, or `nil` when absent.
    private func number(_ text: String?, field: String) throws(AdminError) -> Int? {
        guard let text else { return nil }
        guard let value = Int(text), value > 0 else {
            throw AdminError(error: "\(field): '\(text)' is not a positive whole number", reason: .badRequest)
        }
        return value
    }
}
