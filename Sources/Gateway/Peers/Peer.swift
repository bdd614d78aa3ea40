public import ISO18626
public import Policy

/// Another library's ILL system that we exchange messages with.
public struct Peer: Hashable, Sendable {
    /// A short name for configuration, logs and the CLI (`copenhagen`).
    public var name: String
    /// The agency ids the peer sends as and receives for (its ISIL, usually one).
    public var agencyIDs: [AgencyID]
    /// The edition we write to this peer.
    public var edition: Edition
    /// When set, the peer's requests and requesting agency messages must carry these credentials in
    /// `requestingAgencyAuthentication`.
    public var requiredAuthentication: RequestingAgencyAuthentication?
    /// Credentials we put into our own requests and messages to this peer.
    public var outboundAuthentication: RequestingAgencyAuthentication?
    /// Refuse unknown elements from this peer instead of ignoring them.
    public var strict: Bool
    /// Messages claiming this peer's agency ids must come over a connection the transport authenticated
    /// as this peer (HTTP credentials or a TLS client certificate are configured for it).
    public var requiresTransportIdentity: Bool
    /// When not empty, messages claiming this peer's agency ids must come from these addresses.
    public var allowedAddresses: [AddressRange]
    /// What the policy knows of this peer (country, groups, blocks, charges as a lender, ...).
    public var profile: PeerProfile
    /// Where the peer's system departs from the standard: what we tolerate and what we must not send it.
    public var quirks: PeerQuirks

    /// Creates a peer.
    public init(
        name: String,
        agencyIDs: [AgencyID],
        edition: Edition = .v1_2,
        requiredAuthentication: RequestingAgencyAuthentication? = nil,
        outboundAuthentication: RequestingAgencyAuthentication? = nil,
        strict: Bool = false,
        requiresTransportIdentity: Bool = false,
        allowedAddresses: [AddressRange] = [],
        profile: PeerProfile? = nil,
        quirks: PeerQuirks = .standard
    ) {
        self.name = name
        self.agencyIDs = agencyIDs
        self.edition = edition
        self.requiredAuthentication = requiredAuthentication
        self.outboundAuthentication = outboundAuthentication
        self.strict = strict
        self.requiresTransportIdentity = requiresTransportIdentity
        self.allowedAddresses = allowedAddresses
        self.profile = profile ?? PeerProfile(name: name, agencyIDs: agencyIDs.map(\.key), edition: edition)
        self.quirks = quirks
    }

    /// The agency id we address this peer as.
    public var primaryAgencyID: AgencyID? { agencyIDs.first }
}
