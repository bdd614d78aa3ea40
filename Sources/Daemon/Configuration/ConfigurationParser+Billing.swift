internal import Gateway
internal import ISO18626
internal import Policy

/// `[billing]`: who we are on invoices, payment terms, the invoice currency and number format.
extension ConfigurationParser {
    func readBilling(_ reader: TableReader, policy: PolicyConfiguration?) -> BillingConfiguration {
        var billing = BillingConfiguration()
        // Invoices are in the currency we charge in unless the section says otherwise.
        billing.currency = policy?.lending.charges.currency ?? billing.currency
        billing.name = reader.string("name", expected: "our name as printed on invoices") ?? billing.name
        if let lines = reader.strings("address", expected: "the address lines, like [\"1 Library Way\", \"Springfield\"]") {
            billing.address = lines.map(\.value)
        }
        billing.taxID = reader.string("tax_id", expected: "a tax id like \"DK12345678\"")
        billing.paymentTermsDays = reader.integer("payment_terms_days", expected: "a number of days like 30", atLeast: 0, atMost: 365)
            ?? billing.paymentTermsDays
        if let currency = reader.string("currency", expected: "a currency code like \"USD\"") {
            if ISO4217.isActive(currency) {
                billing.currency = currency
            } else {
                reader.report("currency", "must be an active ISO 4217 code like \"USD\", found \"\(currency)\"")
            }
        }
        if let format = reader.string("invoice_number_format", expected: "a format like \"{year}-{seq:4}\"") {
            if BillingConfiguration.isValidNumberFormat(format) {
                billing.invoiceNumberFormat = format
            } else {
                reader.report("invoice_number_format", "must contain {seq} or {seq:N} (N digits), like \"INV-{year}-{seq:5}\"; found \"\(format)\"")
            }
        }
        reader.finish()
        return billing
    }
}
