/// A lender's invoice as staff type it in: its number, date, currency and lines.
public struct ReceivedInvoiceInput: Hashable, Sendable, Codable {
    /// One line: which of our requests it bills, and how much.
    public struct Line: Hashable, Sendable, Codable {
        /// Our request id, as the lender printed it.
        public var requestID: String
        public var description: String
        /// The amount as text (`45.00`), in the invoice's currency.
        public var amount: String

        public init(requestID: String, description: String, amount: String) {
            self.requestID = requestID
            self.description = description
            self.amount = amount
        }
    }

    public var peerName: String
    public var number: String
    /// `YYYY-MM-DD`.
    public var date: String
    public var currency: String
    public var lines: [Line]

    public init(peerName: String, number: String, date: String, currency: String, lines: [Line]) {
        self.peerName = peerName
        self.number = number
        self.date = date
        self.currency = currency
        self.lines = lines
    }
}
