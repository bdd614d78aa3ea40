import Foundation
import ISO18626
public import Store
import Transactions

extension AdminTransaction {
    /// The JSON form of a stored record.
    public init(_ record: TransactionRecord) {
        self.init(
            id: record.id,
            role: record.role.rawValue,
            state: record.state,
            peer: record.peerName,
            serviceType: record.serviceType.rawValue,
            requestingAgencyID: record.requestingAgencyID,
            requestID: record.requestingAgencyRequestID,
            supplyingAgencyID: record.supplyingAgencyID,
            supplierRequestID: record.supplyingAgencyRequestID,
            edition: record.edition.rawValue,
            dueDate: record.dueDate.map(TimestampFormat.format),
            lastStatus: record.lastStatus?.rawValue,
            title: record.title,
            cancelPending: record.cancelPending,
            renewalPending: record.renewalPending,
            previousTransactionID: record.previousTransactionID,
            createdAt: TimestampFormat.format(record.createdAt),
            updatedAt: TimestampFormat.format(record.updatedAt),
            pickupLocation: record.pickupLocation
        )
    }
}

extension AdminEvent {
    /// The JSON form of a stored record.
    public init(_ record: EventRecord) {
        self.init(
            at: TimestampFormat.format(record.at),
            source: record.source.rawValue,
            event: record.event,
            fromState: record.fromState,
            toState: record.toState,
            messageID: record.messageID,
            detail: record.detail
        )
    }
}

extension AdminMessage {
    /// The JSON form of a stored message, with or without its XML.
    public init(_ record: MessageRecord, withBodies: Bool) {
        self.init(
            id: record.id,
            at: TimestampFormat.format(record.recordedAt),
            direction: record.direction.rawValue,
            type: record.kind?.rawValue,
            summary: record.summary,
            confirmationStatus: record.confirmationStatus?.rawValue,
            errorType: record.errorType,
            errorValue: record.errorValue,
            body: withBodies ? record.body : nil,
            confirmation: withBodies ? record.confirmation : nil
        )
    }
}

extension AdminOutboxEntry {
    /// The JSON form of a stored record.
    public init(_ record: OutboxRecord) {
        self.init(
            id: record.id,
            transactionID: record.transactionID,
            messageID: record.messageID,
            peer: record.peerName,
            status: record.status.rawValue,
            attempts: record.attempts,
            nextAttemptAt: TimestampFormat.format(record.nextAttemptAt),
            lastError: record.lastError,
            createdAt: TimestampFormat.format(record.createdAt)
        )
    }
}
