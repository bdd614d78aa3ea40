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
}

/// What became of a delivery attempt, as recorded.
public enum DeliveryResult: Hashable, Sendable {
    /// The peer confirmed the message (OK).
    case delivered
    /// The peer answered with an ERROR confirmation; staff are told, it is not retried.
    case rejected(ErrorData?)
    /// The attempt failed; another is due at the given time.
    case willRetry(at: Date)
    /// Every attempt failed; the entry is dead-lettered for an operator.
    case dead
}

/// The delivery side of the outbox, used by the dispatcher: what is due, and what came of each attempt.
extension Gateway {
    /// Messages due for delivery now, at most one per transaction (the oldest), oldest first.
    public func dueDeliveries(limit: Int = 64) async throws -> [OutboundDelivery] {
        let peers = configuration.peers
        var deliveries: [OutboundDelivery] = []
        for entry in try await store.dueOutbox(at: now, limit: limit) {
            guard let message = try await store.message(id: entry.messageID) else { continue }
            deliveries.append(OutboundDelivery(entry: entry, message: message, peer: peers.peer(named: entry.peerName)))
        }
        return deliveries
    }

    /// Records the peer's answer to a delivered message. Any confirmation type is accepted (peers have been
    /// known to answer with the wrong one); its `messageStatus` decides.
    /// - Returns: `.delivered`, `.rejected`, or, when the answer is not a readable confirmation, the same as
    ///   a failed attempt.
    @discardableResult
    public func recordAnswer(_ answer: [UInt8], to delivery: OutboundDelivery, retryPolicy: RetryPolicy) async throws -> DeliveryResult {
        guard let decoded = try? ISO18626Decoder().decode(answer), let header = decoded.message.confirmationHeader else {
            return try await recordFailure("the answer is not an ISO 18626 confirmation", of: delivery, retryPolicy: retryPolicy)
        }
        let now = self.now
        let errors: [ErrorData] = {
            switch decoded.message {
            case .requestConfirmation(let confirmation): confirmation.errorData
            case .supplyingAgencyMessageConfirmation(let confirmation): confirmation.errorData
            case .requestingAgencyMessageConfirmation(let confirmation): confirmation.errorData
            default: []
            }
        }()
        let accepted = header.messageStatus == .ok
        let text = String(decoding: answer, as: UTF8.self)
        try await store.write { writer in
            guard var entry = try writer.outboxEntry(id: delivery.entry.id), var message = try writer.message(id: delivery.message.id) else {
                return
            }
            entry.attempts += 1
            entry.status = accepted ? .delivered : .rejected
            entry.deliveredAt = now
            entry.lastError = accepted ? nil : errors.first.map(\.description) ?? "ERROR without error data"
            try writer.update(entry)
            message.confirmation = text
            message.confirmationStatus = header.messageStatus
            message.errorType = errors.first?.errorType.rawValue
            message.errorValue = errors.first?.errorValue
            try writer.update(message)
            if !accepted, let transaction = try writer.transaction(id: entry.transactionID) {
                try writer.append(
                    EventRecord(
                        transactionID: transaction.id,
                        at: now,
                        source: .system,
                        event: "deliveryRejected",
                        fromState: transaction.state,
                        toState: transaction.state,
                        messageID: message.id,
                        detail: "alert: \(entry.peerName) refused our \(message.summary): \(entry.lastError ?? "")"
                    )
                )
            }
        }
        return accepted ? .delivered : .rejected(errors.first)
    }

    /// Records a failed attempt (no connection, timeout, HTTP error, unreadable answer) and schedules the
    /// next one, or dead-letters the entry when the attempts are used up.
    @discardableResult
    public func recordFailure(_ reason: String, of delivery: OutboundDelivery, retryPolicy: RetryPolicy) async throws -> DeliveryResult {
        let now = self.now
        return try await store.write { writer in
            guard var entry = try writer.outboxEntry(id: delivery.entry.id) else { return .dead }
            entry.attempts += 1
            entry.lastError = reason
            if let delay = retryPolicy.delay(afterAttempt: entry.attempts) {
                entry.nextAttemptAt = now.addingTimeInterval(delay)
                try writer.update(entry)
                return .willRetry(at: entry.nextAttemptAt)
            }
            entry.status = .dead
            try writer.update(entry)
            return .dead
        }
    }

    /// Puts a dead, rejected or dropped entry back in line for delivery now (`illgate outbox retry`).
    public func retryDelivery(entryID: Int64) async throws(StaffActionError) -> OutboxRecord {
        let now = self.now
        return try await changeUndeliveredEntry(entryID) { entry in
            entry.status = .pending
            entry.attempts = 0
            entry.nextAttemptAt = now
        }
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
