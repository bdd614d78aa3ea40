import Foundation
import ISO18626
import Policy
import Store
import Transactions

/// What happens on the borrowing side after a supplier's status: the copyright ledger entry is kept when
/// the copy arrives and released when it does not happen, and an Unfilled moves the request on to the
/// next lender of its rota (policy B10) as a new transaction.
struct RotaFollowUp {
    let configuration: GatewayConfiguration
    let outbound: OutboundMessages

    /// Follows a requester transition up; returns a note for the event, if anything was done, and sets
    /// `decision` when a borrowing rule (B09, B10) acted.
    func after(
        _ transaction: TransactionRecord,
        movedTo state: RequesterState,
        by message: SupplyingAgencyMessage,
        decision: inout DecisionSummary?,
        _ writer: any StoreWriter
    ) throws -> String? {
        let now = outbound.now
        switch state {
        case .conditionsOffered:
            return try acceptOfferedCost(transaction, message, decision: &decision, writer)
        case .copyDelivered, .received, .withPatron, .completed:
            var kept = 0
            for var entry in try writer.ledgerEntries(transactionID: transaction.id) where entry.state == .reserved {
                if transaction.serviceType == .copyOrLoan, state != .copyDelivered, transaction.lastStatus == .loaned {
                    entry.state = .released  // a CopyOrLoan filled as a loan is not a copy
                    entry.releasedAt = now
                } else {
                    entry.state = .filled
                    entry.filledAt = now
                    kept += 1
                }
                try writer.update(entry)
            }
            return kept > 0 ? "copyright ledger: copy filled" : nil
        case .unfilled:
            switch try forwardToNextLender(transaction, after: "\(transaction.peerName) (transaction \(transaction.id)) could not supply", writer) {
            case .exhausted(let why):
                return try release(transaction, writer, why: why)
            case .forwarded(let forwarded):
                decision = DecisionSummary(
                    side: "borrowing",
                    outcome: "next-lender",
                    rule: "B10",
                    firedRules: ["B10"],
                    reason: message.messageInfo.reasonUnfilled?.value,
                    transactionID: forwarded.id
                )
                return "rota: sent to \(forwarded.peerName) as transaction \(forwarded.id)"
            }
        case .cancelled, .completedWithoutReturn:
            return try release(transaction, writer, why: state.rawValue)
        default:
            return nil
        }
    }

    /// Where the rota took a request.
    enum RotaStep {
        /// Sent to the next lender as this new transaction.
        case forwarded(TransactionRecord)
        /// No lender left to ask, and why.
        case exhausted(String)
    }

    /// Sends the request on to the next lender of its rota (B10) as a new transaction, with its policy facts,
    /// its pickup location, its patron's e-mail address and its reserved copyright-ledger entry; the old
    /// transaction keeps no rota.
    func forwardToNextLender(_ transaction: TransactionRecord, after detail: String, _ writer: any StoreWriter) throws -> RotaStep {
        guard configuration.policy != nil, var facts = try writer.policyFacts(transactionID: transaction.id), !facts.rota.isEmpty else {
            return .exhausted("end of rota")
        }
        let nextName = facts.rota.removeFirst()
        guard let next = configuration.peers.peer(named: nextName),
            let sent = try writer.messages(transactionID: transaction.id).first(where: { $0.direction == .outbound && $0.kind == .request }),
            case .request(var request) = try ISO18626Decoder().decode(sent.body).message
        else {
            return .exhausted("next lender '\(nextName)' is not configured")
        }
        request.header.timestamp = outbound.now
        request.header.requestingAgencyRequestID = Gateway.newRequestID(prefix: configuration.requestIDPrefix)
        request.header.supplyingAgencyRequestID = nil
        let forwarded = try Gateway.send(
            request,
            to: next,
            pickupLocation: transaction.pickupLocation,
            patronEmail: transaction.patronEmail,
            outbound: outbound,
            detail: "rota: after \(detail)",
            writer
        )
        var nextFacts = facts
        nextFacts.transactionID = forwarded.id
        try writer.save(nextFacts)
        facts.rota = []
        try writer.save(facts)
        for var entry in try writer.ledgerEntries(transactionID: transaction.id) where entry.state == .reserved {
            entry.transactionID = forwarded.id
            entry.lenders = [entry.lenders, next.name].compactMap { $0 }.joined(separator: ", ")
            try writer.update(entry)
        }
        return .forwarded(forwarded)
    }

    private func release(_ transaction: TransactionRecord, _ writer: any StoreWriter, why: String) throws -> String? {
        var released = 0
        for var entry in try writer.ledgerEntries(transactionID: transaction.id) where entry.state == .reserved {
            entry.state = .released
            entry.releasedAt = outbound.now
            try writer.update(entry)
            released += 1
        }
        return released > 0 ? "copyright ledger: copy released (\(why))" : nil
    }

    /// B09: a RetryPossible CostExceedsMaxCost whose offer is within the patron type's ceiling is retried
    /// at once with the offered cost; anything else waits for staff.
    private func acceptOfferedCost(
        _ transaction: TransactionRecord,
        _ message: SupplyingAgencyMessage,
        decision: inout DecisionSummary?,
        _ writer: any StoreWriter
    ) throws -> String? {
        guard let policy = configuration.policy,
            message.messageInfo.reasonRetry?.value.lowercased() == "costexceedsmaxcost",
            let offer = message.retryInfo?.offeredCosts.first,
            let facts = try writer.policyFacts(transactionID: transaction.id)
        else { return nil }
        let patronType = facts.patronType.flatMap { name in
            policy.patronTypes[name] ?? policy.patronTypes.first { $0.key.lowercased() == name.lowercased() }?.value
        }
        guard let ceiling = patronType?.maxCost, offer.currencyCode.value.uppercased() == policy.lending.charges.currency.uppercased(),
            offer.monetaryValue <= ceiling
        else {
            decision = DecisionSummary(side: "borrowing", outcome: "wait", rule: "B09", firedRules: ["B09"], reason: "CostExceedsMaxCost", transactionID: transaction.id)
            return "B09: offered \(offer) is above the patron's ceiling or in another currency; waiting for staff"
        }
        var current = transaction
        var machine = try RequesterStateMachine(record: current)
        guard case .applied(let from, let to, _) = machine.apply(.retry) else { return nil }
        current.apply(machine, at: outbound.now)
        try writer.update(current)
        let retried = try Gateway.retry(
            current,
            peer: configuration.peers.peer(named: current.peerName),
            prefix: configuration.requestIDPrefix,
            outbound: outbound,
            offered: message.retryInfo,
            source: .system,
            writer
        )
        try writer.append(
            EventRecord(
                transactionID: current.id,
                at: outbound.now,
                source: .system,
                event: "policy:retry",
                fromState: from.rawValue,
                toState: to.rawValue,
                detail: "B09: offered \(offer) is within the ceiling \(ceiling); retried as transaction \(retried.id)"
            )
        )
        decision = DecisionSummary(side: "borrowing", outcome: "retry", rule: "B09", firedRules: ["B09"], reason: "CostExceedsMaxCost", transactionID: retried.id)
        return "B09: retried as transaction \(retried.id)"
    }
}
