public import Foundation

/// What a patron type may borrow through ILL, `[policy.patron_types.NAME]` (B01, B03, B04, B07).
public struct PatronTypePolicy: Hashable, Sendable {
    /// Whether this patron type may use ILL at all.
    public var ill: Bool
    /// At most this many open ILL requests per patron; `nil` means no limit.
    public var maxOpen: Int?
    /// The most we pay for one request, in the lending charges' currency; `nil` means no ceiling.
    public var maxCost: Decimal?
    /// Formats this patron type may not borrow, compared case-insensitively.
    public var notBorrowable: [String]

    public init(ill: Bool = true, maxOpen: Int? = nil, maxCost: Decimal? = nil, notBorrowable: [String] = []) {
        self.ill = ill
        self.maxOpen = maxOpen
        self.maxCost = maxCost
        self.notBorrowable = notBorrowable
    }
}
