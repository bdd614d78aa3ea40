import Foundation
public import ISO18626
import Policy
import Store
import Transactions

/// `illgate policy explain`: runs the policy on a request against the stored history as of the gateway's
/// clock, inside a database transaction that is always rolled back, so nothing changes.
extension Gateway {
    /// Explains what we would answer if a peer sent us `request` now.
    /// - Parameter peerName: the peer to evaluate as; by default the one owning the request's requesting agency id.
    public func explainLending(_ request: Request, peerName: String? = nil) async throws -> PolicyExplanation {
        let configuration = self.configuration
        let policy = configuration.policy ?? PolicyConfiguration()
        let agency = request.header.requestingAgencyID
        let peer: Peer
        if let peerName {
            guard let named = configuration.peers.peer(named: peerName) else {
                throw StaffActionError(.unknownPeer, "no peer named '\(peerName)' is configured")
            }
            peer = named
        } else if let owner = configuration.peers.peer(for: agency) {
            peer = owner
        } else {
            var profile = PeerProfile(name: agency.key, agencyIDs: [agency.key])
            profile.isKnown = false
            peer = Peer(name: agency.key, agencyIDs: [agency], profile: profile)
        }
        let now = self.now
        let decider = LendingDecider(policy: policy, peer: peer, now: now)
        let keys = RequestKeys(request)
        let explanation = try await rolledBack { writer in
            // A retry is explained as the request it replaces would be followed up (§4.5).
            var previous: Int64?
            // A request already received is not its own duplicate: the transaction stored for the same requester
            // and request id is left out of the history counts, as when the request was decided on arrival.
            var own: Int64?
            let sameID = try writer.transaction(role: .supplier, requestingAgencyID: agency.key, requestID: request.header.requestingAgencyRequestID)
            if request.serviceInfo?.requestType == .retry {
                previous = try (sameID ?? RetryLink.replaced(by: request, from: peer, citation: keys.citation, writer))?.id
            } else {
                own = sameID?.id
            }
            let input = try decider.input(for: request, keys: keys, transactionID: own, replacing: previous, writer)
            let lending = LendingPolicy(configuration: policy)
            let decision = lending.decide(input)
            // Every rule, also those after the one that decided: what each would say on its own.
            let decided = Set(decision.trace.map(\.rule))
            let notReached = lending.evaluateEveryRule(input).filter { !decided.contains($0.rule) }.map {
                PolicyExplanation.Rule(rule: $0.rule.rawValue, verdict: "not reached", detail: "(\($0.verdict.rawValue) on its own) \($0.detail)")
            }
            var answer: [PolicyExplanation.Fact] = []
            if let reply = decision.reply(for: peer.edition) {
                answer.append(.init(name: "status", value: reply.status.rawValue))
                if let reason = reply.reasonUnfilled { answer.append(.init(name: "reasonUnfilled", value: reason.value)) }
                if let reason = reply.reasonRetry { answer.append(.init(name: "reasonRetry", value: reason.value)) }
                if let offers = reply.retryInfo, !offers.isEmpty { answer.append(.init(name: "offers", value: Self.describe(offers))) }
                if let note = reply.note { answer.append(.init(name: "note", value: note)) }
            } else if case .review(let review) = decision.outcome {
                answer.append(.init(name: "status", value: "nothing sent: held for staff review"))
                answer.append(.init(name: "why", value: review.why))
                answer.append(.init(name: "on timeout", value: policy.onReviewTimeout == .unfilled ? "Unfilled \(review.reasonIfTimedOut.value) after \(policy.reviewTimeout)" : "keeps waiting"))
            }
            var facts: [PolicyExplanation.Fact] = [
                .init(name: "peer", value: "\(peer.name) (\(peer.profile.isKnown ? "configured" : "not configured"), edition \(peer.edition.rawValue), country \(peer.profile.effectiveCountry ?? "unknown"))"),
                .init(name: "holdings", value: Self.describe(input.item)),
                .init(name: "open loans to peer", value: String(input.history.openLoansToPeer)),
                .init(name: "same citation from peer", value: String(input.history.sameCitationFromPeer)),
                .init(name: "same title copies from peer", value: String(input.history.sameTitleCopiesFromPeer)),
                .init(name: "same issue articles from peer", value: String(input.history.sameIssueArticlesFromPeer)),
            ]
            if let replacing = input.replacing {
                facts.append(.init(name: "retry of transaction", value: String(replacing.transactionID)))
            }
            return PolicyExplanation(
                side: "lending",
                decision: decision.outcome.name,
                rule: decision.outcome.rule.rawValue,
                code: decision.outcome.code.rawValue,
                answer: answer,
                facts: facts,
                rules: decision.trace.map { .init(rule: $0.rule.rawValue, verdict: $0.verdict.rawValue, detail: $0.detail) } + notReached,
                asOf: TimestampFormat.format(now)
            )
        }
        return explanation
    }

    /// Explains what the borrowing rules would do with `request` for a patron of `patronType`, sent to `rota`.
    public func explainBorrowing(_ request: Request, patronType: String?, rota: [String]) async throws -> PolicyExplanation {
        let configuration = self.configuration
        let policy = configuration.policy ?? PolicyConfiguration()
        let names = rota.isEmpty ? configuration.peers.peers.map(\.name) : rota
        for name in names where configuration.peers.peer(named: name) == nil {
            throw StaffActionError(.unknownPeer, "no peer named '\(name)' is configured")
        }
        let now = self.now
        let context = BorrowingContext(configuration: configuration, policy: policy, outbound: outboundMessages(at: now, configuration: configuration), pickupLocation: nil)
        return try await rolledBack { writer in
            let evaluation = try context.evaluate(request, rota: names, patronType: patronType, waiving: [], writer)
            let decision = evaluation.decision
            var answer: [PolicyExplanation.Fact] = []
            var rule = decision.decidingRule.rawValue
            switch decision.outcome {
            case .send(let plan), .orderFromDocumentSupplier(_, let plan):
                if case .orderFromDocumentSupplier(let supplier, _) = decision.outcome {
                    answer.append(.init(name: "document supplier", value: supplier))
                } else {
                    answer.append(.init(name: "rota", value: plan.rota.joined(separator: ", ")))
                }
                if let code = plan.copyrightCompliance { answer.append(.init(name: "copyrightCompliance", value: code)) }
                if let ledger = plan.ledger {
                    var text = "basis \(ledger.basis.rawValue), \(ledger.basis.isCounted ? "counted" : "not counted")"
                    if let fee = ledger.royaltyEstimate { text += ", royalty estimate \(fee)" }
                    answer.append(.init(name: "ledger", value: text))
                }
                if let cost = plan.maximumCosts { answer.append(.init(name: "maximumCosts", value: cost.description)) }
            case .hold(let id, let why):
                rule = id.rawValue
                answer.append(.init(name: "hold", value: why))
            case .reject(let id, let reason):
                rule = id.rawValue
                answer.append(.init(name: "reject", value: reason))
            }
            var facts: [PolicyExplanation.Fact] = [
                .init(name: "patron type", value: evaluation.patronType ?? "none"),
                .init(name: "patron open requests", value: String(evaluation.input.history.patronOpenRequests)),
                .init(name: "local holdings", value: Self.describe(evaluation.input.localItem)),
            ]
            if let counted = evaluation.counted {
                let subject = counted.count.subject
                let byTitle = subject.isPeriodicalByTitle ? ", by title: a known periodical" : ""
                facts.append(.init(name: "copyright title", value: "\(subject.displayTitle) [\(subject.kind.rawValue)\(byTitle)\(subject.issns.isEmpty ? "" : ", ISSN \(subject.issns.joined(separator: " "))")]"))
                facts.append(.init(name: "copyright title cluster", value: String(counted.titleID)))
                if !subject.invalidISSNs.isEmpty {
                    facts.append(.init(name: "invalid ISSN ignored", value: subject.invalidISSNs.joined(separator: ", ")))
                }
                facts.append(.init(name: "copyright bucket", value: "\(subject.requestYear): \(counted.count.countInBucket) counted copies so far"))
                facts.append(.init(name: "publication date", value: subject.publication?.description ?? "unknown"))
                if let exemption = subject.exemption { facts.append(.init(name: "exemption", value: exemption.rawValue)) }
            }
            return PolicyExplanation(
                side: "borrowing",
                decision: decision.outcome.name,
                rule: rule,
                code: decision.code.rawValue,
                answer: answer,
                facts: facts,
                rules: decision.trace.map { .init(rule: $0.rule.rawValue, verdict: $0.verdict.rawValue, detail: $0.detail) },
                asOf: TimestampFormat.format(now)
            )
        }
    }

    /// Explains what the renewal rules (R01–R03) would answer if the borrower of our loan `transactionID`
    /// asked to renew it now: granted with the new due date, or refused and why.
    public func explainRenewal(transactionID: Int64) async throws -> PolicyExplanation {
        try await explainRenewal { writer in
            guard let transaction = try writer.transaction(id: transactionID), transaction.role == .supplier else {
                throw StaffActionError(.notFound, "no lending transaction \(transactionID)")
            }
            return transaction
        }
    }

    /// Explains the answer to a `Renew` action as if the peer sent `message` now: the loan is the one its
    /// header names (requesting agency and request id).
    public func explainRenewal(_ message: RequestingAgencyMessage) async throws -> PolicyExplanation {
        guard message.action == .renew else {
            throw StaffActionError(.notAllowed, "action \(message.action.rawValue): only a Renew is explained")
        }
        let agency = message.header.requestingAgencyID.key
        let requestID = message.header.requestingAgencyRequestID
        return try await explainRenewal { writer in
            guard let transaction = try writer.transaction(role: .supplier, requestingAgencyID: agency, requestID: requestID) else {
                throw StaffActionError(.notFound, "no lending transaction for request \(requestID) from \(agency)")
            }
            return transaction
        }
    }

    /// The renewal explanation for the loan `find` reads.
    private func explainRenewal(_ find: @escaping @Sendable (any StoreWriter) throws -> TransactionRecord) async throws -> PolicyExplanation {
        let configuration = self.configuration
        let policy = configuration.policy ?? PolicyConfiguration()
        let now = self.now
        return try await rolledBack { writer in
            let transaction = try find(writer)
            let transactionID = transaction.id
            let current = try transaction.supplierState()
            guard let state = RenewalFacts.loanState(current) else {
                throw StaffActionError(.notAllowed, "transaction \(transactionID) is \(current.status.rawValue): there is no loan to renew")
            }
            let stored = try writer.policyFacts(transactionID: transactionID) ?? TransactionPolicyRecord(transactionID: transactionID)
            let input = try RenewalFacts.input(for: transaction, state: state, facts: stored, now: now, writer)
            let decision = LendingPolicy(configuration: policy).decideRenewal(input)
            var answer: [PolicyExplanation.Fact] = [.init(name: "answerYesNo", value: decision.outcome.isGranted ? "Y" : "N")]
            switch decision.outcome {
            case .granted(let due):
                answer.append(.init(name: "status", value: Status.loaned.rawValue))
                answer.append(.init(name: "dueDate", value: TimestampFormat.format(due)))
            case .refused(let note):
                answer.append(.init(name: "status", value: current.status.rawValue))
                answer.append(.init(name: "note", value: note))
            }
            let facts: [PolicyExplanation.Fact] = [
                .init(name: "transaction", value: "\(transaction.id) (\(transaction.peerName), request \(transaction.requestingAgencyRequestID))"),
                .init(name: "loan state", value: state.rawValue),
                .init(name: "current due date", value: transaction.dueDate.map(TimestampFormat.format) ?? "none"),
                .init(name: "renewals used", value: "\(input.renewalsUsed) of \(policy.lending.renewalMax)"),
                .init(name: "local hold on the item", value: input.itemHasLocalHold ? "yes" : "no"),
            ]
            return PolicyExplanation(
                side: "renewal",
                decision: decision.outcome.isGranted ? "granted" : "refused",
                rule: decision.rule.rawValue,
                code: decision.code.rawValue,
                answer: answer,
                facts: facts,
                rules: decision.trace.map { .init(rule: $0.rule.rawValue, verdict: $0.verdict.rawValue, detail: $0.detail) },
                asOf: TimestampFormat.format(now)
            )
        }
    }

    /// Runs `work` in a write that is always rolled back.
    private func rolledBack<Value: Sendable>(_ work: @escaping @Sendable (any StoreWriter) throws -> Value) async throws -> Value {
        do {
            _ = try await store.write { writer -> Int in throw ExplanationRollback(value: try work(writer)) }
        } catch let rollback as ExplanationRollback<Value> {
            return rollback.value
        }
        throw StoreError.noResult("the explanation")
    }

    static func describe(_ item: ItemFacts) -> String {
        var text: String
        switch item.availability {
        case .notHeld: return "not held"
        case .available: text = "available"
        case .onLoan(let due): text = "on loan" + (due.map { " until \(TimestampFormat.format($0))" } ?? "")
        case .missing: text = "missing"
        case .lost: text = "lost"
        case .nonCirculating: text = "non-circulating"
        case .atBindery: text = "at the bindery"
        case .onOrder: text = "on order"
        case .poorCondition: text = "in poor condition"
        case .citationMismatch: text = "held, but not as cited"
        }
        if let format = item.format { text += ", format \(format)" }
        if let location = item.location { text += ", \(location)" }
        if let call = item.callNumber { text += " \(call)" }
        return text
    }

    static func describe(_ offers: RetryInfo) -> String {
        var parts: [String] = []
        if let type = offers.serviceType { parts.append("serviceType \(type.rawValue)") }
        if !offers.offeredCosts.isEmpty { parts.append("costs " + offers.offeredCosts.map(\.description).joined(separator: ", ")) }
        if !offers.deliveryMethod.isEmpty { parts.append("delivery " + offers.deliveryMethod.map(\.value).joined(separator: ", ")) }
        if !offers.serviceLevel.isEmpty { parts.append("service level " + offers.serviceLevel.map(\.value).joined(separator: ", ")) }
        if !offers.paymentMethod.isEmpty { parts.append("payment " + offers.paymentMethod.map(\.value).joined(separator: ", ")) }
        if !offers.itemFormat.isEmpty { parts.append("format " + offers.itemFormat.map(\.value).joined(separator: ", ")) }
        if let after = offers.retryAfter { parts.append("retry after \(TimestampFormat.format(after))") }
        if let before = offers.retryBefore { parts.append("retry before \(TimestampFormat.format(before))") }
        return parts.joined(separator: "; ")
    }
}

/// Carries an explanation out of a write, rolling the write back.
private struct ExplanationRollback<Value: Sendable>: Error {
    var value: Value
}
