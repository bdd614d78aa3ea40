public import Foundation

/// One copy request in the copyright ledger (policy-rules §1.6): what CONTU guideline 4 says a
/// borrowing library must keep. No patron data.
public struct LedgerEntryRecord: Hashable, Sendable {
    /// Where the copy stands: reserved when sent, filled when received, released when it did not happen.
    public enum State: String, Hashable, Sendable, CaseIterable { case reserved, filled, released }

    public var id: Int64
    public var transactionID: Int64?
    /// The title cluster (periodical) or work.
    public var titleID: Int64
    /// Whose count: `institution`, or our agency id under `counting_scope = "symbol"`.
    public var scope: String
    /// The calendar year of the request, in the library's time zone.
    public var year: Int
    /// guideline, royalty, older, owned, on_order, paid, document_supplier, public_domain, 108c, 108e.
    public var basis: String
    /// Whether the entry counts against the limit (basis guideline or royalty).
    public var counted: Bool
    /// The declaration sent (`US-CCG`, `US-CCL`).
    public var code: String
    public var state: State
    public var requestedAt: Date
    /// The request's creation time as a local date-time in the library's zone, for the report.
    public var requestedLocal: String
    public var title: String
    public var issns: String?
    public var isbn: String?
    public var articleTitle: String?
    public var volume: String?
    public var issue: String?
    public var pages: String?
    public var publicationDate: String?
    public var lenders: String?
    public var royaltyEstimate: Decimal?
    public var royaltyPaid: Bool
    public var paymentBatch: String?
    public var filledAt: Date?
    public var releasedAt: Date?
    /// When the row may be purged (retention).
    public var purgeAfter: Date

    public init(
        id: Int64 = 0,
        transactionID: Int64?,
        titleID: Int64,
        scope: String,
        year: Int,
        basis: String,
        counted: Bool,
        code: String,
        state: State = .reserved,
        requestedAt: Date,
        requestedLocal: String,
        title: String,
        issns: String? = nil,
        isbn: String? = nil,
        articleTitle: String? = nil,
        volume: String? = nil,
        issue: String? = nil,
        pages: String? = nil,
        publicationDate: String? = nil,
        lenders: String? = nil,
        royaltyEstimate: Decimal? = nil,
        royaltyPaid: Bool = false,
        paymentBatch: String? = nil,
        filledAt: Date? = nil,
        releasedAt: Date? = nil,
        purgeAfter: Date
    ) {
        self.id = id
        self.transactionID = transactionID
        self.titleID = titleID
        self.scope = scope
        self.year = year
        self.basis = basis
        self.counted = counted
        self.code = code
        self.state = state
        self.requestedAt = requestedAt
        self.requestedLocal = requestedLocal
        self.title = title
        self.issns = issns
        self.isbn = isbn
        self.articleTitle = articleTitle
        self.volume = volume
        self.issue = issue
        self.pages = pages
        self.publicationDate = publicationDate
        self.lenders = lenders
        self.royaltyEstimate = royaltyEstimate
        self.royaltyPaid = royaltyPaid
        self.paymentBatch = paymentBatch
        self.filledAt = filledAt
        self.releasedAt = releasedAt
        self.purgeAfter = purgeAfter
    }
}

/// A title cluster as stored: a periodical's ISSNs and title keys, or a work's key.
public struct TitleClusterRecord: Hashable, Sendable {
    public var id: Int64
    public var kind: String
    public var displayTitle: String
    public var issns: Set<String>
    public var titleKeys: Set<String>

    public init(id: Int64, kind: String, displayTitle: String, issns: Set<String>, titleKeys: Set<String>) {
        self.id = id
        self.kind = kind
        self.displayTitle = displayTitle
        self.issns = issns
        self.titleKeys = titleKeys
    }
}
