/// The patron a request is for. Personal data under privacy law (ISO 18626 §5.2.5): never logged.
public struct PatronInfo: Hashable, Sendable {
    /// The patron's id at the requesting library.
    public var patronID: String?
    /// Surname.
    public var surname: String?
    /// Given name.
    public var givenName: String?
    /// Category of patron (Faculty, Student, ...).
    public var patronType: PatronType?
    /// Whether the supplier should send the item straight to the patron.
    public var sendToPatron: Bool?
    /// The patron's addresses.
    public var address: [Address]

    /// Creates patron details.
    public init(
        patronID: String? = nil,
        surname: String? = nil,
        givenName: String? = nil,
        patronType: PatronType? = nil,
        sendToPatron: Bool? = nil,
        address: [Address] = []
    ) {
        self.patronID = patronID
        self.surname = surname
        self.givenName = givenName
        self.patronType = patronType
        self.sendToPatron = sendToPatron
        self.address = address
    }
}
