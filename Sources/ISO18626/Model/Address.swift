/// A postal or electronic address: the schema's choice of one or the other.
public enum Address: Hashable, Sendable {
    /// An e-mail address, FTP site, chat handle or similar.
    case electronic(ElectronicAddress)
    /// A postal address.
    case physical(PhysicalAddress)
}

/// An electronic address: its kind and the address itself.
public struct ElectronicAddress: Hashable, Sendable {
    /// The kind of address (Email, FTP, ...).
    public var type: ElectronicAddressType
    /// The address.
    public var data: String

    /// Creates an electronic address.
    public init(type: ElectronicAddressType, data: String) {
        self.type = type
        self.data = data
    }
}

/// A postal address. Every part is optional.
public struct PhysicalAddress: Hashable, Sendable {
    /// First address line.
    public var line1: String?
    /// Second address line.
    public var line2: String?
    /// Town or city.
    public var locality: String?
    /// Postal code.
    public var postalCode: String?
    /// State or province: an ISO 3166-2 code in the 2017 edition, free text in 2021.
    public var region: Region?
    /// ISO 3166-1 country code.
    public var country: Country?

    /// Creates a postal address.
    public init(
        line1: String? = nil,
        line2: String? = nil,
        locality: String? = nil,
        postalCode: String? = nil,
        region: Region? = nil,
        country: Country? = nil
    ) {
        self.line1 = line1
        self.line2 = line2
        self.locality = locality
        self.postalCode = postalCode
        self.region = region
        self.country = country
    }
}
