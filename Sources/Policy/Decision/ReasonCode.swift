/// The stable, machine-readable code of a rule's outcome: the `<code>` of the `[illgate:<code>]` prefix a
/// lending note starts with, the `code` of `illgate policy explain --json`, and the value staff and peers'
/// software may match on (policy reference §4.3). The human wording next to it may change; a code never
/// does. Lending codes are kebab-case (`copyright-declaration-missing`); borrowing codes use the names the
/// policy reference gives them (`weak_identity`, `over_limit`, `available_locally`).
public struct ReasonCode: RawRepresentable, Hashable, Sendable, Comparable, Codable, CustomStringConvertible, ExpressibleByStringLiteral {
    public var rawValue: String

    /// A code; use the named constants.
    public init(rawValue: String) { self.rawValue = rawValue }
    /// A code from a literal.
    public init(stringLiteral value: String) { self.rawValue = value }

    public var description: String { rawValue }
    public static func < (lhs: ReasonCode, rhs: ReasonCode) -> Bool { lhs.rawValue < rhs.rawValue }

    /// The note prefix, `[illgate:<code>]`.
    public var notePrefix: String { "[illgate:\(rawValue)]" }

    /// The code a note starts with (`[illgate:cost] …` → `cost`), or `nil` when it has no prefix.
    public init?(notePrefixOf note: String) {
        guard note.hasPrefix("[illgate:"), let close = note.firstIndex(of: "]") else { return nil }
        let start = note.index(note.startIndex, offsetBy: "[illgate:".count)
        guard start < close else { return nil }
        self.rawValue = String(note[start..<close])
    }
}

extension ReasonCode {
    // MARK: Lending: outcomes sent to the peer (Unfilled, RetryPossible, the note's prefix)

    /// L01: the agency is not a configured peer.
    public static let unknownPeer: ReasonCode = "unknown-peer"
    /// L02: lending is closed until a date.
    public static let lendingClosed: ReasonCode = "lending-closed"
    /// L03: the peer is blocked.
    public static let peerBlocked: ReasonCode = "peer-blocked"
    /// L04: the service type is not offered to the peer.
    public static let serviceNotOffered: ReasonCode = "service-not-offered"
    /// L04: the peer's country is outside the geography of the service type.
    public static let geography: ReasonCode = "geography"
    /// L04: a copy is not possible, a loan is.
    public static let loanPossible: ReasonCode = "loan-possible"
    /// L04: a loan is not possible, a copy is.
    public static let copyPossible: ReasonCode = "copy-possible"
    /// L06: a red flag (duplicate, volume of one title, several articles of one issue).
    public static let redFlag: ReasonCode = "red-flag"
    /// C01: a copy request without a declaration.
    public static let copyrightDeclarationMissing: ReasonCode = "copyright-declaration-missing"
    /// C02: a declaration that is not recognised.
    public static let copyrightDeclarationUnrecognised: ReasonCode = "copyright-declaration-unrecognised"
    /// C02: a recognised declaration not accepted from this peer (`Other` included).
    public static let copyrightDeclarationNotAccepted: ReasonCode = "copyright-declaration-not-accepted"
    /// C03: a work type excluded from library copying (108(i)).
    public static let excludedWorkType: ReasonCode = "excluded-work-type"
    /// C04: the copy looks like a whole work (108(e)).
    public static let wholeWork: ReasonCode = "whole-work"
    /// C04: more pages than `max_copy_pages` (or only `estimatedNoPages` above it, held).
    public static let copyPageLimit: ReasonCode = "copy-page-limit"
    /// C04: more than a reasonable proportion of a work.
    public static let reasonableProportion: ReasonCode = "reasonable-proportion"
    /// C04: UK s.41, a library-to-library copy of anything but a single periodical article.
    public static let ukSection41: ReasonCode = "uk-s41-condition"
    /// C05: a Canadian general-class periodical published less than a year ago (or at an unknown date).
    public static let caGeneralPeriodical: ReasonCode = "ca-general-periodical"
    /// L07: not held.
    public static let notHeld: ReasonCode = "not-held"
    /// L07: missing or lost.
    public static let notOnShelf: ReasonCode = "not-on-shelf"
    /// L07: a non-circulating item asked for as a loan.
    public static let nonCirculating: ReasonCode = "non-circulating"
    /// L07: the item's own facts say it is not lent through ILL.
    public static let loansNotAllowed: ReasonCode = "item-loans-not-allowed"
    /// L07: the item's own facts say it is not copied for ILL.
    public static let copiesNotAllowed: ReasonCode = "item-copies-not-allowed"
    /// L07: a format in `formats_not_lent`.
    public static let formatNotLent: ReasonCode = "format-not-lent"
    /// L07/L09: licence terms.
    public static let licence: ReasonCode = "licence"
    /// L07: poor condition.
    public static let poorCondition: ReasonCode = "poor-condition"
    /// L07: the holding does not match the citation.
    public static let notFoundAsCited: ReasonCode = "not-found-as-cited"
    /// L07: on loan.
    public static let onLoan: ReasonCode = "on-loan"
    /// L07: at the bindery.
    public static let atBindery: ReasonCode = "at-bindery"
    /// L07: on order.
    public static let onOrder: ReasonCode = "on-order"
    /// L08: the new-material embargo.
    public static let newMaterial: ReasonCode = "new-material"
    /// L10: the peer's open-loan quota.
    public static let loanQuota: ReasonCode = "loan-quota"
    /// L11: the format asked for.
    public static let format: ReasonCode = "format"
    /// L12: the payment or billing method.
    public static let paymentMethod: ReasonCode = "payment-method"
    /// L13: our charge exceeds `maximumCosts` (or needs confirming).
    public static let cost: ReasonCode = "cost"
    /// L14: no delivery method we can use.
    public static let deliveryMethod: ReasonCode = "delivery-method"
    /// L15: the need-before date cannot be met.
    public static let needBeforeDate: ReasonCode = "need-before-date"
    /// L16: the service level.
    public static let serviceLevel: ReasonCode = "service-level"
    /// L16: supplied at Normal instead (2017).
    public static let serviceLevelDowngraded: ReasonCode = "service-level-downgraded"
    /// L17: supplied.
    public static let supply: ReasonCode = "supply"
    /// L17: every rule passed, the auto-responder is off.
    public static let autoResponderOff: ReasonCode = "auto-responder-off"
    /// The list of every offer of a merged RetryPossible, in the note for 2017 peers.
    public static let offers: ReasonCode = "offers"
    /// A held request was not decided before its deadline.
    public static let reviewTimeout: ReasonCode = "review-timeout"

    // MARK: Lending: reviews (nothing sent; the code is in explain and the review queue)

    /// L09: a domestic-only licence and a country we cannot determine.
    public static let licenceCountryUnknown: ReasonCode = "licence-country-unknown"

    // MARK: Renewals

    /// R01: renewed.
    public static let renewalGranted: ReasonCode = "renewal-granted"
    /// R02: refused.
    public static let renewalRefused: ReasonCode = "renewal-refused"
    /// R03: `renewal_max = 0`.
    public static let renewalsNotOffered: ReasonCode = "renewals-not-offered"

    // MARK: Borrowing

    /// B08: sent to the first lender of the rota.
    public static let send: ReasonCode = "send"
    /// B01: an unknown patron type.
    public static let unknownPatronType: ReasonCode = "unknown_patron_type"
    /// B01: the patron type may not use ILL.
    public static let invalidUser: ReasonCode = "invalid_user"
    /// B02: a possible duplicate.
    public static let duplicate: ReasonCode = "duplicate"
    /// B03: over the patron's open-request limit.
    public static let overLimit: ReasonCode = "over_limit"
    /// B04: the format is not borrowable for the patron type.
    public static let formatNotBorrowable: ReasonCode = "format_not_borrowable"
    /// B05: available in our own collection, held.
    public static let locallyAvailable: ReasonCode = "locally_available"
    /// B05: available in our own collection, cancelled.
    public static let availableLocally: ReasonCode = "available_locally"
    /// K03: an abbreviated title without ISSN or ISBN (`weak_identity`).
    public static let weakIdentity: ReasonCode = "weak_identity"
    /// K04: the publication date is unknown (`unknown_date = "review"`).
    public static let unknownDate: ReasonCode = "unknown_date"
    /// K09: over the limit and `on_limit = "cancel"`.
    public static let copyrightLimit: ReasonCode = "copyright_limit"
    /// K09: over the limit and `on_limit = "review"`, or no document supplier configured.
    public static let copyrightLimitReview: ReasonCode = "copyright_limit_review"
    /// K09: the royalty estimate is above `royalty_auto_approve_max`.
    public static let royaltyApproval: ReasonCode = "royalty_approval"
    /// K09: bought from the document supplier.
    public static let documentSupplier: ReasonCode = "document_supplier"
    /// B07: every lender charges more than the ceiling.
    public static let costCeiling: ReasonCode = "cost_ceiling"
    /// B08: no lender left in the rota.
    public static let emptyRota: ReasonCode = "empty_rota"

    /// Every code, lending then borrowing, in the order the README lists them.
    public static let all: [ReasonCode] = [
        unknownPeer, lendingClosed, peerBlocked, serviceNotOffered, geography, loanPossible, copyPossible, redFlag,
        copyrightDeclarationMissing, copyrightDeclarationUnrecognised, copyrightDeclarationNotAccepted, excludedWorkType,
        wholeWork, copyPageLimit, reasonableProportion, ukSection41, caGeneralPeriodical, notHeld, notOnShelf, nonCirculating,
        loansNotAllowed, copiesNotAllowed, formatNotLent, licence, poorCondition, notFoundAsCited, onLoan, atBindery, onOrder,
        newMaterial, loanQuota, format, paymentMethod, cost, deliveryMethod, needBeforeDate, serviceLevel, serviceLevelDowngraded,
        supply, autoResponderOff, offers, reviewTimeout, licenceCountryUnknown, renewalGranted, renewalRefused, renewalsNotOffered,
        send, unknownPatronType, invalidUser, duplicate, overLimit, formatNotBorrowable, locallyAvailable, availableLocally,
        weakIdentity, unknownDate, copyrightLimit, copyrightLimitReview, royaltyApproval, documentSupplier, costCeiling, emptyRota,
    ]
}
