public import Foundation
public import ISO18626

/// What the policy knows of a peer library, from its `[[peers]]` entry (or nothing, for an unknown one).
public struct PeerProfile: Hashable, Sendable {
    /// The configured name, or the agency id for an unknown agency.
    public var name: String
    /// The peer's agency ids as `TYPE:VALUE` keys.
    public var agencyIDs: [String]
    /// Whether the peer is configured (L01).
    public var isKnown: Bool
    /// ISO 3166 alpha-2 country; `nil` means "take it from the ISIL prefix" (L04).
    public var country: String?
    /// The peer's groups, e.g. `reciprocal` (charges overrides).
    public var groups: [String]
    /// The edition the peer speaks: decides the reason codes and where offers go.
    public var edition: Edition
    /// Blocked in the peer's own entry (`blocked = true`) (L03).
    public var isBlocked: Bool
    /// Service types we lend to this peer; `nil` means the lending default (L04).
    public var serviceTypes: [ServiceType]?
    /// The declaration assumed when this peer sends none and `on_missing_declaration = "assume"` (C01).
    public var copyrightAssume: String?
    /// Declaration codes accepted from this peer in addition to the regime's (C02).
    public var acceptedCopyrightCodes: [String]

    // As a lender to us (borrowing side, B07/B08):
    /// Service types this peer lends to us; `nil` means any.
    public var lends: [ServiceType]?
    /// What this peer charges us for a loan / a copy, in our currency; `nil` means unknown.
    public var loanCharge: Decimal?
    public var copyCharge: Decimal?
    /// This peer is closed to our requests until this instant.
    public var closedUntil: Date?
    /// Formats this peer does not lend.
    public var formatsNotLent: [String]
    /// Lower is asked first (B08).
    public var preference: Int

    public init(
        name: String,
        agencyIDs: [String],
        isKnown: Bool = true,
        country: String? = nil,
        groups: [String] = [],
        edition: Edition = .v2021,
        isBlocked: Bool = false,
        serviceTypes: [ServiceType]? = nil,
        copyrightAssume: String? = nil,
        acceptedCopyrightCodes: [String] = [],
        lends: [ServiceType]? = nil,
        loanCharge: Decimal? = nil,
        copyCharge: Decimal? = nil,
        closedUntil: Date? = nil,
        formatsNotLent: [String] = [],
        preference: Int = 0
    ) {
        self.name = name
        self.agencyIDs = agencyIDs
        self.isKnown = isKnown
        self.country = country
        self.groups = groups
        self.edition = edition
        self.isBlocked = isBlocked
        self.serviceTypes = serviceTypes
        self.copyrightAssume = copyrightAssume
        self.acceptedCopyrightCodes = acceptedCopyrightCodes
        self.lends = lends
        self.loanCharge = loanCharge
        self.copyCharge = copyCharge
        self.closedUntil = closedUntil
        self.formatsNotLent = formatsNotLent
        self.preference = preference
    }

    /// The peer's country: the configured one, else the two letters before the hyphen of an ISIL.
    public var effectiveCountry: String? {
        if let country { return country.uppercased() }
        for key in agencyIDs {
            let parts = key.split(separator: ":", maxSplits: 1)
            guard parts.count == 2, parts[0].uppercased() == "ISIL" else { continue }
            let prefix = parts[1].split(separator: "-", maxSplits: 1).first.map(String.init) ?? ""
            if prefix.count == 2, prefix.allSatisfy(\.isLetter) { return prefix.uppercased() }
        }
        return nil
    }
}
