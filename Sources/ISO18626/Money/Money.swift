public import Foundation

/// An amount of money in an active ISO 4217 currency, held as a `Decimal` (never a floating-point number)
/// with at most the currency's minor units. Written as text everywhere it leaves the process: `25.00 USD`.
public struct Money: Hashable, Sendable, CustomStringConvertible {
    /// The amount, exactly.
    public private(set) var amount: Decimal
    /// The currency.
    public let currency: CurrencyCode

    /// An amount already known to be valid for the currency (from the store, or computed from valid ones).
    public init(exactly amount: Decimal, _ currency: CurrencyCode) {
        self.amount = amount
        self.currency = currency
    }

    /// Checks an amount: an active currency and no more decimal places than it has.
    /// - Parameters:
    ///   - field: where the amount came from, for the error.
    ///   - allowNegative: whether a negative amount is acceptable (an adjustment).
    public init(_ amount: Decimal, _ currency: CurrencyCode, field: String, allowNegative: Bool = false) throws(MoneyError) {
        let code = currency.value
        guard let places = ISO4217.minorUnits(of: code) else {
            throw MoneyError(.unknownCurrency, field: field, "'\(code)' is not an active ISO 4217 currency code")
        }
        guard allowNegative || amount >= 0 else {
            throw MoneyError(.negative, field: field, "\(DecimalFormat.format(amount)) is negative; an amount here must be zero or more")
        }
        guard Self.rounded(amount, places: places) == amount else {
            throw MoneyError(.tooPrecise, field: field, "\(DecimalFormat.format(amount)) has more than \(places) decimal places for \(code)")
        }
        self.amount = amount
        self.currency = currency
    }

    /// Reads an amount and a currency written as `25.00 USD` (or `USD 25.00`).
    public static func parse(_ text: String, field: String, allowNegative: Bool = false) throws(MoneyError) -> Money {
        let words = text.split(whereSeparator: \.isWhitespace).map(String.init)
        guard words.count == 2 else {
            throw MoneyError(.notAnAmount, field: field, "write an amount and a currency, such as '25.00 USD', not '\(text)'")
        }
        let (number, code) = DecimalFormat.parse(words[0]) != nil ? (words[0], words[1]) : (words[1], words[0])
        guard let amount = DecimalFormat.parse(number) else {
            throw MoneyError(.notAnAmount, field: field, "'\(number)' is not a decimal amount like 25.00")
        }
        return try Money(amount, CurrencyCode(code.uppercased()), field: field, allowNegative: allowNegative)
    }

    /// Reads an amount in a known currency (`"25.00"`).
    public static func parse(amount text: String, currency: CurrencyCode, field: String, allowNegative: Bool = false) throws(MoneyError) -> Money {
        guard let amount = DecimalFormat.parse(text.trimmingCharacters(in: .whitespaces)) else {
            throw MoneyError(.notAnAmount, field: field, "'\(text)' is not a decimal amount like 25.00")
        }
        return try Money(amount, currency, field: field, allowNegative: allowNegative)
    }

    /// Zero in a currency.
    public static func zero(_ currency: CurrencyCode) -> Money { Money(exactly: 0, currency) }

    /// The currency's minor units (2 when the code is not active, which a checked amount never is).
    public var minorUnits: Int { ISO4217.minorUnits(of: currency.value) ?? 2 }

    /// The amount with exactly the currency's decimal places: `25.00`, `1500` (JPY), `-3.500` (KWD).
    public var formattedAmount: String { DecimalFormat.format(amount, places: minorUnits) }

    /// `25.00 USD`.
    public var description: String { "\(formattedAmount) \(currency.value)" }

    /// The amount as ISO 18626 `costs`.
    public var costs: Costs { Costs(currencyCode: currency, monetaryValue: amount) }

    /// The negated amount.
    public var negated: Money { Money(exactly: -amount, currency) }

    /// The sum; both must be in the same currency.
    public func adding(_ other: Money, field: String) throws(MoneyError) -> Money {
        guard other.currency == currency else {
            throw MoneyError(.currencyMismatch, field: field, "\(other) cannot be added to an amount in \(currency.value); currencies are never converted")
        }
        return Money(exactly: amount + other.amount, currency)
    }

    /// The sum of amounts in one currency (zero in `currency` when empty).
    public static func sum(_ amounts: [Money], in currency: CurrencyCode, field: String) throws(MoneyError) -> Money {
        var total = Money.zero(currency)
        for amount in amounts { total = try total.adding(amount, field: field) }
        return total
    }

    /// `value` rounded half-up (bankers' rounding is not what invoices use) to `places` decimal places.
    static func rounded(_ value: Decimal, places: Int) -> Decimal {
        var input = value
        var output = Decimal()
        NSDecimalRound(&output, &input, places, .plain)
        return output
    }
}
