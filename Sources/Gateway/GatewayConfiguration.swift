public import ISO18626
public import Policy

/// What the gateway needs to know about us and our partners.
public struct GatewayConfiguration: Sendable {
    /// The agency id we sign our requests with, and answer as when a request names no supplier.
    public var libraryAgencyID: AgencyID
    /// All our own agency ids, ``libraryAgencyID`` first.
    public var libraryAgencyIDs: [AgencyID]
    /// Our partners.
    public var peers: PeerDirectory
    /// The largest message accepted, in bytes.
    public var maximumMessageSize: Int
    /// Prefix of the ids we give our own transactions (`supplyingAgencyRequestId` when lending,
    /// `requestingAgencyRequestId` when borrowing).
    public var requestIDPrefix: String
    /// The lending, borrowing and copyright rules; `nil` leaves every decision to staff.
    public var policy: PolicyConfiguration?
    /// Our own branches (`[[library.branches]]`): pickup locations and owning libraries.
    public var branches: [Branch]
    /// Our name and postal address as printed on labels (`[library]` name and address); empty when not configured.
    public var returnAddress: [String]
    /// Who we are on invoices, and how they are numbered and paid (`[billing]`).
    public var billing = BillingConfiguration()
    /// Patron notices' templates and where they go (`[notices]`); `nil` sends none.
    public var notices: NoticeConfiguration?

    /// Creates a configuration.
    /// - Parameters:
    ///   - libraryAgencyID: the agency id we sign our requests with.
    ///   - otherAgencyIDs: our other agency ids (messages to them are ours too).
    public init(
        libraryAgencyID: AgencyID,
        otherAgencyIDs: [AgencyID] = [],
        peers: [Peer],
        maximumMessageSize: Int = 1 << 20,
        requestIDPrefix: String = "ILG",
        policy: PolicyConfiguration? = nil,
        branches: [Branch] = [],
        returnAddress: [String] = []
    ) {
        self.libraryAgencyID = libraryAgencyID
        self.libraryAgencyIDs = [libraryAgencyID] + otherAgencyIDs
        self.peers = PeerDirectory(peers)
        self.maximumMessageSize = maximumMessageSize
        self.requestIDPrefix = requestIDPrefix
        self.policy = policy
        self.branches = branches
        self.returnAddress = returnAddress
    }

    /// Whether an agency id is one of ours.
    public func isOurs(_ agency: AgencyID) -> Bool {
        libraryAgencyIDs.contains { $0.key == agency.key }
    }
}
