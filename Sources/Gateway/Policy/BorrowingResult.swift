/// What became of a patron's borrowing request.
public enum BorrowingResult: Sendable {
    /// Sent to the first lender of the rota.
    case sent(TransactionRecordSummary)
    /// Held for staff before anything was sent.
    case held(reviewID: Int64, rule: String, why: String)
    /// Not borrowed.
    case rejected(rule: String, reason: String)

    /// The policy decision, for the log.
    public var outcome: String {
        switch self {
        case .sent: "send"
        case .held: "hold"
        case .rejected: "reject"
        }
    }
}

/// The transaction a sent borrowing request created, with the policy's choices.
public struct TransactionRecordSummary: Sendable {
    public var transactionID: Int64
    public var requestID: String
    public var peerName: String
    /// The declaration sent, for copies.
    public var copyrightCompliance: String?
    /// The lenders still to ask if this one cannot supply.
    public var remainingRota: [String]

    public init(transactionID: Int64, requestID: String, peerName: String, copyrightCompliance: String?, remainingRota: [String]) {
        self.transactionID = transactionID
        self.requestID = requestID
        self.peerName = peerName
        self.copyrightCompliance = copyrightCompliance
        self.remainingRota = remainingRota
    }
}
