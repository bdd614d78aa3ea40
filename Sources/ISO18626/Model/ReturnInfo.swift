/// Where a loaned item is to be returned, when not to the supplier itself.
public struct ReturnInfo: Hashable, Sendable {
    /// The agency to return to.
    public var returnAgencyID: AgencyID?
    /// Its name.
    public var name: String?
    /// Its postal address.
    public var physicalAddress: PhysicalAddress?

    /// Creates return information.
    public init(returnAgencyID: AgencyID? = nil, name: String? = nil, physicalAddress: PhysicalAddress? = nil) {
        self.returnAgencyID = returnAgencyID
        self.name = name
        self.physicalAddress = physicalAddress
    }
}
