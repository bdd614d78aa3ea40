/// The requesting library's name, contact and addresses.
public struct RequestingAgencyInfo: Hashable, Sendable {
    /// The library's name.
    public var name: String?
    /// A contact person.
    public var contactName: String?
    /// Addresses.
    public var address: [Address]

    /// Creates requesting library details.
    public init(name: String? = nil, contactName: String? = nil, address: [Address] = []) {
        self.name = name
        self.contactName = contactName
        self.address = address
    }
}
