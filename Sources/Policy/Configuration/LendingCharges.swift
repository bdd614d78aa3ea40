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
    /// Added to the replacement cost of a lost item (`lost_processing_fee`).
    public var lostProcessingFee: Decimal = 0
    /// Charged for an item that comes back damaged (`damage_fee`).
    public var damageFee: Decimal = 0
    /// The replacement cost of an item whose holding names no price, by material type (the holding's
    /// format, lowercased), `[policy.lending.charges.replacement]`.
    public var replacementCosts: [String: Decimal] = [:]
    /// The replacement cost when neither the holding nor its material type has one (`replacement.default`).
    public var defaultReplacementCost: Decimal = 0

    public init() {}

    /// Our charge for a loan (or a copy) to a peer in `groups`: the lowest group override that applies, else
    /// the configured charge; plus the fee-paid surcharge when `surchargeCode` is `UK-CopyRFeePaid` (copies).
    public func serviceCharge(loan: Bool, groups: [String], surchargeCode: String? = nil) -> Decimal {
        let overrides = groups.compactMap { group in groupOverrides.first { $0.key.lendingMatches(group) }?.value }
            .compactMap { loan ? $0.loan : $0.copy }
        var amount = overrides.min() ?? (loan ? self.loan : copy)
        if let surchargeCode, surchargeCode.lendingMatches("UK-CopyRFeePaid") {
            amount += feePaidSurcharge
        }
        return amount
    }
}
