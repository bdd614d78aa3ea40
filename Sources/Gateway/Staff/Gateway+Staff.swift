import Foundation
import ISO18626
public import Store
import Transactions

/// Staff actions: each one applies the state machine, and writes the new state, the event and the
/// outbound message to the outbox in one database transaction. A refused action changes nothing.
extension Gateway {
    /// Carries out a lending decision.
    /// - Returns: the transaction as it now is.
    public func perform(_ command: SupplierCommand, onTransaction id: Int64) async throws(StaffActionError) -> TransactionRecord {
        if command.event == .remind {
            // A reminder is numbered and recorded like one from `illgate remind`.
            return try await remindBorrowerNow(id).transaction
        }
        return try await perform(command, onTransaction: id, source: .staff)
    }

    /// Carries out a lending decision taken by `source` (staff, or the gateway's own timers).
    func perform(_ command: SupplierCommand, onTransaction id: Int64, source: EventRecord.Source) async throws(StaffActionError) -> TransactionRecord {
        if let missing = command.missingDetail {
            throw StaffActionError(.incomplete, "\(command.event): \(missing)")
        }
        let now = self.now
        let outbound = outboundMessages(at: now, configuration: self.configuration)
        return try await staffWrite { writer in
            try Self.apply(command, onTransaction: id, source: source, outbound: outbound, writer)
        }
    }

    /// Applies a lending decision inside a write: the state machine, the new state, the status message
    /// in the outbox and the event.
    static func apply(
        _ command: SupplierCommand,
        onTransaction id: Int64,
        source: EventRecord.Source,
        detail: String? = nil,
        outbound: OutboundMessages,
        _ writer: any StoreWriter
    ) throws -> TransactionRecord {
        let now = outbound.now
        guard var transaction = try writer.transaction(id: id), transaction.role == .supplier else {
            throw StaffActionError(.notFound, "no lending transaction \(id)")
        }
        var machine = try SupplierStateMachine(record: transaction)
        switch machine.apply(command.event) {
        case .refused(let reason):
            throw StaffActionError(.notAllowed, "\(command.event): \(reason)")
        case .applied(let from, let to, let effects):
            transaction.apply(machine, at: now)
            if let dueDate = command.dueDate, command.event == .ship || command.event == .grantRenewal {
                transaction.dueDate = TimestampFormat.normalized(dueDate)
            }
            try writer.update(transaction)
            if [.willSupply, .expectToSupply, .unfilled, .retryPossible].contains(command.event),
                var review = try writer.openReview(transactionID: transaction.id)
            {
                // Answering a held request closes its review.
                review.state = command.event == .willSupply || command.event == .expectToSupply ? .approved : .refused
                review.resolvedAt = now
                review.resolution = "\(source.rawValue): \(command.event)"
                try writer.update(review)
            }
            let biller = LendingBiller(policy: outbound.configuration.policy, now: now, source: source.rawValue)
            var bill: BilledCharges?
            for case .billLoss(let kind) in effects {
                bill = try biller.bill(kind, on: transaction, writer)
            }
            if outbound.configuration.policy != nil, command.event == .ship || command.event == .sendCopy {
                let peer = outbound.configuration.peers.peer(named: transaction.peerName)
                bill = try biller.billService(loan: command.event == .ship, on: transaction, peer: peer, writer)
            }
            var messageID: Int64?
            for case .sendStatus(let reason, let answer, let status) in effects {
                let message = outbound.supplyingAgencyMessage(
                    for: transaction,
                    state: to,
                    reason: reason,
                    answer: answer,
                    status: status,
                    command: command,
                    bill: bill
                )
                messageID = try Self.queue(.supplyingAgencyMessage(message), for: transaction, outbound: outbound, writer)
            }
            try writer.append(
                EventRecord(
                    transactionID: transaction.id,
                    at: now,
                    source: source,
                    event: command.event.rawValue,
                    fromState: from.rawValue,
                    toState: to.rawValue,
                    messageID: messageID,
                    detail: [detail ?? command.note, bill?.note].compactMap(\.self).joined(separator: "; ").nilIfEmpty
                )
            )
            if let routed = try PullRouter(configuration: outbound.configuration, now: now).follow(transaction, from: from, to: to, source: source, writer) {
                for event in routed.events { try writer.append(event) }
            }
            return transaction
        }
    }

    /// Carries out a borrowing action.
    /// - Returns: the transaction as it now is (for a retry, the new transaction).
    public func perform(_ command: RequesterCommand, onTransaction id: Int64) async throws(StaffActionError) -> TransactionRecord {
        let result = try await performRecorded(command, onTransaction: id)
        if command.event == .markReceived, result.state == RequesterState.received.rawValue {
            // The receipt stands whatever happens to the notice: a failure is in the history, and staff can resend.
            _ = try? await sendPatronNotice(.readyForPickup, onTransaction: result.id)
        }
        return result
    }

    private func performRecorded(_ command: RequesterCommand, onTransaction id: Int64) async throws(StaffActionError) -> TransactionRecord {
        let now = self.now
        let configuration = self.configuration
        let outbound = outboundMessages(at: now, configuration: configuration)
        let peers = configuration.peers
        let prefix = configuration.requestIDPrefix
        return try await staffWrite { writer in
            guard var transaction = try writer.transaction(id: id), transaction.role == .requester else {
                throw StaffActionError(.notFound, "no borrowing transaction \(id)")
            }
            let peer = peers.peer(named: transaction.peerName)
            var machine = try RequesterStateMachine(record: transaction)
            switch machine.apply(command.event) {
            case .refused(let reason):
                throw StaffActionError(.notAllowed, "\(command.event): \(reason)")
            case .applied(let from, let to, let effects):
                transaction.apply(machine, at: now)
                try writer.update(transaction)
                var messageID: Int64?
                var result = transaction
                for effect in effects {
                    switch effect {
                    case .sendAction(let action):
                        let note = command.event == .reportDamaged ? "[Damaged]" + (command.note.map { " " + $0 } ?? "") : command.note
                        let message = outbound.requestingAgencyMessage(for: transaction, peer: peer, action: action, note: note)
                        if let peer, peer.quirks.unsupportedActions.contains(message.action) {
                            throw StaffActionError(
                                .notAllowed,
                                "\(command.event): \(peer.name)'s system (quirks \"\(peer.quirks)\") does not implement the \(message.action) action; nothing was sent"
                            )
                        }
                        messageID = try Self.queue(.requestingAgencyMessage(message), for: transaction, outbound: outbound, writer)
                    case .sendRetryRequest:
                        result = try Self.retry(transaction, peer: peer, prefix: prefix, outbound: outbound, writer)
                    default:
                        break
                    }
                }
                try writer.append(
                    EventRecord(
                        transactionID: transaction.id,
                        at: now,
                        source: .staff,
                        event: command.event.rawValue,
                        fromState: from.rawValue,
                        toState: to.rawValue,
                        messageID: messageID,
                        detail: result.id != transaction.id ? "retried as transaction \(result.id)" : command.note
                    )
                )
                return result
            }
        }
    }

    /// Sends a new borrowing request to a peer, without the borrowing policy (see ``submit(_:)``).
    /// - Returns: the new transaction, in state ``RequesterState/requested`` with the request in the outbox.
    public func borrow(_ request: BorrowingRequest) async throws(StaffActionError) -> TransactionRecord {
        let configuration = self.configuration
        guard let peer = configuration.peers.peer(named: request.peerName) else {
            throw StaffActionError(.unknownPeer, "no peer named '\(request.peerName)' is configured")
        }
        let pickup = try configuration.pickupBranch(request.pickupLocation)
        let now = self.now
        let outbound = outboundMessages(at: now, configuration: configuration)
        let ours = configuration.libraryAgencyID
        let requestID = request.requestID ?? Self.newRequestID(prefix: configuration.requestIDPrefix)
        let message = request.message(from: ours, requestID: requestID, now: now)
        return try await staffWrite { writer in
            try Self.send(message, to: peer, pickupLocation: pickup, outbound: outbound, detail: nil, writer)
        }
    }

    /// Stores a new borrowing transaction for `message` addressed to `peer` and queues the request.
    ///
    /// The patron's e-mail address is for our own notices: it is kept on the transaction and taken out of
    /// the request the lender gets, unless the request asks the lender to send the item to the patron
    /// (`patronInfo/sendToPatron`), which needs it.
    /// - Parameter patronEmail: the address of a request whose message no longer carries it (the rota's next
    ///   lender); otherwise the one in the message's `patronInfo`.
    static func send(
        _ message: Request,
        to peer: Peer,
        pickupLocation: String?,
        patronEmail: String? = nil,
        outbound: OutboundMessages,
        detail: String?,
        _ writer: any StoreWriter
    ) throws -> TransactionRecord {
        guard let supplier = peer.primaryAgencyID else {
            throw StaffActionError(.unknownPeer, "peer '\(peer.name)' has no agency id")
        }
        var message = message
        let patronEmail = patronEmail ?? message.patronInfo?.emailAddress
        if var patron = message.patronInfo, patron.sendToPatron != true {
            patron.removeEmailAddresses()
            message.patronInfo = patron == PatronInfo() ? nil : patron
        }
        message.header.supplyingAgencyID = supplier
        message.header.requestingAgencyAuthentication = peer.outboundAuthentication
        let requestID = message.header.requestingAgencyRequestID
        let serviceType = message.serviceInfo?.serviceType ?? .loan
        let record = TransactionRecord(
            role: .requester,
            state: RequesterState.requested.rawValue,
            serviceType: serviceType,
            requestingAgencyID: message.header.requestingAgencyID.key,
            requestingAgencyRequestID: requestID,
            supplyingAgencyID: supplier.key,
            peerName: peer.name,
            edition: peer.edition,
            title: message.bibliographicInfo.titleOfComponent ?? message.bibliographicInfo.title,
            createdAt: outbound.now,
            updatedAt: outbound.now,
            pickupLocation: pickupLocation,
            patronEmail: patronEmail
        )
        if try writer.transaction(role: .requester, requestingAgencyID: record.requestingAgencyID, requestID: requestID) != nil {
            throw StaffActionError(.notAllowed, "request id '\(requestID)' is already in use")
        }
        let transaction = try writer.insert(record)
        let messageID = try Self.queue(.request(message), for: transaction, outbound: outbound, writer)
        try writer.append(
            EventRecord(
                transactionID: transaction.id,
                at: outbound.now,
                source: .staff,
                event: "request",
                fromState: "",
                toState: transaction.state,
                messageID: messageID,
                detail: detail
            )
        )
        return transaction
    }

    /// Sends the request again as a Retry with the terms the supplier offered, as a new transaction.
    /// - Parameter offered: the supplier's terms; by default those of its last RetryPossible on record.
    static func retry(
        _ original: TransactionRecord,
        peer: Peer?,
        prefix: String,
        outbound: OutboundMessages,
        offered: RetryInfo? = nil,
        source: EventRecord.Source = .staff,
        _ writer: any StoreWriter
    ) throws -> TransactionRecord {
        let messages = try writer.messages(transactionID: original.id)
        guard let sentRequest = messages.first(where: { $0.direction == .outbound && $0.kind == .request }),
            case .request(var request) = try sentRequest.storedMessage()
        else {
            throw StaffActionError(.notAllowed, "retry: the original request of transaction \(original.id) is not on record")
        }
        var offer = offered
        if offer == nil {
            for record in messages.reversed() where record.direction == .inbound && record.kind == .supplyingAgencyMessage {
                guard case .supplyingAgencyMessage(let sam) = try record.storedMessage(), sam.statusInfo.status == .retryPossible else { continue }
                offer = sam.retryInfo
                break
            }
        }
        request.accept(offer)
        let requestID = Self.newRequestID(prefix: prefix)
        request.header.timestamp = outbound.now
        request.header.requestingAgencyRequestID = requestID
        var service = request.serviceInfo ?? ServiceInfo(serviceType: original.serviceType)
        service.requestType = .retry
        service.requestingAgencyPreviousRequestID = original.requestingAgencyRequestID
        request.serviceInfo = service

        var record = original
        record.id = 0
        record.state = RequesterState.requested.rawValue
        record.serviceType = service.serviceType
        record.requestingAgencyRequestID = requestID
        record.supplyingAgencyRequestID = nil
        record.cancelPending = false
        record.renewalPending = false
        record.hasAnsweredRequest = false
        record.lastStatus = nil
        record.dueDate = nil
        record.previousTransactionID = original.id
        record.createdAt = outbound.now
        record.updatedAt = outbound.now
        let transaction = try writer.insert(record)
        let messageID = try Self.queue(.request(request), for: transaction, outbound: outbound, writer)
        if var facts = try writer.policyFacts(transactionID: original.id) {
            facts.transactionID = transaction.id
            try writer.save(facts)
        }
        for var entry in try writer.ledgerEntries(transactionID: original.id) where entry.state == .reserved {
            entry.transactionID = transaction.id  // a retry is the same copy
            try writer.update(entry)
        }
        try writer.append(
            EventRecord(
                transactionID: transaction.id,
                at: outbound.now,
                source: source,
                event: "request:retry",
                fromState: "",
                toState: transaction.state,
                messageID: messageID,
                detail: "retry of transaction \(original.id) with the supplier's terms"
            )
        )
        return transaction
    }

    static func queue(
        _ message: ISO18626Message,
        for transaction: TransactionRecord,
        outbound: OutboundMessages,
        _ writer: any StoreWriter
    ) throws -> Int64 {
        do {
            return try outbound.queue(message, for: transaction, in: writer).id
        } catch let error as ISO18626EncodingError {
            throw StaffActionError(.cannotEncode, "cannot write this message for \(transaction.peerName) (edition \(transaction.edition)): \(error)")
        }
    }

    /// Runs a staff action's work in one store write, then wakes the dispatcher for what it may have queued.
    func staffWrite<Result: Sendable>(
        _ work: @escaping @Sendable (any StoreWriter) throws -> Result
    ) async throws(StaffActionError) -> Result {
        do {
            let result = try await store.write(work)
            outboxMayHaveWork()
            return result
        } catch let error as StaffActionError {
            throw error
        } catch let error where corruptRows.record(error) {
            throw StaffActionError(.corruptData, "\(error)")
        } catch {
            throw StaffActionError(.storage, "the change could not be stored: \(error)")
        }
    }

    /// A new request id: the prefix and ten random letters and digits.
    static func newRequestID(prefix: String) -> String {
        let letters = Array("0123456789ABCDEFGHJKMNPQRSTVWXYZ")
        var generator = SystemRandomNumberGenerator()
        let suffix = String((0..<10).map { _ in letters[Int(generator.next() % UInt64(letters.count))] })
        return "\(prefix)-\(suffix)"
    }
}

extension String {
    /// `nil` for the empty string.
    var nilIfEmpty: String? { isEmpty ? nil : self }
}

extension Request {
    /// Takes over the terms a supplier offered with RetryPossible.
    mutating func accept(_ offer: RetryInfo?) {
        guard let offer else { return }
        var service = serviceInfo ?? ServiceInfo(serviceType: .loan)
        if let serviceType = offer.serviceType { service.serviceType = serviceType }
        if let format = offer.itemFormat.first { service.itemFormat = format }
        if let level = offer.serviceLevel.first { service.serviceLevel = level }
        if !offer.loanCondition.isEmpty { service.loanCondition = offer.loanCondition }
        serviceInfo = service
        if let cost = offer.offeredCosts.first {
            var billing = billingInfo ?? BillingInfo()
            billing.maximumCosts = cost
            billingInfo = billing
        }
        if let edition = offer.edition.first { bibliographicInfo.edition = edition }
        if !offer.volume.isEmpty { bibliographicInfo.volume = offer.volume }
        if let offered = offer.deliveryMethod.first {
            // When none of the methods asked for is among those offered, ask for the first offered one
            // (addresses kept), so the retry meets the offer.
            let asked = requestedDeliveryInfo.compactMap { $0.deliveryMethod?.value.lowercased() }
            let offeredMethods = offer.deliveryMethod.map { $0.value.lowercased() }
            if !asked.contains(where: offeredMethods.contains) {
                if requestedDeliveryInfo.isEmpty {
                    requestedDeliveryInfo = [RequestedDeliveryInfo(sortOrder: 1, deliveryMethod: offered)]
                } else {
                    for index in requestedDeliveryInfo.indices { requestedDeliveryInfo[index].deliveryMethod = offered }
                }
            }
        }
    }
}
