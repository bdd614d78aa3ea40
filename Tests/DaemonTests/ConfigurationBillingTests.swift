import Daemon
import Foundation
import Gateway
import Policy
import Testing

/// `[billing]` and the money keys of `[policy.lending]`: read with their defaults, bad values named by key.
@Suite struct ConfigurationBillingTests {
    @Test func billingAndChargesAreRead() throws {
        let configuration = try ConfigurationTestSupport.parse(
            ConfigurationTestSupport.minimal + """
                [billing]
                name = "Lending Library ILL"
                address = ["1 Library Way", "Springfield"]
                tax_id = "DK12345678"
                payment_terms_days = 45
                invoice_number_format = "INV-{year}-{seq:5}"

                [policy]
                [policy.lending]
                bill_lost_after_days_overdue = 60
                [policy.lending.charges]
                currency = "EUR"
                lost_processing_fee = "10.00"
                damage_fee = "25.50"
                [policy.lending.charges.replacement]
                default = "40.00"
                DVD = "30.00"

                """
        )
        let billing = configuration.gateway.billing
        #expect(billing.name == "Lending Library ILL" && billing.address == ["1 Library Way", "Springfield"] && billing.taxID == "DK12345678")
        #expect(billing.paymentTermsDays == 45)
        #expect(billing.currency == "EUR", "invoices follow the charges' currency unless [billing] says otherwise")
        #expect(billing.invoiceNumber(year: 2026, sequence: 7) == "INV-2026-00007")
        let charges = try #require(configuration.policy).lending.charges
        #expect(charges.lostProcessingFee == Decimal(string: "10.00") && charges.damageFee == Decimal(string: "25.50"))
        #expect(charges.defaultReplacementCost == 40 && charges.replacementCosts == ["dvd": 30])
        #expect(configuration.policy?.lending.billLostAfterDaysOverdue == 60)
    }

    @Test func defaults() throws {
        let configuration = try ConfigurationTestSupport.parse(ConfigurationTestSupport.minimal)
        #expect(configuration.gateway.billing == BillingConfiguration())
        #expect(BillingConfiguration().invoiceNumber(year: 2026, sequence: 12) == "2026-0012")
        #expect(PolicyConfiguration().lending.billLostAfterDaysOverdue == nil)
    }

    @Test(arguments: [
        ("[billing]\ncurrency = \"ABC\"", "billing.currency", "active ISO 4217 code"),
        ("[billing]\ninvoice_number_format = \"INV-{year}\"", "billing.invoice_number_format", "must contain {seq}"),
        ("[billing]\npayment_terms_days = -3", "billing.payment_terms_days", "must not be negative"),
        ("[billing]\nadress = []", "billing.adress", "address"),
        ("[policy.lending.charges]\ndamage_fee = 25.5", "policy.lending.charges.damage_fee", "a floating-point number cannot hold money exactly"),
    ])
    func badValuesAreNamed(fragment: String, key: String, message: String) throws {
        let problem = try ConfigurationTestSupport.problem(ConfigurationTestSupport.minimal + fragment + "\n")
        #expect(problem.description.contains(key), "\(problem)")
        #expect(problem.description.contains(message), "\(problem)")
        #expect(problem.line != nil, "\(problem)")
    }
}
