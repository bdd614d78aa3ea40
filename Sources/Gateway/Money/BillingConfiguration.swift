import Foundation

/// Who we are on an invoice, and how invoices are numbered and paid: `[billing]`.
public struct BillingConfiguration: Hashable, Sendable {
    /// Our name as printed on invoices.
    public var name = "Interlibrary Loan"
    /// Our postal address, one line per element.
    public var address: [String] = []
    /// Our tax id (VAT number, EIN), printed when set.
    public var taxID: String?
    /// Days from issue until payment is due.
    public var paymentTermsDays = 30
    /// The currency we invoice in (ISO 4217); charges in another currency are never converted.
    public var currency = "USD"
    /// How invoice numbers are written: `{year}` and `{seq}` (or `{seq:N}`, zero-padded to N digits).
    public var invoiceNumberFormat = "{year}-{seq:4}"

    public init() {}

    /// The number of the `sequence`-th invoice of `year`.
    public func invoiceNumber(year: Int, sequence: Int) -> String {
        var text = invoiceNumberFormat.replacingOccurrences(of: "{year}", with: String(year))
        while let open = text.range(of: "{seq") {
            guard let close = text[open.upperBound...].firstIndex(of: "}") else { break }
            let width = Int(text[open.upperBound..<close].dropFirst()) ?? 0
            let digits = String(sequence)
            let padded = String(repeating: "0", count: max(0, width - digits.count)) + digits
            text.replaceSubrange(open.lowerBound...close, with: padded)
        }
        return text
    }

    /// Whether a format names the sequence (without it numbers would repeat).
    public static func isValidNumberFormat(_ format: String) -> Bool {
        format.contains("{seq}") || format.range(of: #"\{seq:[0-9]{1,2}\}"#, options: .regularExpression) != nil
    }
}
