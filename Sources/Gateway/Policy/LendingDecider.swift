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
    /// itself and, for a retry, every transaction it replaces (a retry is not a duplicate of its
    /// original, nor of the original's own predecessors), with what the replaced request declared and
    /// what we offered it.
    func input(
        for request: Request,
        keys: RequestKeys,
        transactionID: Int64?,
        replacing previous: Int64? = nil,
        _ writer: any StoreWriter
    ) throws -> LendingInput {
        let replaced = try previous.map { try replacedRequest($0, writer) }
        let excluded = [transactionID].compactMap(\.self) + (replaced?.chain ?? [])
        let holdings = try writer.holdings(matching: keys.holdings)
        return LendingInput(
            request: request,
            peer: peer.profile,
            item: HoldingFacts.itemFacts(from: holdings, serving: CopyrightClassifier.effectiveServiceType(of: request)),
            history: try history(keys: keys.citation, serviceType: CopyrightClassifier.effectiveServiceType(of: request), excluding: excluded, writer),
            receivedAt: now,
            replacing: replaced?.request
        )
    }

    /// The longest chain of retries followed back (a peer retrying the same request over and over).
    private static let maximumRetryChain = 20

    /// The request a retry replaces: its declaration, our RetryPossible's offers, and the ids of it and
    /// of the requests it replaced in turn.
    private func replacedRequest(_ id: Int64, _ writer: any StoreWriter) throws -> (request: ReplacedRequest, chain: [Int64]) {
        var chain = [id]
        var next = try writer.transaction(id: id)?.previousTransactionID
        while let earlier = next, !chain.contains(earlier), chain.count < Self.maximumRetryChain {
            chain.append(earlier)
            next = try writer.transaction(id: earlier)?.previousTransactionID
        }
        let decoder = ISO18626Decoder()
        let messages = try writer.messages(transactionID: id)
        var replaced = ReplacedRequest(transactionID: id)
        if let stored = messages.first(where: { $0.direction == .inbound && $0.kind == .request }),
            case .request(let original) = try stored.storedMessage(decoder)
        {
            replaced.copyrightCompliance = original.serviceInfo?.copyrightCompliance?.value
        }
        for stored in messages.reversed() where stored.direction == .outbound && stored.kind == .supplyingAgencyMessage {
            guard case .supplyingAgencyMessage(let sam) = try stored.storedMessage(decoder), sam.statusInfo.status == .retryPossible else { continue }
            replaced.offered = sam.retryInfo ?? RetryInfo()
            break
        }
        return (replaced, chain)
    }

    /// Decides a new request (or a retry) for `transaction`, saving its policy facts with the decision.
    func decide(_ request: Request, keys requestKeys: RequestKeys, for transaction: TransactionRecord, _ writer: any StoreWriter) throws -> LendingDecision {
        let input = try input(for: request, keys: requestKeys, transactionID: transaction.id, replacing: transaction.previousTransactionID, writer)
        let decision = LendingPolicy(configuration: policy).decide(input)
        let keys = requestKeys.citation
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

    /// The counts of L06 and L10, this transaction excluded; each stops one past the threshold it is
    /// compared with, so a busy peer's history does not make every decision slower.
    ///
    /// Only what the request's service type is judged by is counted: open loans for loans (when there is a
    /// quota), same-title and same-issue copies for copies.
    private func history(keys: CitationKeys, serviceType: ServiceType, excluding excluded: [Int64], _ writer: any StoreWriter) throws -> LendingHistory {
        let mayBeLoan = serviceType != .copy
        let mayBeCopy = serviceType != .loan
        var open: [SupplierState] = [.willSupply, .loaned, .received, .overdue, .recalled, .returnShipped, .holdReturn]
        if policy.lending.quotaCountsExpectToSupply { open.append(.expectToSupply) }
        let flags = policy.lending.redFlags
        let role = TransactionRole.supplier.rawValue
        let duplicateSince = now.addingTimeInterval(-Double(flags.duplicateHours) * 3600)
        let titleSince = now.addingTimeInterval(-Double(flags.sameTitleWindowHours) * 3600)
        return LendingHistory(
            openLoansToPeer: !mayBeLoan || policy.lending.maxOpenLoansPerPeer == nil
                ? 0
                : try writer.count(
                    HistoryQuery(
                        role: role,
                        peerName: peer.name,
                        states: open.map(\.rawValue),
                        serviceTypes: [ServiceType.loan.rawValue, ServiceType.copyOrLoan.rawValue],
                        excludingTransactionIDs: excluded,
                        countAtMost: policy.lending.maxOpenLoansPerPeer.map { $0 + 1 }
                    )
                ),
            sameCitationFromPeer: flags.duplicateHours == 0
                ? 0
                : try writer.count(
                    HistoryQuery(
                        role: role,
                        peerName: peer.name,
                        citationKey: keys.citation,
                        since: duplicateSince,
                        excludingTransactionIDs: excluded,
                        countAtMost: 1
                    )
                ),
            sameTitleCopiesFromPeer: !mayBeCopy
                ? 0
                : try writer.count(
                    HistoryQuery(
                        role: role,
                        peerName: peer.name,
                        serviceTypes: [ServiceType.copy.rawValue, ServiceType.copyOrLoan.rawValue],
                        titleKey: keys.title,
                        since: titleSince,
                        excludingTransactionIDs: excluded,
                        countAtMost: flags.sameTitlePerPeerMax + 1
                    )
                ),
            sameIssueArticlesFromPeer: !mayBeCopy || keys.issue == nil
                ? 0
                : try writer.count(
                    HistoryQuery(
                        role: role,
                        peerName: peer.name,
                        issueKey: keys.issue,
                        articlesOnly: true,
                        since: titleSince,
                        excludingTransactionIDs: excluded,
                        countAtMost: flags.sameIssueArticlesMax + 1
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

/// What a request is counted and looked up by, worked out before the database write (title keys need
/// Unicode normalisation, which should not hold the writer up).
struct RequestKeys: Sendable {
    var citation: CitationKeys
    var holdings: HoldingLookup

    init(_ request: Request) {
        citation = CitationKeys(request: request)
        holdings = HoldingFacts.lookup(for: request)
    }
}
