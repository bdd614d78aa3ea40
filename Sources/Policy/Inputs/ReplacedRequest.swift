public import ISO18626

/// The request a `Retry` replaces (§4.5), as the gateway linked it: the earlier transaction, the
/// declaration it carried and what we offered back in its RetryPossible.
public struct ReplacedRequest: Hashable, Sendable {
    /// The earlier transaction (ours, as supplier).
    public var transactionID: Int64
    /// Its `serviceInfo/copyrightCompliance`, used when the retry carries none.
    public var copyrightCompliance: String?
    /// What our RetryPossible offered (`retryInfo`, or the 2017 `messageInfo` fields), if we answered so.
    public var offered: RetryInfo?

    public init(transactionID: Int64, copyrightCompliance: String? = nil, offered: RetryInfo? = nil) {
        self.transactionID = transactionID
        self.copyrightCompliance = copyrightCompliance
        self.offered = offered
    }
}
