public import Foundation

/// What we charge for lending, `[policy.lending.charges]` (L13).
public struct LendingCharges: Hashable, Sendable {
    /// What happens when a request carries no `billingInfo/maximumCosts`.
    public enum WhenMaximumAbsent: String, Hashable, Sendable, CaseIterable {
        /// Supply and charge.
        case accept
        /// Supply only if our charge is zero; otherwise offer our charge with RetryPossible.
        case acceptIfFree = "accept_if_free"
        /// Always offer our charge with RetryPossible.
        case retry
    }

    /// A peer group's own charges.
    public struct Override: Hashable, Sendable {
        public var loan: Decimal?
        public var copy: Decimal?
        public init(loan: Decimal? = nil, copy: Decimal? = nil) {
            self.loan = loan
            self.copy = copy
        }
    }

    /// ISO 4217 code of our charges.
    public var currency = "USD"
    public var loan: Decimal = 15
    public var copy: Decimal = 10
    public var whenMaximumAbsent: WhenMaximumAbsent = .acceptIfFree
    /// Added to copy charges for `UK-CopyRFeePaid` copies.
    public var feePaidSurcharge: Decimal = 0
    /// Charges by peer group (`group_overrides`); the lowest applicable charge wins.
    public var groupOverrides: [String: Override] = [:]

    public init() {}
}
