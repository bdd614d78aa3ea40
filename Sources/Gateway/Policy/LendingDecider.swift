import Foundation
import ISO18626
import Policy
import Store
import Transactions

/// Runs the lending policy for a request that has just arrived, inside the write transaction that stores
/// it: records the request's history keys, reads holdings and history counts, and decides.
struct LendingDecider {
    let policy: PolicyConfiguration
    let peer: Peer
    let now: Date

    /// The inputs of a new request (or a retry): holdings and history counts, leaving out the transaction
    /// itself and, for a retry, the transaction it replaces (a retry is not a duplicate of its original).
    func input(for request: Request, transactionID: Int64?, replacing previous: Int64? = nil, _ writer: any StoreWriter) throws -> LendingInput {
        let excluded = [transactionID, previous].compactMap(\.self)
        let holdings = try writer.holdings(matching: HoldingFacts.lookup(for: request))
        return LendingInput(
            request: request,
            peer: peer.profile,
            item: HoldingFacts.itemFacts(from: holdings),
            history: try history(keys: CitationKeys(request: request), excluding: excluded, writer),
            receivedAt: now
        )
    }

    /// Decides a new request (or a retry) for `transaction`, saving its policy facts with the decision.
    func decide(_ request: Request, for transaction: TransactionRecord, _ writer: any StoreWriter) throws -> LendingDecision {
        let input = try input(for: request, transactionID: transaction.id, replacing: transaction.previousTransactionID, writer)
        let decision = LendingPolicy(configuration: policy).decide(input)
        let keys = CitationKeys(request: request)
        try writer.save(
            TransactionPolicyRecord(
                transactionID: transaction.id,
                citationKey: keys.citation,
                titleKey: keys.title,
                issueKey: keys.issue,
                isArticle: request.bibliographicInfo.titleOfComponent != nil || request.bibliographicInfo.pagesRequested != nil,
                decisionRule: decision.outcome.rule.rawValue,
                decisionTrace: decision.trace.line
            )
        )
        return decision
    }

    /// The counts of L06 and L10, this transaction excluded.
    private func history(keys: CitationKeys, excluding excluded: [Int64], _ writer: any StoreWriter) throws -> LendingHistory {
        var open: [SupplierState] = [.willSupply, .loaned, .received, .overdue, .recalled, .returnShipped, .holdReturn]
        if policy.lending.quotaCountsExpectToSupply { open.append(.expectToSupply) }
        let flags = policy.lending.redFlags
        let role = TransactionRole.supplier.rawValue
        let duplicateSince = now.addingTimeInterval(-Double(flags.duplicateHours) * 3600)
        let titleSince = now.addingTimeInterval(-Double(flags.sameTitleWindowHours) * 3600)
        return LendingHistory(
            openLoansToPeer: try writer.count(
                HistoryQuery(
                    role: role,
                    peerName: peer.name,
                    states: open.map(\.rawValue),
                    serviceTypes: [ServiceType.loan.rawValue, ServiceType.copyOrLoan.rawValue],
                    excludingTransactionIDs: excluded
                )
            ),
            sameCitationFromPeer: flags.duplicateHours == 0
                ? 0
                : try writer.count(
                    HistoryQuery(role: role, peerName: peer.name, citationKey: keys.citation, since: duplicateSince, excludingTransactionIDs: excluded)
                ),
            sameTitleCopiesFromPeer: try writer.count(
                HistoryQuery(
                    role: role,
                    peerName: peer.name,
                    serviceTypes: [ServiceType.copy.rawValue, ServiceType.copyOrLoan.rawValue],
                    titleKey: keys.title,
                    since: titleSince,
                    excludingTransactionIDs: excluded
                )
            ),
            sameIssueArticlesFromPeer: keys.issue == nil
                ? 0
                : try writer.count(
                    HistoryQuery(
                        role: role,
                        peerName: peer.name,
                        issueKey: keys.issue,
                        articlesOnly: true,
                        since: titleSince,
                        excludingTransactionIDs: excluded
                    )
                )
        )
    }
}

extension SupplierCommand {
    /// The command that sends a policy reply.
    init?(_ reply: SupplierReply) {
        let event: SupplierEvent
        switch reply.status {
        case .willSupply: event = .willSupply
        case .expectToSupply: event = .expectToSupply
        case .unfilled: event = .unfilled
        case .retryPossible: event = .retryPossible
        default: return nil
        }
        self.init(
            event,
            note: reply.note,
            reasonUnfilled: reply.reasonUnfilled,
            reasonRetry: reply.reasonRetry,
            retryInfo: reply.retryInfo,
            dueDate: reply.dueDate,
            deliveryMethod: reply.deliveryMethod
        )
    }
}

extension Array where Element == RuleEvaluation {
    /// The trace as one line: `L01 passed: …; L07 fired: …`.
    var line: String { map(\.description).joined(separator: "; ") }
}
