import Foundation
import ISO18626
import Policy
public import Store
import Transactions

/// What the expect-to-supply deadline did to one borrowing request.
public struct SilentLenderCancellation: Hashable, Sendable {
    /// The transaction whose lender stayed silent: Cancel sent, cancel pending.
    public var transaction: TransactionRecord
    /// The request sent to the next lender of the rota, if one was left.
    public var forwarded: TransactionRecord?
}

/// The borrowing side's deadline: a lender that has not said it will supply (WillSupply, or shipped) by
/// `[policy.borrowing] expect_to_supply_by` after our request is sent Cancel, and the request goes on to the
/// next lender of its rota at once, without waiting for the silent lender's answer.
extension Gateway {
    /// Cancels the borrowing requests whose lender is silent past the deadline, on the gateway's clock.
    /// Does nothing without a `[policy]` or without `expect_to_supply_by`.
    /// - Returns: what was cancelled and where each request went next.
    public func cancelSilentLenders() async throws -> [SilentLenderCancellation] {
        guard let policy = configuration.policy, let deadline = policy.borrowing.expectToSupplyBy else { return [] }
        let now = self.now
        let workingDays = policy.workingDays
        var waiting: [TransactionRecord] = []
        for state in [RequesterState.requested, .expectToSupply] {
            waiting += try await store.transactions(matching: TransactionFilter(role: .requester, state: state.rawValue, limit: 1_000))
        }
        var cancelled: [SilentLenderCancellation] = []
        for transaction in waiting.sorted(by: { $0.id < $1.id })
        where !transaction.cancelPending && deadline.deadline(from: transaction.createdAt, workingDays: workingDays) <= now {
            do {
                cancelled.append(try await cancelSilentLender(transaction.id, deadline: deadline))
            } catch let refusal as StaffActionError where refusal.reason == .notAllowed || refusal.reason == .notFound {
                continue  // the lender answered (or staff acted) since it was read
            }
        }
        return cancelled
    }

    private func cancelSilentLender(_ id: Int64, deadline: ReviewTimeout) async throws -> SilentLenderCancellation {
        let now = self.now
        let configuration = self.configuration
        let outbound = outboundMessages(at: now, configuration: configuration)
        let rota = RotaFollowUp(configuration: configuration, outbound: outbound)
        return try await staffWrite { writer in
            guard var transaction = try writer.transaction(id: id), transaction.role == .requester else {
                throw StaffActionError(.notFound, "no borrowing transaction \(id)")
            }
            var machine = try RequesterStateMachine(record: transaction)
            guard case .applied(let from, let to, let effects) = machine.apply(.cancel), !transaction.cancelPending,
                [RequesterState.requested, .expectToSupply].contains(from)
            else {
                throw StaffActionError(.notAllowed, "transaction \(id) is no longer waiting for its lender")
            }
            transaction.apply(machine, at: now)
            try writer.update(transaction)
            let note = "[illgate:supply-deadline] no answer within \(deadline); please cancel"
            var messageID: Int64?
            for case .sendAction(let action) in effects {
                let message = outbound.requestingAgencyMessage(
                    for: transaction,
                    peer: configuration.peers.peer(named: transaction.peerName),
                    action: action,
                    note: note
                )
                messageID = try Self.queue(.requestingAgencyMessage(message), for: transaction, outbound: outbound, writer)
            }
            let step = try rota.forwardToNextLender(transaction, after: "\(transaction.peerName) (transaction \(transaction.id)) did not answer within \(deadline)", writer)
            var forwarded: TransactionRecord?
            var outcome: String
            switch step {
            case .forwarded(let next):
                forwarded = next
                outcome = "rota: sent to \(next.peerName) as transaction \(next.id)"
            case .exhausted(let why):
                outcome = "rota: \(why)"
            }
            try writer.append(
                EventRecord(
                    transactionID: transaction.id,
                    at: now,
                    source: .system,
                    event: "supply-deadline",
                    fromState: from.rawValue,
                    toState: to.rawValue,
                    messageID: messageID,
                    detail: "no answer within \(deadline): Cancel sent; \(outcome)"
                )
            )
            return SilentLenderCancellation(transaction: transaction, forwarded: forwarded)
        }
    }
}
