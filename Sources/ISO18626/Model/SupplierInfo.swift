/// A suggested supplier, as a requester or broker lists them (the rota).
public struct SupplierInfo: Hashable, Sendable {
    /// Position in the list (0 or more).
    public var sortOrder: Int?
    /// The supplier.
    public var supplierCode: AgencyID?
    /// Free text about the supplier.
    public var supplierDescription: String?
    /// The supplier's record id for the item.
    public var bibliographicRecordID: BibliographicRecordID?
    /// The supplier's call number.
    public var callNumber: String?
    /// The supplier's holdings statement.
    public var summaryHoldings: String?
    /// Free text about availability.
    public var availabilityNote: String?

    /// Creates a supplier suggestion.
    public init(
        sortOrder: Int? = nil,
        supplierCode: AgencyID? = nil,
        supplierDescription: String? = nil,
        bibliographicRecordID: BibliographicRecordID? = nil,
        callNumber: String? = nil,
        summaryHoldings: String? = nil,
        availabilityNote: String? = nil
    ) {
        self.sortOrder = sortOrder
        self.supplierCode = supplierCode
        self.supplierDescription = supplierDescription
        self.bibliographicRecordID = bibliographicRecordID
        self.callNumber = callNumber
        self.summaryHoldings = summaryHoldings
        self.availabilityNote = availabilityNote
    }

    /// Whether nothing at all is filled in (peers send `<supplierInfo/>`).
    public var isEmpty: Bool { self == SupplierInfo() }
}
