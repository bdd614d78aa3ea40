public import Foundation

/// Everything the policy engine is told by the library: lending rules, copyright regime and counting,
/// borrowing rules and patron types. Built from the `[policy]` tables of the configuration file; every
/// property has the default documented in the README, so `PolicyConfiguration()` is a working policy.
public struct PolicyConfiguration: Hashable, Sendable {
    /// The library's time zone: calendar years, "five years before", due dates and business days are
    /// reckoned in it (`policy.timezone`).
    public var timeZone: TimeZone
    /// How long a request held for review waits for staff (`policy.review_timeout`).
    public var reviewTimeout: ReviewTimeout
    /// What happens when a held request's review times out (`policy.on_review_timeout`).
    public var onReviewTimeout: ReviewTimeoutAction
    /// Whether a `review` result stops evaluation (`policy.review_stops`); when false, later terminal
    /// refusals still win over the review.
    public var reviewStops: Bool
    /// The lending (supplier) rules (`[policy.lending]`).
    public var lending: LendingPolicyConfiguration
    /// The copyright regime and the borrower-side counting (`[policy.copyright]`).
    public var copyright: CopyrightConfiguration
    /// The borrowing (requester) rules (`[policy.borrowing]`).
    public var borrowing: BorrowingPolicyConfiguration
    /// Patron types by name (`[policy.patron_types.NAME]`).
    public var patronTypes: [String: PatronTypePolicy]
    /// Days the library is closed besides weekends (`policy.closed_days`): business-day deadlines (review,
    /// pull and supply timeouts) do not count them.
    public var closedDays: Set<CalendarDay>

    /// Creates a policy; every argument has the documented default.
    public init(
        timeZone: TimeZone = TimeZone(identifier: "UTC") ?? .current,
        reviewTimeout: ReviewTimeout = ReviewTimeout(amount: 2, unit: .businessDays),
        onReviewTimeout: ReviewTimeoutAction = .unfilled,
        reviewStops: Bool = true,
        lending: LendingPolicyConfiguration = LendingPolicyConfiguration(),
        copyright: CopyrightConfiguration = CopyrightConfiguration(),
        borrowing: BorrowingPolicyConfiguration = BorrowingPolicyConfiguration(),
        patronTypes: [String: PatronTypePolicy] = [:],
        closedDays: Set<CalendarDay> = []
    ) {
        self.timeZone = timeZone
        self.reviewTimeout = reviewTimeout
        self.onReviewTimeout = onReviewTimeout
        self.reviewStops = reviewStops
        self.lending = lending
        self.copyright = copyright
        self.borrowing = borrowing
        self.patronTypes = patronTypes
        self.closedDays = closedDays
    }

    /// A Gregorian calendar in the library's time zone.
    public var calendar: Calendar {
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = timeZone
        return calendar
    }

    /// The library's working days: its calendar without weekends and closed days.
    public var workingDays: WorkingDays {
        WorkingDays(calendar: calendar, closedDays: closedDays)
    }
}

/// What happens when a held request's review times out.
public enum ReviewTimeoutAction: String, Hashable, Sendable, CaseIterable {
    /// Send Unfilled with the held rule's reason, so the borrower's rota moves on.
    case unfilled
    /// Keep waiting for staff.
    case keep
}
