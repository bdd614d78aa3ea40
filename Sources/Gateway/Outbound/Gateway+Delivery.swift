public import Foundation
public import ISO18626
public import Store

/// One outbound message ready to go: the outbox entry, the stored message and the peer it goes to.
public struct OutboundDelivery: Sendable {
    /// The outbox entry.
    public var entry: OutboxRecord
    /// The message, with its body as it is to be sent.
    public var message: MessageRecord
    /// The configured peer, if it still exists.
    public var peer: Peer?

    /// The outbox entry's id.
    public var entryID: Int64 { entry.id }
    /// The transaction the message belongs to (its messages go out in order).
    public var transactionID: Int64 { entry.transactionID }
    /// The name of the peer it goes to.
    public var peerName: String { entry.peerName }
    /// The number of this attempt (1 for the first).
    public var attemptNumber: Int { entry.attempts + 1 }
    /// The bytes to send.
    public var body: [UInt8] { Array(message.body.utf8) }
    /// The message type, for the log (`?` if unknown).
    public var kindName: String { message.kind?.rawValue ?? "?" }
    /// The message's one-line summary, for the log (no patron data).
    public var summary: String { message.summary }
}

/// What became of a delivery attempt, as recorded.
public enum DeliveryResult: Hashable, Sendable {
    /// The peer confirmed the message (OK).
    case delivered
    /// The peer answered with an ERROR confirmation; staff are told, it is not retried.
    case rejected(ErrorData?)
    /// The attempt failed; another is due at the given time.
    case willRetry(at: Date, DeliveryFailure)
    /// The attempt failed and no attempt is left (or the failure is permanent and its tries are used up):
    /// the entry is dead-lettered for an operator, with the reason.
    case dead(DeliveryFailure)
    /// The entry changed while the attempt was under way (an operator retried or dropped it); nothing was
    /// recorded.
    case superseded
}

/// The delivery side of the outbox, used by the dispatcher: what is due, and what came of each attempt.
extension Gateway {
    /// Wakes the outbox dispatcher: called after every successful write that may have queued an outbound
    /// message or made one due.
    func outboxMayHaveWork() {
        outboxDoorbell.ring()
    }

    /// Wakes the outbox dispatcher for the peers whose queues a committed write changed (not at all when
    /// it changed none).
    func outboxMayHaveWork(_ changes: OutboxChanges) {
        switch changes {
        case .none: break
        case .peers(let peers): outboxDoorbell.ring(peers: peers)
        case .unknown: outboxDoorbell.ring()
        }
    }

    /// Messages due for delivery now, at most one per transaction (the oldest), oldest first, read with
    /// their bodies in one query.
    /// - Parameters:
    ///   - limit: at most this many.
    ///   - perPeer: at most this many for one peer.
    ///   - excluding: outbox entries to leave out (those being delivered already).
    ///
    /// An entry whose row (or its message's row) holds a value this version cannot read is noted in
    /// ``corruptRows`` and left out, so that it holds up no other delivery.
    public func dueDeliveries(limit: Int = 64, perPeer: Int = 64, excluding: Set<Int64> = []) async throws -> [OutboundDelivery] {
        let peers = configuration.peers
        var excluded = excluding
        while true {
            let query = DueDeliveryQuery(now: now, perPeer: perPeer, limit: limit, excluding: excluded)
            do {
                return try await store.dueDeliveries(query).map { pending in
                    OutboundDelivery(entry: pending.entry, message: pending.message, peer: peers.peer(named: pending.entry.peerName))
                }
            } catch let error as StoreError where error.code == .corruptValue {
                corruptRows.record(error)
                let entries = try await outboxEntries(naming: error)
                // Each turn leaves out at least one more entry, so the loop ends.
                guard !entries.isEmpty, !entries.isSubset(of: excluded) else { throw error }
                excluded.formUnion(entries)
            }
        }
    }

    /// The pending outbox entries a corrupt row belongs to: the entry itself, or the entries carrying a
    /// corrupt message.
    private func outboxEntries(naming error: StoreError) async throws -> Set<Int64> {
        guard let rowID = error.rowID else { return [] }
        switch error.table {
        case "outbox":
            return [rowID]
        case "message":
            return Set(try await store.outbox(statuses: [.pending]).filter { $0.messageID == rowID }.map(\.id))
        default:
            return []
        }
    }

    /// How long until the next pending message falls due after `reference` (now when nil), if one does; negative
    /// when that moment has passed already.
    public func timeUntilNextDelivery(dueAfter reference: Date? = nil) async throws -> TimeInterval? {
        let now = self.now
        return try await store.nextDeliveryAttempt(after: reference ?? now).map { $0.timeIntervalSince(now) }
    }

    /// Records what came of one delivery attempt, and wakes the dispatcher when it frees the transaction's
    /// next message.
    ///
    /// A confirmation decides by its `messageStatus`, whatever the HTTP status it came with (Koha sends its
    /// ERROR confirmations with a 4xx): OK is delivered, ERROR is rejected at once with the reason and
    /// surfaced to staff. Anything else is a failure: transient for no answer, HTTP 5xx, 408 and 429 (the
    /// peer's `Retry-After` honoured); permanent for other HTTP statuses and answers that are not ISO 18626.
    /// - Returns: what was recorded.
    @discardableResult
    public func record(_ attempt: DeliveryAttempt, of delivery: OutboundDelivery, retryPolicy: RetryPolicy) async throws -> DeliveryResult {
        switch attempt {
        case .noAnswer(let reason):
            return try await recordFailure(DeliveryFailure(.transient, reason), of: delivery, retryPolicy: retryPolicy)
        case .notSent(let reason):
            return try await recordFailure(DeliveryFailure(.permanent, reason), of: delivery, retryPolicy: retryPolicy)
        case .answered(let reply):
            let answer = PeerAnswer(reply.body)
            if answer.isConfirmation {
                return try await recordConfirmation(answer, text: String(decoding: reply.body, as: UTF8.self), of: delivery)
            }
            return try await recordFailure(Self.failure(of: reply, answer: answer, now: now), of: delivery, retryPolicy: retryPolicy)
        }
    }

    /// The failure an answer that is not a confirmation stands for.
    private static func failure(of reply: PeerReply, answer: PeerAnswer, now: Date) -> DeliveryFailure {
        let excerpt = String(decoding: reply.body.prefix(200), as: UTF8.self)
            .replacingOccurrences(of: "\r", with: " ")
            .replacingOccurrences(of: "\n", with: " ")
        if let code = reply.statusCode, reply.isTransientStatus {
            return DeliveryFailure(.transient, "HTTP \(code) \(excerpt)", retryAfter: reply.retryAfterInterval(now: now))
        }
        if let code = reply.statusCode, !(200..<300).contains(code) {
            return DeliveryFailure(.permanent, "HTTP \(code) \(excerpt)")
        }
        guard case .notISO18626(let why) = answer else {
            return DeliveryFailure(.permanent, "the answer is not an ISO 18626 confirmation")
        }
        return DeliveryFailure(.permanent, "the answer is not an ISO 18626 confirmation: \(why)")
    }

    /// Stores the peer's confirmation with the message and settles the entry: delivered, or rejected with
    /// the reason (an alert event for staff).
    private func recordConfirmation(_ answer: PeerAnswer, text: String, of delivery: OutboundDelivery) async throws -> DeliveryResult {
        let now = self.now
        let errors: [ErrorData]
        switch answer {
        case .refused(let refusal): errors = refusal
        case .confirmed, .notISO18626: errors = []
        }
        let accepted = answer == .confirmed
        let record = DeliveryConfirmation(
            entryID: delivery.entryID,
            messageID: delivery.message.id,
            confirmation: text,
            status: accepted ? .ok : .error,
            error: errors.first,
            rejection: accepted ? nil : "peer answered ERROR: " + (errors.first.map(\.description) ?? "no error data"),
            at: now
        )
        let summary = delivery.summary
        let recorded = try await store.write { writer -> Bool in
            guard try writer.record(record) else { return false }
            if let rejection = record.rejection, let transaction = try writer.transaction(id: delivery.transactionID) {
                try writer.append(
                    EventRecord(
                        transactionID: transaction.id,
                        at: now,
                        source: .system,
                        event: "deliveryRejected",
                        fromState: transaction.state,
                        toState: transaction.state,
                        messageID: record.messageID,
                        detail: "alert: \(delivery.peerName) refused our \(summary): \(rejection)"
                    )
                )
            }
            return true
        }
        guard recorded else { return .superseded }
        // The transaction's next message, if any, is first in line now.
        outboxMayHaveWork()
        return accepted ? .delivered : .rejected(errors.first)
    }

    /// Records a failed attempt in one statement, scheduling the next one (after the backoff, or the peer's
    /// `Retry-After` if longer) or dead-lettering the entry when its attempts are used up. A transient
    /// failure (the peer is down, overloaded or asked us to wait) holds the peer's whole due queue until the
    /// same moment in one more statement: the next attempt is a probe, not a thousand failures.
    private func recordFailure(_ failure: DeliveryFailure, of delivery: OutboundDelivery, retryPolicy: RetryPolicy) async throws -> DeliveryResult {
        let now = self.now
        let attempts = delivery.entry.attempts + 1
        let delay = withRandomNumbers { generator in
            retryPolicy.delay(afterAttempt: attempts, failure: failure.kind, retryAfter: failure.retryAfter, using: &generator)
        }
        let record = FailedDeliveryAttempt(
            entryID: delivery.entry.id,
            previousAttempts: delivery.entry.attempts,
            reason: failure.description,
            nextAttemptAt: now.addingTimeInterval(delay ?? 0),
            deadLetter: delay == nil,
            holdsQueueOfPeer: failure.kind == .transient ? delivery.peerName : nil
        )
        guard try await store.write({ writer in try writer.record(record) }) else { return .superseded }
        return delay == nil ? .dead(failure) : .willRetry(at: record.nextAttemptAt, failure)
    }

    /// Holds a peer's queue: its due pending messages wait until `instant` (the dispatcher calls it for
    /// messages queued while the peer is held after a failure, so they are not read again and again).
    /// - Returns: how many messages were moved.
    @discardableResult
    public func holdDeliveries(toPeer peer: String, until instant: Date) async throws -> Int {
        try await store.write { writer in try writer.holdQueue(ofPeer: peer, until: instant) }
    }

    /// Puts a dead, rejected or dropped entry back in line for delivery now (`illgate outbox retry`).
    public func retryDelivery(entryID: Int64) async throws(StaffActionError) -> OutboxRecord {
        let now = self.now
        let entry = try await changeUndeliveredEntry(entryID) { entry in
            entry.status = .pending
            entry.attempts = 0
            entry.nextAttemptAt = now
        }
        outboxMayHaveWork()
        return entry
    }

    /// Gives up on an entry (`illgate outbox drop`): it is kept for the record but never sent.
    public func dropDelivery(entryID: Int64) async throws(StaffActionError) -> OutboxRecord {
        try await changeUndeliveredEntry(entryID) { $0.status = .dropped }
    }

    /// Applies an operator's change to an outbox entry that has not been delivered.
    private func changeUndeliveredEntry(
        _ entryID: Int64,
        _ change: @escaping @Sendable (inout OutboxRecord) -> Void
    ) async throws(StaffActionError) -> OutboxRecord {
        do {
            return try await store.write { writer in
                guard var entry = try writer.outboxEntry(id: entryID) else {
                    throw StaffActionError(.notFound, "no outbox entry \(entryID)")
                }
                guard entry.status != .delivered else {
                    throw StaffActionError(.notAllowed, "outbox entry \(entryID) was delivered already")
                }
                change(&entry)
                try writer.update(entry)
                return entry
            }
        } catch let error as StaffActionError {
            throw error
        } catch {
            throw StaffActionError(.storage, "the change could not be stored: \(error)")
        }
    }
}
