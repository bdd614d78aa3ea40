public import Foundation
public import ISO18626

/// The lending (supplier) rules, `[policy.lending]`. Defaults follow the policy reference's sketch.
public struct LendingPolicyConfiguration: Hashable, Sendable {
    /// What to do with a request from an agency that is not a configured peer (L01).
    public enum UnknownPeers: String, Hashable, Sendable, CaseIterable { case refuse, review, accept }
    /// Which service a CopyOrLoan request is tried as first (L05).
    public enum Preference: String, Hashable, Sendable, CaseIterable { case loan, copy }
    /// What a request that passes every rule gets (L17).
    public enum AutoResponder: String, Hashable, Sendable, CaseIterable {
        /// Nothing is sent: the request waits in the review queue for staff.
        case off
        /// WillSupply is sent at once.
        case willSupply = "will_supply"
        /// ExpectToSupply is sent at once.
        case expectToSupply = "expect_to_supply"
    }
    /// What a peer over its open-loan quota gets (L10).
    public enum QuotaAction: String, Hashable, Sendable, CaseIterable {
        /// Unfilled PolicyProblem, so the borrower's rota moves on.
        case unfilled
        /// RetryPossible NotCurrentAvailableForILL.
        case retry
    }

    /// Service types we lend (L04).
    public var serviceTypes: [ServiceType] = [.loan, .copy]
    public var copyOrLoanPreference: Preference = .loan
    public var unknownPeers: UnknownPeers = .refuse
    /// Agency ids (`TYPE:VALUE`, e.g. `ISIL:US-BAD`) we do not lend to (L03).
    public var blockedPeers: [String] = []
    /// Countries (ISO 3166 alpha-2) we lend loans to; empty means any (L04).
    public var loanCountries: [String] = []
    /// Countries we send copies to; empty means any (L04).
    public var copyCountries: [String] = []
    /// Lending is closed until this instant (L02), `nil` when open.
    public var closedUntil: Date?
    /// At most this many open loans per peer (L10); `nil` means no quota.
    public var maxOpenLoansPerPeer: Int? = 10
    /// Whether ExpectToSupply counts as an open loan for the quota (L10).
    public var quotaCountsExpectToSupply = false
    public var quotaAction: QuotaAction = .unfilled
    /// New material is not lent for this many days after acquisition or publication (L08); 0 disables.
    public var newMaterialEmbargoDays = 180
    /// Formats we never lend (L07), compared case-insensitively.
    public var formatsNotLent: [String] = ["DVD", "Blu-ray", "VHS"]
    /// Copies longer than this are refused (C04); `nil` means no limit.
    public var maxCopyPages: Int? = 60
    public var loanPeriodDays = 42
    /// Whether a loan's due date adds the shipping days both ways (Rapido style) (L17).
    public var dueDateIncludesShipping = false
    /// Days a loan takes to travel one way (used with ``dueDateIncludesShipping`` and L15).
    public var shippingDays = 5
    public var renewalMax = 1
    public var renewalPeriodDays = 28
    public var renewOverdue = true
    /// Whether the daemon marks a loan Overdue by itself (telling the borrower) once its due date has passed.
    public var markOverdue = true
    /// How many days after the due date that happens (0: as soon as it has passed).
    public var markOverdueAfterDays = 1
    /// How many days past its due date a loan is billed as lost (CompletedWithoutReturn with the replacement
    /// cost); `nil` (`bill_lost_after_days_overdue = 0`) leaves it to staff.
    public var billLostAfterDaysOverdue: Int?
    /// How long a branch has to bring a pulled copy to the ILL desk (`pull_timeout`); business days skip the
    /// weekends of the library's calendar. Past it the pull times out: the next branch with a lendable copy
    /// is tried, or the request is answered Unfilled NotOnShelf.
    public var pullTimeout = ReviewTimeout(amount: 2, unit: .businessDays)
    /// Overdue reminders to the borrowing library, counted from the due date (`reminders`); the last is the final
    /// notice. Empty: none (the Overdue status alone).
    public var reminders = ReminderSchedule.empty
    /// A need-before date sooner than this many days cannot be met (L15).
    public var minProcessingDays = 2
    /// Service levels we offer (L16), compared case-insensitively.
    public var serviceLevels: [String] = ["Normal", "Standard"]
    /// For 2017 peers, accept an unoffered service level at Normal (with a note) instead of refusing (L16).
    public var downgradeServiceLevel = true
    public var copyDeliveryMethods: [String] = ["Email", "URL", "ArticleExchange"]
    public var loanDeliveryMethods: [String] = ["Mail", "Courier"]
    /// Payment and billing methods we accept (L12), compared case-insensitively against both
    /// `billingInfo/paymentMethod` and `billingInfo/billingMethod`.
    public var paymentMethods: [String] = ["IFM", "Invoice", "ReciprocityAgreement", "FreeOfCharge"]
    public var autoResponder: AutoResponder = .willSupply
    /// Loan conditions we attach to every loan (L17), e.g. `LibraryUseOnly`.
    public var loanConditions: [String] = []
    public var charges = LendingCharges()
    public var redFlags = RedFlagConfiguration()

    /// The documented defaults.
    public init() {}
}
