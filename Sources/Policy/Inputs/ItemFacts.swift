public import Foundation

/// What our holdings say about the item a request asks for (L07–L09, B05), looked up by the gateway.
public struct ItemFacts: Hashable, Sendable {
    /// The circulation status of the best copy we hold.
    public enum Availability: Hashable, Sendable {
        case notHeld
        case available
        case onLoan(due: Date?)
        case missing
        case lost
        case nonCirculating
        case atBindery(until: Date?)
        case onOrder(expected: Date?)
        case poorCondition
        /// The holding found does not match the citation (e.g. volume or year not held).
        case citationMismatch
    }
    /// Licence terms of an electronic holding (L09).
    public enum Licence: String, Hashable, Sendable, CaseIterable {
        case permitted
        case printOnly = "print_only"
        case domesticOnly = "domestic_only"
        case notPermitted = "not_permitted"
    }
    /// A Canadian periodical class (C05).
    public enum PeriodicalClass: String, Hashable, Sendable, CaseIterable { case scholarly, general }

    public var availability: Availability
    /// The format of the holding, e.g. `Book`, `DVD`.
    public var format: String?
    public var location: String?
    public var callNumber: String?
    /// When we acquired it (L08).
    public var acquiredOn: Date?
    public var licence: Licence?
    /// The class of a periodical, for the Canadian one-year rule (C05); `nil` when not stated.
    public var periodicalClass: PeriodicalClass?
    /// Someone here has a hold on it: a renewal is refused (R01).
    public var hasLocalHold: Bool
    /// Whether this item may be lent through ILL (L07); `nil` when the holdings do not say.
    public var loansAllowed: Bool?
    /// Whether this item may be copied for ILL (L07); `nil` when the holdings do not say.
    public var copiesAllowed: Bool?

    public init(
        availability: Availability,
        format: String? = nil,
        location: String? = nil,
        callNumber: String? = nil,
        acquiredOn: Date? = nil,
        licence: Licence? = nil,
        periodicalClass: PeriodicalClass? = nil,
        hasLocalHold: Bool = false,
        loansAllowed: Bool? = nil,
        copiesAllowed: Bool? = nil
    ) {
        self.availability = availability
        self.format = format
        self.location = location
        self.callNumber = callNumber
        self.acquiredOn = acquiredOn
        self.licence = licence
        self.periodicalClass = periodicalClass
        self.hasLocalHold = hasLocalHold
        self.loansAllowed = loansAllowed
        self.copiesAllowed = copiesAllowed
    }

    /// Nothing held.
    public static let notHeld = ItemFacts(availability: .notHeld)
}
