import Foundation
import ISO18626
import Store
import Transactions

/// What happens on the borrowing side after a supplier's status: the copyright ledger entry is kept when
/// the copy arrives and released when it does not happen, and an Unfilled moves the request on to the
/// next lender of its rota (policy B10) as a new transaction.
struct RotaFollowUp {
    let configuration: GatewayConfiguration
    let outbound: OutboundMessages

    /// Follows a requester transition up; returns a note for the event, if anything was done.
    func after(_ transaction: TransactionRecord, movedTo state: RequesterState, _ writer: any StoreWriter) throws -> String? {
        let now = outbound.now
        switch state {
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
            guard configuration.policy != nil, var facts = try writer.policyFacts(transactionID: transaction.id), !facts.rota.isEmpty else {
                return try release(transaction, writer, why: "end of rota")
            }
            let nextName = facts.rota.removeFirst()
            guard let next = configuration.peers.peer(named: nextName),
                let sent = try writer.messages(transactionID: transaction.id).first(where: { $0.direction == .outbound && $0.kind == .request }),
                case .request(var request) = try ISO18626Decoder().decode(sent.body).message
            else {
                return try release(transaction, writer, why: "next lender '\(nextName)' is not configured")
            }
            request.header.timestamp = now
            request.header.requestingAgencyRequestID = Gateway.newRequestID(prefix: configuration.requestIDPrefix)
            request.header.supplyingAgencyRequestID = nil
            let forwarded = try Gateway.send(
                request,
                to: next,
                outbound: outbound,
                detail: "rota: after \(transaction.peerName) (transaction \(transaction.id)) could not supply",
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
            return "rota: sent to \(next.name) as transaction \(forwarded.id)"
        case .cancelled, .completedWithoutReturn:
            return try release(transaction, writer, why: state.rawValue)
        default:
            return nil
        }
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
}
