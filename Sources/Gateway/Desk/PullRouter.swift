import Foundation
import ISO18626
import Policy
import Store
import Transactions

/// The lender's routing within our own system (the "system reserve"): when a lending request will be
/// supplied, the copy is pulled from the branch that owns it, and the pull follows the transaction (the
/// copy shipped: arrived; the request answered or cancelled before: cancelled).
///
/// Where from: among the copies the request's holdings lookup finds that are available, lendable for the
/// request's service (`loan_allowed`, `copy_allowed` not `no`) and owned by a configured branch not tried
/// yet for this transaction, the branch with the most such copies; on a tie, the branch listed first in
/// `[[library.branches]]` (list the ILL desk's own branch first to prefer it). Without configured branches
/// nothing is pulled.
///
/// Pure with respect to time and configuration: every instant comes from ``now``; it reads and writes only
/// through the caller's ``StoreWriter``, so a pull is written in the same durable write as the decision.
struct PullRouter {
    let configuration: GatewayConfiguration
    let now: Date

    /// What a transaction step did to its pulls.
    enum Change: Hashable, Sendable {
        /// A pull was made at a branch.
        case created(PullRecord)
        /// The request is supplied but no branch has a lendable copy left to pull.
        case noCopy
        /// An open pull was closed (arrived with the shipment, or cancelled with the request).
        case closed(PullRecord)
    }

    private var policy: PolicyConfiguration { configuration.policy ?? PolicyConfiguration() }

    /// Keeps a supplier transaction's pulls in step with the move `from` → `to` it just made: a request
    /// that will now be supplied gets a pull (unless one is open or arrived); an open pull is closed as
    /// arrived when the item is shipped and as cancelled when the request ends otherwise.
    /// - Parameter lookup: what the request's holdings are found by; read from its stored request when `nil`.
    /// - Returns: what changed, with the history lines to append after the transition's own.
    func follow(
        _ transaction: TransactionRecord,
        from: SupplierState,
        to: SupplierState,
        source: EventRecord.Source,
        lookup: HoldingLookup? = nil,
        _ writer: any StoreWriter
    ) throws -> (change: Change, events: [EventRecord])? {
        guard !configuration.branches.isEmpty, from != to else { return nil }
        let pulls = try writer.pulls(transactionID: transaction.id)
        if let open = pulls.first(where: { $0.state == .open }) {
            switch to {
            case .willSupply, .expectToSupply:
                return nil
            case .loaned, .copyCompleted:
                let (closed, events) = try close(open, .arrived, by: source, "shipped", on: transaction, writer)
                return (.closed(closed), events)
            default:
                let (closed, events) = try close(open, .cancelled, by: source, "the request is \(to.rawValue)", on: transaction, writer)
                return (.closed(closed), events)
            }
        }
        guard to == .willSupply || to == .expectToSupply, !pulls.contains(where: { $0.state == .arrived }) else { return nil }
        return try route(transaction, tried: Set(pulls.map(\.branch)), lookup: lookup, writer)
    }

    /// Makes a pull at the best branch not in `tried`, or reports that none has a lendable copy.
    func route(
        _ transaction: TransactionRecord,
        tried: Set<String>,
        lookup: HoldingLookup? = nil,
        _ writer: any StoreWriter
    ) throws -> (change: Change, events: [EventRecord]) {
        let holdings = try writer.holdings(matching: try lookup ?? storedLookup(transaction.id, writer))
        guard let (branch, holding) = choose(from: holdings, serviceType: transaction.serviceType, excluding: tried) else {
            let detail = tried.isEmpty
                ? "no branch holds a lendable copy; nothing to pull"
                : "no branch other than \(tried.sorted().joined(separator: ", ")) holds a lendable copy"
            return (.noCopy, [event(transaction, "pull-none", detail: detail)])
        }
        let deadline = policy.lending.pullTimeout.deadline(from: now, workingDays: policy.workingDays)
        let pull = try writer.insert(
            PullRecord(
                transactionID: transaction.id,
                holdingID: holding.id,
                branch: branch.code,
                title: holding.title,
                callNumber: holding.callNumber,
                shelfLocation: holding.location,
                createdAt: now,
                deadline: deadline
            )
        )
        let detail = "pull \(pull.id) at \(branch.code)" + (holding.callNumber.map { ", call number \($0)" } ?? "")
            + ", due at the ILL desk by \(TimestampFormat.format(deadline))"
        return (.created(pull), [event(transaction, "pull-created", detail: detail)])
    }

    /// Closes an open pull and says so in the transaction's history.
    /// - Parameters:
    ///   - source: who closed it (staff, or illgate itself).
    ///   - why: a few words kept with the pull and in the history line.
    func close(
        _ pull: PullRecord,
        _ state: PullRecord.State,
        by source: EventRecord.Source,
        _ why: String,
        on transaction: TransactionRecord,
        _ writer: any StoreWriter
    ) throws -> (pull: PullRecord, events: [EventRecord]) {
        let closed = pull.closed(state, at: now, by: "\(source.rawValue): \(why)")
        try writer.update(closed)
        let name = state == .timedOut ? "pull-timeout" : "pull-\(state.rawValue)"
        return (closed, [event(transaction, name, source: source, detail: "pull \(pull.id) at \(pull.branch): \(why)")])
    }

    /// The branch to pull from and the copy there, by the rule in the type's documentation.
    func choose(from holdings: [HoldingRecord], serviceType service: ServiceType, excluding tried: Set<String>) -> (Branch, HoldingRecord)? {
        func lendable(_ holding: HoldingRecord) -> Bool {
            guard holding.status == .available else { return false }
            switch service {
            case .copy: return holding.copyAllowed != false
            case .loan: return holding.loanAllowed != false
            default: return holding.loanAllowed != false || holding.copyAllowed != false
            }
        }
        var copies: [String: [HoldingRecord]] = [:]
        for holding in holdings where lendable(holding) {
            guard let code = holding.branch, let branch = configuration.branch(code: code), !tried.contains(branch.code) else { continue }
            copies[branch.code, default: []].append(holding)
        }
        var best: (branch: Branch, copies: [HoldingRecord])?
        for branch in configuration.branches {
            guard let here = copies[branch.code], here.count > (best?.copies.count ?? 0) else { continue }
            best = (branch, here)
        }
        guard let best, let holding = best.copies.min(by: { $0.id < $1.id }) else { return nil }
        return (best.branch, holding)
    }

    /// The holdings lookup of a transaction's request, from the request as it arrived.
    private func storedLookup(_ transactionID: Int64, _ writer: any StoreWriter) throws -> HoldingLookup {
        let decoder = ISO18626Decoder()
        for stored in try writer.messages(transactionID: transactionID) where stored.direction == .inbound && stored.kind == .request {
            if case .request(let request) = try stored.storedMessage(decoder) { return HoldingFacts.lookup(for: request) }
        }
        return HoldingLookup()
    }

    private func event(_ transaction: TransactionRecord, _ name: String, source: EventRecord.Source = .system, detail: String) -> EventRecord {
        EventRecord(
            transactionID: transaction.id,
            at: now,
            source: source,
            event: name,
            fromState: transaction.state,
            toState: transaction.state,
            messageID: nil,
            detail: detail
        )
    }
}

extension PullRouter.Change {
    /// The log lines a change made with a policy decision adds beside the decision's (`event=pull-created`).
    var notices: [PolicyNotice] {
        switch self {
        case .created(let pull):
            [PolicyNotice(.info, event: "pull-created", detail: "pull \(pull.id) made at branch \(pull.branch)", branch: pull.branch)]
        case .noCopy:
            [PolicyNotice(.info, event: "pull-none", detail: "no branch holds a lendable copy; nothing to pull")]
        case .closed(let pull):
            [PolicyNotice(.info, event: "pull-\(pull.state.rawValue)", detail: "pull \(pull.id) \(pull.state.rawValue)", branch: pull.branch)]
        }
    }
}
