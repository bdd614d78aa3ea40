import Foundation
import ISO18626
import Testing

/// `Money`: exact decimals in an active ISO 4217 currency, with its minor units.
@Suite("Money values") struct MoneyValueTests {
    @Test func minorUnitsFollowISO4217() {
        #expect(ISO4217.minorUnits(of: "USD") == 2)
        #expect(ISO4217.minorUnits(of: "JPY") == 0)
        #expect(ISO4217.minorUnits(of: "KWD") == 3)
        #expect(ISO4217.minorUnits(of: "CLF") == 4)
        #expect(ISO4217.minorUnits(of: "XAU") == nil, "gold has no minor unit: not an invoice currency")
        #expect(ISO4217.minorUnits(of: "HRK") == nil, "withdrawn")
        #expect(ISO4217.minorUnits(of: "XYZ") == nil)
        #expect(ISO4217.minorUnits(of: "usd") == nil, "codes are upper case")
    }

    @Test func parsesAndFormatsExactly() throws {
        #expect(try Money.parse("25 USD", field: "f").description == "25.00 USD")
        #expect(try Money.parse("USD 0.10", field: "f").description == "0.10 USD")
        #expect(try Money.parse("1500 JPY", field: "f").description == "1500 JPY")
        #expect(try Money.parse("1.5 KWD", field: "f").description == "1.500 KWD")
        let tenth = try Money.parse(amount: "0.1", currency: CurrencyCode("USD"), field: "f")
        let fifth = try Money.parse(amount: "0.2", currency: CurrencyCode("USD"), field: "f")
        #expect(try tenth.adding(fifth, field: "f").amount == Decimal(string: "0.3"), "no binary floating point")
        #expect(try Money.parse("-2.50 USD", field: "f", allowNegative: true).description == "-2.50 USD")
    }

    @Test(arguments: [
        ("25.00", MoneyError.Code.notAnAmount),
        ("ten USD", .notAnAmount),
        ("1e3 USD", .notAnAmount),
        ("-1.00 USD", .negative),
        ("1.005 USD", .tooPrecise),
        ("100.5 JPY", .tooPrecise),
        ("5.00 XYZ", .unknownCurrency),
        ("5.00 XAU", .unknownCurrency),
    ])
    func refusals(text: String, code: MoneyError.Code) {
        #expect {
            _ = try Money.parse(text, field: "amount")
        } throws: { error in
            guard let error = error as? MoneyError else { return false }
            return error.code == code && error.field == "amount" && error.description.hasPrefix("amount: ")
        }
    }

    @Test func currenciesAreNeverMixed() throws {
        let dollars = Money(exactly: 5, CurrencyCode("USD"))
        let euros = Money(exactly: 5, CurrencyCode("EUR"))
        #expect(throws: MoneyError.self) { try dollars.adding(euros, field: "total") }
        #expect(try Money.sum([dollars, dollars], in: CurrencyCode("USD"), field: "total").description == "10.00 USD")
    }
}
