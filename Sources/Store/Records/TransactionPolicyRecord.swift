public import Foundation

/// The policy's facts about one transaction: the keys history is counted by, the borrowing patron
/// (as a keyed hash, never the id itself), renewals used, the rota, and the last decision's trace.
public struct TransactionPolicyRecord: Hashable, Sendable {
    public var transactionID: Int64
    /// Same-citation key (red flags, duplicates).
    public var citationKey: String?
    /// Same-title key.
    public var titleKey: String?
    /// Same-issue key.
    public var issueKey: String?
    /// Whether the request is for an article or other part (a copy of a component).
    public var isArticle: Bool
    /// A keyed hash of the patron reference (borrowing side), for duplicate and limit checks.
    public var patronKey: String?
    public var patronType: String?
    public var renewalsUsed: Int
    /// The remaining lenders of the rota, in order (borrowing side).
    public var rota: [String]
    /// The rule that made the last decision, and the whole trace (`L07 fired: …; L08 passed: …`).
    public var decisionRule: String?
    public var decisionTrace: String?

    public init(
        transactionID: Int64,
        citationKey: String? = nil,
        titleKey: String? = nil,
        issueKey: String? = nil,
        isArticle: Bool = false,
        patronKey: String? = nil,
        patronType: String? = nil,
        renewalsUsed: Int = 0,
        rota: [String] = [],
        decisionRule: String? = nil,
        decisionTrace: String? = nil
    ) {
        self.transactionID = transactionID
        self.citationKey = citationKey
        self.titleKey = titleKey
        self.issueKey = issueKey
        self.isArticle = isArticle
        self.patronKey = patronKey
        self.patronType = patronType
        self.renewalsUsed = renewalsUsed
        self.rota = rota
        self.decisionRule = decisionRule
        self.decisionTrace = decisionTrace
    }
}

/// A count over stored transactions joined with their policy facts (L06, L10, B02, B03).
public struct HistoryQuery: Hashable, Sendable {
    public var role: String
    public var peerName: String?
    /// Only transactions in one of these states (nil: any).
    public var states: [String]?
    /// Not in these states.
    public var excludingStates: [String]
    public var serviceTypes: [String]?
    public var citationKey: String?
    public var titleKey: String?
    public var issueKey: String?
    public var articlesOnly: Bool
    public var patronKey: String?
    /// Created at or after.
    public var since: Date?
    /// Transactions left out (the one being decided, and the one a retry replaces).
    public var excludingTransactionIDs: [Int64]
    /// Stop counting at this many (the rules only compare counts with a threshold).
    public var countAtMost: Int?

    public init(
        role: String,
        peerName: String? = nil,
        states: [String]? = nil,
        excludingStates: [String] = [],
        serviceTypes: [String]? = nil,
        citationKey: String? = nil,
        titleKey: String? = nil,
        issueKey: String? = nil,
        articlesOnly: Bool = false,
        patronKey: String? = nil,
        since: Date? = nil,
        excludingTransactionIDs: [Int64] = [],
        countAtMost: Int? = nil
    ) {
        self.role = role
        self.peerName = peerName
        self.states = states
        self.excludingStates = excludingStates
        self.serviceTypes = serviceTypes
        self.citationKey = citationKey
        self.titleKey = titleKey
        self.issueKey = issueKey
        self.articlesOnly = articlesOnly
        self.patronKey = patronKey
        self.since = since
        self.excludingTransactionIDs = excludingTransactionIDs
        self.countAtMost = countAtMost
    }
}
