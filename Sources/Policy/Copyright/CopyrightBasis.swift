/// Why a copy was sent with its declaration, as recorded in the ledger (§1.6).
public enum CopyrightBasis: String, Hashable, Sendable, CaseIterable {
    /// Within the CONTU guideline: counted, `US-CCG`.
    case guideline
    /// Over the limit with a royalty to pay: counted, `US-CCG`.
    case royalty
    /// Published more than the window before the request: `US-CCL`, not counted.
    case older
    /// We subscribe to the title (guideline 2): `US-CCL`, not counted.
    case owned
    /// A subscription or order is placed (guideline 2): `US-CCL`, not counted.
    case onOrder = "on_order"
    /// The royalty is already paid: not counted.
    case paid
    /// Bought from a document supplier who pays the royalty: not counted.
    case documentSupplier = "document_supplier"
    /// Out of copyright: `US-CCL`, not counted.
    case publicDomain = "public_domain"
    /// 108(c) replacement, marked by staff.
    case ccl108c = "108c"
    /// 108(e) unobtainable whole work, marked by staff.
    case ccl108e = "108e"

    /// Whether the copy counts against the rule of five (K07).
    public var isCounted: Bool { self == .guideline || self == .royalty }
}
