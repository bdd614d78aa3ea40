import Foundation
public import ISO18626
public import Store
import Transactions

/// The lender's pulls (the "system reserve", see ``PullRouter``): the branches' pick lists, the staff
/// actions on a pull, and the pull timeout the hourly housekeeping runs.
///
/// A pull that ends without the copy (cancelled by staff, or past `[policy.lending] pull_timeout`) goes to
/// the next branch with a lendable copy not yet tried, when asked to; with no branch left the request is
/// answered Unfilled with `reasonUnfilled` `NotOnShelf` (the item is held but could not be found on the
/// shelf in time: ISO 18626's code for exactly that), through the outbox, and the borrower's rota moves on.
extension Gateway {
    /// The ISO 18626 `reasonUnfilled` of a request whose copy no branch brought to the ILL desk.
    public static let pullUnfilledReason: ReasonUnfilled = "NotOnShelf"

    /// A pick list: the pulls of one branch (or of every branch) in `states`, oldest first.
    /// - Throws: ``StaffActionError/Reason/unknownBranch`` (naming the known branches) for a branch not in
    ///   `[library]`, or ``StaffActionError/Reason/storage``.
    public func pulls(branch: String? = nil, states: Set<PullRecord.State> = [.open], limit: Int = 1_000) async throws(StaffActionError) -> [PullListing] {
        let code = try configuration.knownBranch(branch, as: "branch")
        do {
            return try await store.pulls(PullQuery(branch: code, states: states, limit: limit))
        } catch {
            throw StaffActionError(.storage, "the pulls could not be read: \(error)")
        }
    }

    /// Every pull of one lending transaction, oldest first.
    public func pulls(transactionID id: Int64) async throws(StaffActionError) -> [PullListing] {
        do {
            return try await store.pulls(PullQuery(states: [], transactionID: id))
        } catch {
            throw StaffActionError(.storage, "the pulls could not be read: \(error)")
        }
    }

    /// The copy pulled for lending transaction `id` reached the ILL desk: the pull is closed as arrived and
    /// the transaction joins the ship worklist.
    /// - Throws: ``StaffActionError/Reason/notFound`` for no lending transaction, ``StaffActionError/Reason/notAllowed``
    ///   when it has no open pull; nothing is changed.
    public func pullArrived(transactionID id: Int64) async throws(StaffActionError) -> PullOutcome {
        let router = PullRouter(configuration: configuration, now: now)
        return try await staffWrite { writer in
            let (transaction, open) = try Self.openPull(id, writer)
            let (closed, events) = try router.close(open, .arrived, by: .staff, "arrived at the ILL desk", on: transaction, writer)
            for event in events { try writer.append(event) }
            return PullOutcome(transaction: transaction, closed: closed)
        }
    }

    /// Cancels the open pull of lending transaction `id`: with `nextBranch`, the copy is pulled from the next
    /// branch that has one; otherwise (or with none left) the request is answered Unfilled `NotOnShelf`.
    /// - Throws: ``StaffActionError/Reason/notFound`` or ``StaffActionError/Reason/notAllowed`` (no open
    ///   pull); nothing is changed.
    public func cancelPull(transactionID id: Int64, nextBranch: Bool, note: String? = nil) async throws(StaffActionError) -> PullOutcome {
        try await endPull(id, as: .cancelled, by: .staff, why: "cancelled by staff" + (note.map { ": \($0)" } ?? ""), tryNextBranch: nextBranch)
    }

    /// Ends every open pull past its deadline on the gateway's clock: each goes to the next branch with a
    /// lendable copy, or its request is answered Unfilled `NotOnShelf`.
    /// - Returns: what happened to each.
    @discardableResult
    public func timeOutPulls() async throws -> [PullOutcome] {
        var outcomes: [PullOutcome] = []
        for pull in try await store.duePulls(at: now) {
            if let outcome = try await timeOut(pull) { outcomes.append(outcome) }
        }
        return outcomes
    }

    /// Ends one pull past its deadline; `nil` when it arrived, or staff acted, since it was read.
    private func timeOut(_ pull: PullRecord) async throws -> PullOutcome? {
        do {
            return try await endPull(pull.transactionID, as: .timedOut, by: .system, why: "not at the ILL desk by its deadline", tryNextBranch: true)
        } catch {
            guard error.reason == .notAllowed || error.reason == .notFound else { throw error }
            return nil
        }
    }

    private func endPull(
        _ id: Int64,
        as state: PullRecord.State,
        by source: EventRecord.Source,
        why: String,
        tryNextBranch: Bool
    ) async throws(StaffActionError) -> PullOutcome {
        let now = self.now
        let outbound = outboundMessages(at: now, configuration: configuration)
        let router = PullRouter(configuration: configuration, now: now)
        return try await staffWrite { writer in
            let (transaction, open) = try Self.openPull(id, writer)
            if state == .timedOut, let deadline = open.deadline, deadline > now {
                throw StaffActionError(.notAllowed, "the pull of transaction \(id) is not past its deadline")
            }
            let (closed, events) = try router.close(open, state, by: source, why, on: transaction, writer)
            for event in events { try writer.append(event) }
            var outcome = PullOutcome(transaction: transaction, closed: closed)
            if tryNextBranch {
                let tried = Set(try writer.pulls(transactionID: id).map(\.branch))
                let routed = try router.route(transaction, tried: tried, writer)
                if case .created(let next) = routed.change {
                    for event in routed.events { try writer.append(event) }
                    outcome.next = next
                    return outcome
                }
            }
            let note = "The item could not be brought from the shelf in time."
            let command = SupplierCommand(.unfilled, note: note, reasonUnfilled: Self.pullUnfilledReason)
            outcome.transaction = try Self.apply(command, onTransaction: id, source: source, detail: "pull \(open.id) at \(open.branch) \(state.rawValue)", outbound: outbound, writer)
            outcome.answeredUnfilled = true
            return outcome
        }
    }

    /// A lending transaction and its open pull.
    private static func openPull(_ id: Int64, _ writer: any StoreWriter) throws -> (TransactionRecord, PullRecord) {
        guard let transaction = try writer.transaction(id: id), transaction.role == .supplier else {
            throw StaffActionError(.notFound, "no lending transaction \(id)")
        }
        guard let open = try writer.pulls(transactionID: id).last(where: { $0.state == .open }) else {
            throw StaffActionError(.notAllowed, "transaction \(id) has no open pull")
        }
        return (transaction, open)
    }
}
