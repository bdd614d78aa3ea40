import Foundation
import ISO18626
import Store
import Transactions

/// Builds the messages we send, writes them strictly for the peer's edition, and queues them in the outbox
/// in the caller's database transaction.
struct OutboundMessages {
    let configuration: GatewayConfiguration
    let encoder: ISO18626Encoder
    let now: Date

    /// The header of a message about a transaction, as the side we play writes it.
    func header(for transaction: TransactionRecord, peer: Peer?) -> Header {
        Header(
            supplyingAgencyID: AgencyID(key: transaction.supplyingAgencyID),
            requestingAgencyID: AgencyID(key: transaction.requestingAgencyID),
            timestamp: now,
            requestingAgencyRequestID: transaction.requestingAgencyRequestID,
            supplyingAgencyRequestID: transaction.supplyingAgencyRequestID,
            requestingAgencyAuthentication: transaction.role == .requester ? peer?.outboundAuthentication : nil
        )
    }

    /// A supplying agency message reporting the transaction's status (or an explicit one).
    func supplyingAgencyMessage(
        for transaction: TransactionRecord,
        state: SupplierState,
        reason: ReasonForMessage,
        answer: Bool?,
        status: Status?,
        command: SupplierCommand?,
        bill: LossBill? = nil
    ) -> SupplyingAgencyMessage {
        let status = status ?? state.status
        // The bill rides on the closing status only (not on a ReleaseHoldReturn before it).
        let bill = status == state.status ? bill : nil
        let note = [command?.note, bill?.note].compactMap(\.self).joined(separator: " ")
        var message = SupplyingAgencyMessage(
            header: header(for: transaction, peer: nil),
            messageInfo: MessageInfo(
                reasonForMessage: reason,
                answerYesNo: answer,
                note: note.isEmpty ? nil : note,
                reasonUnfilled: status == .unfilled ? command?.reasonUnfilled : nil,
                reasonRetry: status == .retryPossible ? command?.reasonRetry : nil
            ),
            statusInfo: StatusInfo(
                status: status,
                expectedDeliveryDate: command?.expectedDeliveryDate.map(TimestampFormat.normalized),
                dueDate: state.isOnLoan ? transaction.dueDate : nil,
                lastChange: now
            )
        )
        if status == .retryPossible, let retry = command?.retryInfo, !retry.isEmpty {
            message.retryInfo = retry
        }
        if let command, command.event == .ship || command.event == .sendCopy {
            message.deliveryInfo = DeliveryInfo(
                dateSent: now,
                itemID: command.itemIDs,
                url: command.url,
                deliveryMethod: command.deliveryMethod,
                itemFormat: command.itemFormat,
                serviceType: command.event == .ship ? .loan : .copy
            )
        }
        if let bill, bill.total.amount > 0 {
            message.deliveryInfo = DeliveryInfo(dateSent: now, deliveryCosts: [bill.total.costs])
        }
        return message
    }

    /// A requesting agency message. Actions the peer's edition lacks (Lost, HoldReturn to a 2017 peer) go
    /// as a Notification that names them.
    func requestingAgencyMessage(for transaction: TransactionRecord, peer: Peer?, action: Action, note: String?) -> RequestingAgencyMessage {
        var action = action
        var note = note
        if transaction.edition == .v1_2, action.isOnlyIn2021 {
            note = "[\(action.rawValue)]" + (note.map { " " + $0 } ?? "")
            action = .notification
        }
        return RequestingAgencyMessage(header: header(for: transaction, peer: peer), action: action, note: note)
    }

    /// Encodes a message for the transaction's peer, stores it and queues it for delivery.
    func queue(
        _ message: ISO18626Message,
        for transaction: TransactionRecord,
        in writer: any StoreWriter
    ) throws -> MessageRecord {
        let bytes = try encoder.encode(message, edition: transaction.edition)
        let record = try writer.insert(
            MessageRecord(
                transactionID: transaction.id,
                direction: .outbound,
                kind: message.kind,
                peerName: transaction.peerName,
                summary: message.summary,
                headerTimestamp: now,
                recordedAt: now,
                body: String(decoding: bytes, as: UTF8.self)
            )
        )
        _ = try writer.enqueue(
            OutboxRecord(
                transactionID: transaction.id,
                messageID: record.id,
                peerName: transaction.peerName,
                nextAttemptAt: now,
                createdAt: now
            )
        )
        return record
    }
}
