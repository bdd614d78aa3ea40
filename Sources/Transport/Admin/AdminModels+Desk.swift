import Foundation
public import Gateway
import ISO18626
public import Store
import Transactions

// The admin API's JSON for the desk: worklists and the department's reports.

/// One line of a worklist (`GET /v1/worklists/{name}`). Never patron data.
public struct AdminWorklistEntry: Codable, Sendable, Equatable {
    public var transactionID: Int64?
    public var reviewID: Int64?
    /// `lending` or `borrowing`.
    public var side: String
    public var state: String
    public var peer: String?
    public var title: String?
    public var requestID: String?
    /// The due date (a review's deadline on the review list).
    public var dueDate: String?
    public var pickupLocation: String?
    /// When it joined the list.
    public var since: String
    /// Why a request is held (review list), or what is flagged on a lender's invoice.
    public var note: String?
    /// The invoice, on the money lists.
    public var invoiceNumber: String?
    /// What is owed or billed (`12.50 USD`), a string so no amount is ever a floating-point number.
    public var amount: String?
    /// On the to-pull list: the owning branch, the call number and the shelf location.
    public var branch: String? = nil
    public var callNumber: String? = nil
    public var shelfLocation: String? = nil
    /// On the overdue lists: the last reminder sent for the current due date (0: none yet).
    public var lastReminder: Int?
    /// On the overdue lists: when the next scheduled reminder falls due (absent: none configured, or the final one went).
    public var nextReminder: String?
}

extension AdminWorklistEntry {
    /// The JSON form of a worklist entry.
    public init(_ entry: WorklistEntry) {
        self.init(
            transactionID: entry.transactionID,
            reviewID: entry.reviewID,
            side: entry.role == .supplier ? "lending" : "borrowing",
            state: entry.state,
            peer: entry.peerName,
            title: entry.title,
            requestID: entry.requestID,
            dueDate: entry.dueDate.map(TimestampFormat.format),
            pickupLocation: entry.pickupLocation,
            since: TimestampFormat.format(entry.since),
            note: entry.note,
            invoiceNumber: entry.invoiceNumber,
            amount: entry.amount,
            branch: entry.branch,
            callNumber: entry.callNumber,
            shelfLocation: entry.shelfLocation,
            lastReminder: entry.lastReminder,
            nextReminder: entry.nextReminderAt.map(TimestampFormat.format)
        )
    }
}

/// One line of the activity report (`GET /v1/reports/activity`).
public struct AdminActivityLine: Codable, Sendable, Equatable {
    /// The month (`2026-03`) on a month-by-month report.
    public var month: String?
    /// `lending` or `borrowing`.
    public var side: String
    /// The peer, or `nil` on a side's total line.
    public var peer: String?
    public var requests: Int
    public var supplied: Int
    public var unfilled: Int
    public var conditions: Int
    public var cancelled: Int
    public var open: Int
    public var fillRate: Double?
    public var medianDaysToSupply: Double?
    /// Lending: invoices issued less credit notes; borrowing: lenders' invoices dated in the period. One per currency.
    public var billed: [AdminAmount]
    /// Lending: payments received; borrowing: lenders' invoices approved for payment. One per currency.
    public var paid: [AdminAmount]
}

extension AdminActivityLine {
    /// The JSON form of a report line.
    public init(_ line: ActivityReport.Line) {
        self.init(
            month: line.month,
            side: line.role == .supplier ? "lending" : "borrowing",
            peer: line.peerName,
            requests: line.requests,
            supplied: line.supplied,
            unfilled: line.unfilled,
            conditions: line.conditions,
            cancelled: line.cancelled,
            open: line.open,
            fillRate: line.fillRate,
            medianDaysToSupply: line.medianDaysToSupply,
            billed: line.billed.map(AdminAmount.init),
            paid: line.paid.map(AdminAmount.init)
        )
    }
}

/// One title of the demand report (`GET /v1/reports/demand`).
public struct AdminDemandLine: Codable, Sendable, Equatable {
    public var title: String
    public var titleKey: String
    public var requests: Int
    public var patrons: Int
    public var loans: Int
    /// Copies the copyright ledger counted in the period.
    public var copyrightCount: Int
    public var lastRequestedAt: String
}

extension AdminDemandLine {
    /// The JSON form of a demand record.
    public init(_ record: TitleDemandRecord) {
        self.init(
            title: record.title,
            titleKey: record.titleKey,
            requests: record.requests,
            patrons: record.patrons,
            loans: record.loans,
            copyrightCount: record.copyrightCount,
            lastRequestedAt: TimestampFormat.format(record.lastRequestedAt)
        )
    }
}

/// A patron notice sent (`POST /v1/transactions/{id}/notices/{kind}`). Ids and the kind only, never the address.
public struct AdminSentNotice: Codable, Sendable, Equatable {
    public var kind: String
    public var transactionID: Int64
    public var requestID: String

    public init(_ notice: SentPatronNotice) {
        kind = notice.kind.rawValue
        transactionID = notice.transactionID
        requestID = notice.requestID
    }
}

/// One pull on a branch's pick list (`GET /v1/pulls`).
public struct AdminPull: Codable, Sendable, Equatable {
    public var id: Int64
    public var transactionID: Int64
    public var branch: String
    public var state: String
    public var title: String
    public var callNumber: String?
    public var shelfLocation: String?
    /// The borrower's request id.
    public var requestID: String
    public var peer: String
    public var created: String
    public var deadline: String?
    public var closed: String?
    /// Who closed it and why (`staff: arrived at the ILL desk`).
    public var closedBy: String?
}

extension AdminPull {
    /// The JSON form of a pull.
    public init(_ listing: PullListing) {
        self.init(
            id: listing.pull.id,
            transactionID: listing.pull.transactionID,
            branch: listing.pull.branch,
            state: listing.pull.state.rawValue,
            title: listing.pull.title,
            callNumber: listing.pull.callNumber,
            shelfLocation: listing.pull.shelfLocation,
            requestID: listing.requestID,
            peer: listing.peerName,
            created: TimestampFormat.format(listing.pull.createdAt),
            deadline: listing.pull.deadline.map(TimestampFormat.format),
            closed: listing.pull.closedAt.map(TimestampFormat.format),
            closedBy: listing.pull.closedBy
        )
    }
}

/// What a staff action on a pull did (`POST /v1/pulls/{id}/arrived|cancel`).
public struct AdminPullOutcome: Codable, Sendable, Equatable {
    public var transactionID: Int64
    /// The transaction's state afterwards.
    public var state: String
    /// The pull closed, its branch, and how it ended (`arrived`, `cancelled`, `timed_out`).
    public var pull: Int64
    public var branch: String
    public var pullState: String
    /// The branch a new pull went to, if any.
    public var nextBranch: String?
    /// Whether the request was answered Unfilled NotOnShelf.
    public var answeredUnfilled: Bool
}

extension AdminPullOutcome {
    /// The JSON form of an outcome.
    public init(_ outcome: PullOutcome) {
        self.init(
            transactionID: outcome.transaction.id,
            state: outcome.transaction.state,
            pull: outcome.closed.id,
            branch: outcome.closed.branch,
            pullState: outcome.closed.state.rawValue,
            nextBranch: outcome.next?.branch,
            answeredUnfilled: outcome.answeredUnfilled
        )
    }
}

/// An overdue reminder sent (`POST /v1/transactions/{id}/reminders`). Ids and the reminder only, never patron data.
public struct AdminSentReminder: Codable, Sendable, Equatable {
    public var transactionID: Int64
    public var requestID: String
    /// `lending` (to the borrowing library) or `borrowing` (to our patron).
    public var side: String
    public var number: Int
    /// How many the schedule sends (absent: no schedule configured).
    public var count: Int?
    public var isFinal: Bool
    /// The due date the reminder counted from.
    public var dueDate: String

    public init(_ reminder: SentReminder) {
        transactionID = reminder.transactionID
        requestID = reminder.requestID
        side = reminder.role == .supplier ? "lending" : "borrowing"
        number = reminder.number
        count = reminder.count
        isFinal = reminder.isFinal
        dueDate = TimestampFormat.format(reminder.dueDate)
    }
}
