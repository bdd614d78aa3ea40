public import Foundation

/// An amount of money: a decimal value (never floating point) and an ISO 4217 currency.
public struct Costs: Hashable, Sendable, CustomStringConvertible {
    /// The ISO 4217 currency code, such as `USD`.
    public var currencyCode: CurrencyCode
    /// The amount, exactly as a decimal.
    public var monetaryValue: Decimal

    /// Creates an amount.
    public init(currencyCode: CurrencyCode, monetaryValue: Decimal) {
        self.currencyCode = currencyCode
        self.monetaryValue = monetaryValue
    }

    public var description: String { "\(monetaryValue) \(currencyCode.value)" }
}
