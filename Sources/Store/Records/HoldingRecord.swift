public import Foundation
public import ISO18626

/// One copy in our collection, as imported from the catalogue (`illgate holdings import`).
public struct HoldingRecord: Hashable, Sendable {
    /// The circulation status of a copy, as the import file says it.
    public enum Status: String, Hashable, Sendable, CaseIterable {
        case available
        case onLoan = "on_loan"
        case missing
        case lost
        case nonCirculating = "non_circulating"
        case atBindery = "at_bindery"
        case onOrder = "on_order"
        case poorCondition = "poor_condition"
    }

    public var id: Int64
    /// Normalised ISBN-13s, ISSNs (`NNNN-NNNC`) and OCLC numbers (digits only).
    public var isbns: [String]
    public var issns: [String]
    public var oclcNumbers: [String]
    public var title: String
    /// The normalised title key (policy N03), for lookups without identifiers.
    public var titleKey: String
    public var format: String?
    /// The owning branch (a code of `[[library.branches]]`), where the copy is pulled from; `nil` when the
    /// import did not say.
    public var branch: String?
    /// The shelf location within the branch (free text).
    public var location: String?
    public var callNumber: String?
    public var status: Status
    /// When an item on loan is due back.
    public var dueDate: Date?
    public var acquiredOn: Date?
    /// Licence terms of an electronic holding: `permitted`, `print_only`, `domestic_only`, `not_permitted`.
    public var licence: String?
    /// Someone here waits for this copy.
    public var hasLocalHold: Bool
    /// Whether this copy may be lent through ILL; `nil` when the import did not say.
    public var loanAllowed: Bool?
    /// Whether this copy may be copied for ILL; `nil` when the import did not say.
    public var copyAllowed: Bool?
    /// The class of a periodical, `scholarly` or `general` (the Canadian one-year rule); `nil` when not said.
    public var periodicalClass: String?
    /// The line of the import file it came from.
    public var sourceLine: Int
    /// What replacing this copy costs (the holdings file's `replacement_cost`), when the file says.
    public var replacementCost: Money?

    public init(
        id: Int64 = 0,
        isbns: [String] = [],
        issns: [String] = [],
        oclcNumbers: [String] = [],
        title: String,
        titleKey: String,
        format: String? = nil,
        branch: String? = nil,
        location: String? = nil,
        callNumber: String? = nil,
        status: Status = .available,
        dueDate: Date? = nil,
        acquiredOn: Date? = nil,
        licence: String? = nil,
        hasLocalHold: Bool = false,
        loanAllowed: Bool? = nil,
        copyAllowed: Bool? = nil,
        periodicalClass: String? = nil,
        sourceLine: Int = 0,
        replacementCost: Money? = nil
    ) {
        self.id = id
        self.isbns = isbns
        self.issns = issns
        self.oclcNumbers = oclcNumbers
        self.title = title
        self.titleKey = titleKey
        self.format = format
        self.branch = branch
        self.location = location
        self.callNumber = callNumber
        self.status = status
        self.dueDate = dueDate
        self.acquiredOn = acquiredOn
        self.licence = licence
        self.hasLocalHold = hasLocalHold
        self.loanAllowed = loanAllowed
        self.copyAllowed = copyAllowed
        self.periodicalClass = periodicalClass
        self.sourceLine = sourceLine
        self.replacementCost = replacementCost
    }
}

/// What to look holdings up by: any identifier matches; the title key only when no identifier is given.
public struct HoldingLookup: Hashable, Sendable {
    public var isbns: [String]
    public var issns: [String]
    public var oclcNumbers: [String]
    public var titleKey: String?

    public init(isbns: [String] = [], issns: [String] = [], oclcNumbers: [String] = [], titleKey: String? = nil) {
        self.isbns = isbns
        self.issns = issns
        self.oclcNumbers = oclcNumbers
        self.titleKey = titleKey
    }
}
