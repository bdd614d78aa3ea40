/// Why an amount of money was not accepted. Names the field it came from, so staff know what to fix.
public struct MoneyError: Error, Hashable, Sendable, CustomStringConvertible {
    /// What kind of problem; new codes may be added.
    public struct Code: Hashable, Sendable, CustomStringConvertible {
        private let name: String
        private init(_ name: String) { self.name = name }

        /// Not a decimal number (or not "amount CUR").
        public static let notAnAmount = Code("notAnAmount")
        /// Below zero where only a charge or payment makes sense.
        public static let negative = Code("negative")
        /// Zero where an amount is needed.
        public static let zero = Code("zero")
        /// Not an active ISO 4217 code.
        public static let unknownCurrency = Code("unknownCurrency")
        /// More decimal places than the currency has.
        public static let tooPrecise = Code("tooPrecise")
        /// Two amounts in different currencies were combined.
        public static let currencyMismatch = Code("currencyMismatch")

        public var description: String { name }
    }

    /// What kind of problem.
    public var code: Code
    /// The field (or configuration key, or CSV column) the value came from.
    public var field: String
    /// The explanation, naming the value.
    public var message: String

    /// Creates an error.
    public init(_ code: Code, field: String, _ message: String) {
        self.code = code
        self.field = field
        self.message = message
    }

    public var description: String { "\(field): \(message)" }
}
