public import Foundation
import ISO18626

/// Delivery bookkeeping from a writer's general operations, for writers that record changes rather than
/// run SQL (the decision recorder); the SQLite writer does each in one or two statements of its own.
extension StoreWriter {
    public func holdQueue(ofPeer peer: String, until instant: Date) throws -> Int {
        throw SerialDecisionRequired(.holdingPeerQueue)
    }

    public func record(_ failure: FailedDeliveryAttempt) throws -> Bool {
        if failure.holdsQueueOfPeer != nil {
            throw SerialDecisionRequired(.holdingPeerQueue)
        }
        guard var entry = try outboxEntry(id: failure.entryID), entry.status == .pending, entry.attempts == failure.previousAttempts else {
            return false
        }
        entry.attempts += 1
        entry.lastError = failure.reason
        entry.nextAttemptAt = failure.nextAttemptAt
        entry.status = failure.deadLetter ? .dead : .pending
        try update(entry)
        return true
    }

    public func record(_ confirmation: DeliveryConfirmation) throws -> Bool {
        guard var entry = try outboxEntry(id: confirmation.entryID), var message = try message(id: confirmation.messageID) else {
            return false
        }
        entry.attempts += 1
        entry.status = confirmation.status == .ok ? .delivered : .rejected
        entry.deliveredAt = confirmation.at
        entry.lastError = confirmation.rejection
        try update(entry)
        message.confirmation = confirmation.confirmation
        message.confirmationStatus = confirmation.status
        message.errorType = confirmation.error?.errorType.rawValue
        message.errorValue = confirmation.error?.errorValue
        try update(message)
        return true
    }
}
