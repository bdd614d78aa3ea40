/// A patron notice handed to the mail command or the spool directory. Carries ids only, never the patron's address,
/// so it may be logged as it is.
public struct SentPatronNotice: Hashable, Sendable {
    /// What the notice said.
    public var kind: PatronNoticeKind
    /// The borrowing transaction it is about.
    public var transactionID: Int64
    /// Our request id of that transaction.
    public var requestID: String

    /// Creates a summary.
    public init(kind: PatronNoticeKind, transactionID: Int64, requestID: String) {
        self.kind = kind
        self.transactionID = transactionID
        self.requestID = requestID
    }
}
