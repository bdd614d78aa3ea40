import ISO18626
import Policy
import Store
import Transactions

/// Which of our lending transactions a `Retry` replaces (§4.5): the one it names in
/// `requestingAgencyPreviousRequestId`, else, when it names none we know, the latest request from the same
/// peer for the same citation that we answered RetryPossible.
enum RetryLink {
    /// The replaced transaction, or `nil` (not a retry, or nothing to link).
    /// - Parameter citation: the retry's citation keys; without them only a named request is found.
    static func replaced(by request: Request, from peer: Peer, citation: CitationKeys?, _ writer: any StoreWriter) throws -> TransactionRecord? {
        guard request.serviceInfo?.requestType == .retry else { return nil }
        let requester = request.header.requestingAgencyID.key
        if let named = request.serviceInfo?.requestingAgencyPreviousRequestID,
            let previous = try writer.transaction(role: .supplier, requestingAgencyID: requester, requestID: named)
        {
            return previous
        }
        guard let citation else { return nil }
        let offered = try writer.latestTransactionID(
            HistoryQuery(
                role: TransactionRole.supplier.rawValue,
                peerName: peer.name,
                states: [SupplierState.retryPossible.rawValue],
                citationKey: citation.citation
            )
        )
        return try offered.flatMap { try writer.transaction(id: $0) }
    }
}
