public import Foundation

/// How our library counts the copies it borrows, `[policy.copyright.borrowing]`: the CONTU rule of five
/// (K01–K10) under the US regime.
public struct CopyrightBorrowingConfiguration: Hashable, Sendable {
    /// How "published within five years of the request" is read (K04).
    public enum WindowMode: String, Hashable, Sendable, CaseIterable {
        /// Date-exact and inclusive: counted iff the latest day the publication date can mean is on or
        /// after the request date minus the window (CONTU's wording).
        case date
        /// Publication year > request year − window (ILLiad).
        case calendarYearsExclusive = "calendar_years_exclusive"
        /// Publication year ≥ request year − window.
        case calendarYearsInclusive = "calendar_years_inclusive"
    }
    /// What an uncertain fact leads to.
    public enum Uncertainty: String, Hashable, Sendable, CaseIterable { case count, review }
    /// Whose requests share one count (CONTU: the requesting entity).
    public enum CountingScope: String, Hashable, Sendable, CaseIterable {
        /// All our agency ids share one count.
        case institution
        /// Each of our agency ids (symbols) counts on its own.
        case symbol
    }
    /// What the copy over the limit gets (K09).
    public enum OnLimit: String, Hashable, Sendable, CaseIterable {
        case payRoyalty = "pay_royalty"
        case documentSupplier = "document_supplier"
        case review
        case cancel
    }
    /// How long ledger rows are kept.
    public enum Retention: Hashable, Sendable {
        /// Until the end of the third complete calendar year after the request's year (purge from
        /// 1 January of request year + 4).
        case contu
        /// This many years after the request date.
        case years(Int)
    }

    public var periodicalLimit = 5
    public var workLimit = 5
    public var windowYears = 5
    public var windowMode: WindowMode = .date
    public var unknownDate: Uncertainty = .count
    public var weakIdentity: Uncertainty = .review
    public var countingScope: CountingScope = .institution
    /// Whether copies still in flight count (they do, to stop over-sending).
    public var countInFlight = true
    public var onLimit: OnLimit = .payRoyalty
    /// The royalty we expect to pay per copy over the limit, recorded as an estimate.
    public var royaltyEstimate: Decimal = 30
    /// Royalties up to this are approved without staff; above it the request is held.
    public var royaltyAutoApproveMax: Decimal = 35
    /// The peer (by name) copies over the limit are bought from with `document_supplier`.
    public var documentSupplier: String?
    /// The code sent for counted non-periodicals (guideline 1(b)).
    public var nonperiodicalCode = "US-CCG"
    /// ISSNs (any form) or titles of serials we subscribe to: exempt under guideline 2.
    public var ownedSerials: [String] = []
    /// ISSNs or titles of serials on order: exempt under guideline 2.
    public var onOrderSerials: [String] = []
    /// ISSN → ISSN-L, loaded from `issn_l_table` (a TSV of ISSN and ISSN-L) when configured.
    public var issnL: [String: String] = [:]
    /// Works published in or before this many years ago are treated as public domain (0 disables).
    public var publicDomainYears = 96
    public var retention: Retention = .contu
    /// Titles too generic to identify a periodical (K03): a request with a valid ISSN found in no cluster
    /// joins the cluster whose title key matches (print and electronic ISSNs join), except when that
    /// title is one of these, compared by title key; then the two ISSNs stay apart.
    public var genericTitles: [String] = CopyrightBorrowingConfiguration.defaultGenericTitles

    /// The shipped `generic_titles`.
    public static let defaultGenericTitles = [
        "Bulletin", "Newsletter", "Journal", "Proceedings", "Annual Report", "Report", "Reports", "Transactions",
        "Review", "Yearbook", "News", "Magazine", "Quarterly", "Papers", "Abstracts",
    ]

    public init() {}
}
