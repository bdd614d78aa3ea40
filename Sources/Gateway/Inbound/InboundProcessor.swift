import Foundation
import ISO18626
import Policy
import Store
import Transactions

/// Decides one authenticated inbound message: detects retransmissions, finds or creates the transaction,
/// runs the state machine and the policy, and writes the message, its confirmation, the events and any
/// outbound messages through the ``StoreWriter`` it is given, returning the confirmation to send.
///
/// The gateway runs it through ``TransactionStore/decideAndCommit(attempts:_:)``: on a read snapshot with
/// a writer that records (so the single writer only applies the rows), and again on a fresh snapshot if
/// the transaction moved before the commit; it is deterministic in its inputs, so running it again is safe.
struct InboundProcessor: Sendable {
    let decoded: DecodedMessage
    let body: String
    let peer: Peer
    let configuration: GatewayConfiguration
    let encoder: ISO18626Encoder
    let now: Date
    /// Computed before the write, so the serialised part does no XML work it can avoid.
    let deduplicationKey: String
    /// The OK confirmation, encoded (and validated) before the write; used when the message is accepted.
    let acceptedConfirmation: [UInt8]?
    /// A request's policy keys, when a policy will decide it.
    let requestKeys: RequestKeys?

    init(decoded: DecodedMessage, bytes: [UInt8], peer: Peer, configuration: GatewayConfiguration, encoder: ISO18626Encoder, now: Date) {
        self.decoded = decoded
        self.body = String(decoding: bytes, as: UTF8.self)
        self.peer = peer
        self.configuration = configuration
        self.encoder = encoder
        self.now = now
        self.deduplicationKey = Self.deduplicationKey(of: decoded.message, bytes: bytes)
        let accepted = ConfirmationFactory.confirmation(answering: decoded.message.kind, ids: decoded.message.ids, echo: .init(decoded.message), errors: [], now: now)
        self.acceptedConfirmation = try? encoder.encode(accepted, edition: decoded.edition)
        if configuration.policy != nil, case .request(let request) = decoded.message {
            self.requestKeys = RequestKeys(request)
        } else {
            self.requestKeys = nil
        }
    }

    /// The result handed back to the gateway once the transaction has committed.
    struct Outcome: Sendable {
        var confirmation: [UInt8]
        var errors: [ErrorData]
        var transactionID: Int64?
        var isRetransmission: Bool
        /// The policy decision taken for this message, if any.
        var decision: DecisionSummary?
    }

    var message: ISO18626Message { decoded.message }

    /// Retransmissions are recognised by peer, type, request id and content, hashed once from the bytes as
    /// received: a request without its header timestamp (a peer re-sending after a timeout may rebuild it
    /// with a new one), any other message by its exact bytes (the same action twice on different days is
    /// two messages).
    static func deduplicationKey(of message: ISO18626Message, bytes: [UInt8]) -> String {
        let ids = message.ids
        let content: String
        if message.kind == .request, let timestamp = Fingerprint.firstTimestampValue(in: bytes) {
            content = Fingerprint.of(bytes, leavingOut: timestamp)
        } else {
            content = Fingerprint.of(bytes)
        }
        return [
            message.kind.rawValue, ids.requestingAgencyID?.key ?? "", ids.requestingAgencyRequestID ?? "", content,
        ].joined(separator: "|")
    }

    /// The transaction the message belongs to, as far as its header says: its messages are decided one
    /// after another.
    var transactionKey: String {
        let ids = message.ids
        let role: TransactionRole = message.kind == .supplyingAgencyMessage ? .requester : .supplier
        return "\(role.rawValue)|\(ids.requestingAgencyID?.key ?? "")|\(ids.requestingAgencyRequestID ?? "")"
    }

    func process(_ writer: any StoreWriter) throws -> Outcome {
        let key = deduplicationKey
        if let earlier = try writer.inboundMessage(deduplicationKey: key), let confirmation = earlier.confirmation {
            let errors = earlier.errorType.flatMap(ErrorType.init(rawValue:)).map { [ErrorData(errorType: $0, errorValue: earlier.errorValue)] }
            return Outcome(
                confirmation: Array(confirmation.utf8),
                errors: errors ?? [],
                transactionID: earlier.transactionID,
                isRetransmission: true
            )
        }
        var step = Step()
        switch message {
        case .request(let request): try receive(request, writer, &step)
        case .requestingAgencyMessage(let ram): try receive(ram, writer, &step)
        case .supplyingAgencyMessage(let sam): try receive(sam, writer, &step)
        case .requestConfirmation, .supplyingAgencyMessageConfirmation, .requestingAgencyMessageConfirmation:
            step.errors = [ErrorData(errorType: .badlyFormedMessage, errorValue: "a confirmation is not a message to confirm")]
        }
        return try finish(step, key: key, writer)
    }

    /// What processing decided, committed by ``finish(_:key:_:)``.
    private struct Step {
        var transaction: TransactionRecord?
        var errors: [ErrorData] = []
        var events: [EventRecord] = []
        /// Built once the transaction (and the inbound message) have ids.
        var outbound: [(TransactionRecord) -> ISO18626Message] = []
        /// The policy decision taken, for the log.
        var decision: DecisionSummary?
    }

    private func finish(_ step: Step, key: String, _ writer: any StoreWriter) throws -> Outcome {
        let confirmation: [UInt8]
        if step.errors.isEmpty, let accepted = acceptedConfirmation {
            confirmation = accepted
        } else {
            let confirmationMessage = ConfirmationFactory.confirmation(
                answering: message.kind,
                ids: message.ids,
                echo: .init(message),
                errors: step.errors,
                now: now
            )
            confirmation = try encoder.encode(confirmationMessage, edition: decoded.edition)
        }
        let stored = try writer.insert(
            MessageRecord(
                transactionID: step.transaction?.id,
                direction: .inbound,
                kind: message.kind,
                peerName: peer.name,
                deduplicationKey: key,
                summary: message.summary,
                headerTimestamp: message.ids.timestamp,
                recordedAt: now,
                body: body,
                confirmation: String(decoding: confirmation, as: UTF8.self),
                confirmationStatus: step.errors.isEmpty ? .ok : .error,
                errorType: step.errors.first?.errorType.rawValue,
                errorValue: step.errors.first?.errorValue
            )
        )
        for var event in step.events {
            event.messageID = stored.id
            try writer.append(event)
        }
        if let transaction = step.transaction {
            let outbound = OutboundMessages(configuration: configuration, encoder: encoder, now: now)
            for build in step.outbound {
                _ = try outbound.queue(build(transaction), for: transaction, in: writer)
            }
        }
        return Outcome(
            confirmation: confirmation,
            errors: step.errors,
            transactionID: step.transaction?.id,
            isRetransmission: false,
            decision: step.decision
        )
    }

    private func refuse(_ step: inout Step, _ value: String) {
        refuse(&step, .unrecognisedDataValue, value)
    }

    private func refuse(_ step: inout Step, _ type: ErrorType, _ value: String) {
        step.errors.append(ErrorData(errorType: type, errorValue: value))
    }

    // MARK: Requests (we lend)

    private func receive(_ request: Request, _ writer: any StoreWriter, _ step: inout Step) throws {
        let requester = request.header.requestingAgencyID
        let requestID = request.header.requestingAgencyRequestID
        guard !requestID.isEmpty else {
            return refuse(&step, "requestingAgencyRequestId: cannot be empty")
        }
        guard let serviceType = request.serviceInfo?.serviceType else {
            return refuse(&step, .badlyFormedMessage, "serviceInfo/serviceType: needed to handle a request")
        }
        let requestType = request.serviceInfo?.requestType ?? .new
        var previous: TransactionRecord?
        if let existing = try writer.transaction(role: .supplier, requestingAgencyID: requester.key, requestID: requestID) {
            let state = try existing.supplierState()
            switch requestType {
            case .reminder:
                step.transaction = existing
                step.events.append(event(existing, "reminder", from: existing.state, to: existing.state, detail: request.serviceInfo?.note))
                return
            case .retry where state.isTerminal:
                var superseded = existing
                superseded.superseded = true
                superseded.updatedAt = now
                try writer.update(superseded)
                previous = superseded
            case .new, .retry:
                return refuse(
                    &step,
                    "requestingAgencyRequestId: '\(requestID)' already identifies another request from \(requester) (now \(state.status))"
                )
            }
        }
        if previous == nil {
            previous = try RetryLink.replaced(by: request, from: peer, citation: requestKeys?.citation, writer)
        }
        let ours = request.header.supplyingAgencyID ?? configuration.libraryAgencyID
        var transaction = try writer.insert(
            TransactionRecord(
                role: .supplier,
                state: SupplierState.requestReceived.rawValue,
                serviceType: serviceType,
                requestingAgencyID: requester.key,
                requestingAgencyRequestID: requestID,
                supplyingAgencyID: ours.key,
                peerName: peer.name,
                edition: peer.edition,
                title: request.bibliographicInfo.titleOfComponent ?? request.bibliographicInfo.title,
                previousTransactionID: previous?.id,
                createdAt: now,
                updatedAt: now
            )
        )
        transaction.supplyingAgencyRequestID = "\(configuration.requestIDPrefix)-\(transaction.id)"
        try writer.update(transaction)
        step.transaction = transaction
        let detail = previous.map { "retry of transaction \($0.id)" }
        step.events.append(event(transaction, "request:\(requestType)", from: "", to: transaction.state, detail: detail))
        if let policy = configuration.policy {
            try decide(request, &transaction, policy, writer, &step)
        }
    }

    /// Runs the lending policy on a new request and carries its decision out in the same transaction:
    /// the status message goes to the outbox, or the request goes to the review queue.
    private func decide(
        _ request: Request,
        _ transaction: inout TransactionRecord,
        _ policy: PolicyConfiguration,
        _ writer: any StoreWriter,
        _ step: inout Step
    ) throws {
        let decision = try LendingDecider(policy: policy, peer: peer, now: now)
            .decide(request, keys: requestKeys ?? RequestKeys(request), for: transaction, writer)
        let rule = decision.outcome.rule.rawValue
        let fired = decision.trace.firedRules.map(\.rawValue)
        var summary = DecisionSummary(side: "lending", outcome: decision.outcome.name, rule: rule, firedRules: fired, transactionID: transaction.id)
        summary.code = decision.outcome.code.rawValue

        if case .review(let review) = decision.outcome {
            let deadline = policy.onReviewTimeout == .unfilled ? policy.reviewTimeout.deadline(from: now, workingDays: policy.workingDays) : nil
            let record = try writer.insert(
                ReviewRecord(
                    side: .lending,
                    transactionID: transaction.id,
                    peerName: peer.name,
                    title: transaction.title,
                    rule: rule,
                    why: review.why,
                    reasonIfTimedOut: review.reasonIfTimedOut.value,
                    createdAt: now,
                    deadline: deadline,
                    code: review.code.rawValue
                )
            )
            summary.reviewID = record.id
            step.decision = summary
            step.events.append(
                event(transaction, "policy:review", from: transaction.state, to: transaction.state, detail: "\(rule): \(review.why)", source: .system)
            )
            return
        }
        guard let reply = decision.reply(for: transaction.edition), let command = SupplierCommand(reply) else { return }
        var machine = try SupplierStateMachine(record: transaction)
        guard case .applied(let from, let to, let effects) = machine.apply(command.event) else { return }
        transaction.apply(machine, at: now)
        try writer.update(transaction)
        step.transaction = transaction
        summary.reason = reply.reasonUnfilled?.value ?? reply.reasonRetry?.value
        step.events.append(
            event(transaction, "policy:\(command.event)", from: from.rawValue, to: to.rawValue, detail: "\(rule): \(reply.note ?? decision.outcome.name)", source: .system)
        )
        let lookup = (requestKeys ?? RequestKeys(request)).holdings
        if let routed = try PullRouter(configuration: configuration, now: now).follow(transaction, from: from, to: to, source: .system, lookup: lookup, writer) {
            step.events += routed.events
            summary.notices += routed.change.notices
        }
        step.decision = summary
        step.outbound += statusMessages(for: effects, state: to, command: command)
    }

    // MARK: Requesting agency messages (we lend)

    private func receive(_ ram: RequestingAgencyMessage, _ writer: any StoreWriter, _ step: inout Step) throws {
        let requester = ram.header.requestingAgencyID
        guard
            var transaction = try writer.transaction(
                role: .supplier,
                requestingAgencyID: requester.key,
                requestID: ram.header.requestingAgencyRequestID
            )
        else {
            return refuse(&step, "requestingAgencyRequestId: no request '\(ram.header.requestingAgencyRequestID)' from \(requester)")
        }
        step.transaction = transaction
        var machine = try SupplierStateMachine(record: transaction)
        let event = SupplierEvent(action: ram.action)
        switch machine.apply(event) {
        case .refused(let reason):
            refuse(&step, "action \(ram.action): \(reason)")
            step.events.append(self.event(transaction, event.rawValue, from: transaction.state, to: transaction.state, detail: "refused: \(reason)"))
        case .applied(let from, let to, let effects):
            transaction.apply(machine, at: now)
            try writer.update(transaction)
            step.transaction = transaction
            var bill: BilledCharges?
            for case .billLoss(let kind) in effects {
                bill = try LendingBiller(policy: configuration.policy, now: now, source: "peer").bill(kind, on: transaction, writer)
            }
            let detail = [ram.note, bill?.note].compactMap(\.self).joined(separator: "; ")
            step.events.append(self.event(transaction, event.rawValue, from: from.rawValue, to: to.rawValue, detail: detail.isEmpty ? nil : detail))
            if let routed = try PullRouter(configuration: configuration, now: now).follow(transaction, from: from, to: to, source: .peer, writer) {
                step.events += routed.events
            }
            step.outbound += statusMessages(for: effects, state: to, bill: bill)
            if let policy = configuration.policy, effects.contains(.awaitRenewalDecision) {
                try decideRenewal(&transaction, machine, policy, writer, &step)
            }
        }
    }

    /// Answers a renewal request by the renewal rules (R01–R03), in the same transaction.
    private func decideRenewal(
        _ transaction: inout TransactionRecord,
        _ pending: SupplierStateMachine,
        _ policy: PolicyConfiguration,
        _ writer: any StoreWriter,
        _ step: inout Step
    ) throws {
        var facts = try writer.policyFacts(transactionID: transaction.id) ?? TransactionPolicyRecord(transactionID: transaction.id)
        // The machine takes a renewal request only on a loan; should it ever not be one, staff decide.
        guard let state = RenewalFacts.loanState(pending.state) else { return }
        let decision = LendingPolicy(configuration: policy).decideRenewal(
            try RenewalFacts.input(for: transaction, state: state, facts: facts, now: now, writer)
        )
        let command: SupplierCommand
        switch decision.outcome {
        case .granted(let newDueDate):
            command = SupplierCommand(.grantRenewal, dueDate: newDueDate)
        case .refused(let note):
            command = SupplierCommand(.refuseRenewal, note: note)
        }
        var machine = pending
        guard case .applied(let from, let to, let effects) = machine.apply(command.event) else { return }
        transaction.apply(machine, at: now)
        if let dueDate = command.dueDate { transaction.dueDate = TimestampFormat.normalized(dueDate) }
        try writer.update(transaction)
        step.transaction = transaction
        if command.event == .grantRenewal { facts.renewalsUsed += 1 }
        facts.decisionRule = decision.rule.rawValue
        facts.decisionTrace = decision.trace.line
        try writer.save(facts)
        let outcome = command.event == .grantRenewal ? "granted" : "refused"
        step.decision = DecisionSummary(
            side: "renewal",
            outcome: outcome,
            rule: decision.rule.rawValue,
            firedRules: decision.trace.firedRules.map(\.rawValue),
            transactionID: transaction.id,
            code: decision.code.rawValue
        )
        step.events.append(
            event(transaction, "policy:\(command.event)", from: from.rawValue, to: to.rawValue, detail: "\(decision.rule): \(outcome)", source: .system)
        )
        step.outbound += statusMessages(for: effects, state: to, command: command)
    }

    private func statusMessages(
        for effects: [SupplierEffect],
        state: SupplierState,
        command: SupplierCommand? = nil,
        bill: BilledCharges? = nil
    ) -> [(TransactionRecord) -> ISO18626Message] {
        effects.compactMap { effect in
            guard case .sendStatus(let reason, let answer, let status) = effect else { return nil }
            return { [configuration, encoder, now] transaction in
                .supplyingAgencyMessage(
                    OutboundMessages(configuration: configuration, encoder: encoder, now: now).supplyingAgencyMessage(
                        for: transaction,
                        state: state,
                        reason: reason,
                        answer: answer,
                        status: status,
                        command: command,
                        bill: bill
                    )
                )
            }
        }
    }

    // MARK: Supplying agency messages (we borrow)

    private func receive(_ sam: SupplyingAgencyMessage, _ writer: any StoreWriter, _ step: inout Step) throws {
        let requester = sam.header.requestingAgencyID
        guard
            var transaction = try writer.transaction(
                role: .requester,
                requestingAgencyID: requester.key,
                requestID: sam.header.requestingAgencyRequestID
            )
        else {
            return refuse(&step, "requestingAgencyRequestId: no request '\(sam.header.requestingAgencyRequestID)' of ours")
        }
        guard let supplier = sam.header.supplyingAgencyID, supplier.key == transaction.supplyingAgencyID else {
            return refuse(&step, "supplyingAgencyId: request '\(sam.header.requestingAgencyRequestID)' was not sent to you")
        }
        step.transaction = transaction
        var machine = try RequesterStateMachine(record: transaction)
        let event = RequesterEvent(message: sam)
        guard case .applied(let from, let to, let effects) = machine.apply(event) else { return }
        transaction.apply(machine, at: now)
        transaction.supplyingAgencyRequestID = sam.header.supplyingAgencyRequestID ?? transaction.supplyingAgencyRequestID
        let quirks = peer.quirks
        let statusIsNews = !(quirks.notificationStatusIsPlaceholder && sam.messageInfo.reasonForMessage == .notification)
        if statusIsNews, let status = sam.statusInfo.status { transaction.lastStatus = status }
        if let due = sam.statusInfo.dueDate { transaction.dueDate = due }
        transaction.hasAnsweredRequest = true
        try writer.update(transaction)
        step.transaction = transaction
        var details: [String] = []
        for effect in effects {
            switch effect {
            case .warnOutOfOrder: details.append("warning: \(event) does not fit state \(from); recorded only")
            case .alertStaff(let alert): details.append("alert: \(alert)")
            default: break
            }
        }
        if let alert = quirks.alert(inNote: sam.messageInfo.note) { details.append("alert: \(alert)") }
        if let note = quirks.recordedNote(sam.messageInfo.note) { details.append("note: \(note)") }
        details += try PeerCostRecorder(policy: configuration.policy, now: now).record(sam, on: transaction, writer)
        if from != to, let followUp = try RotaFollowUp(configuration: configuration, outbound: OutboundMessages(configuration: configuration, encoder: encoder, now: now))
            .after(transaction, movedTo: to, by: sam, decision: &step.decision, writer)
        {
            details.append(followUp)
        }
        step.events.append(
            self.event(transaction, event.rawValue, from: from.rawValue, to: to.rawValue, detail: details.isEmpty ? nil : details.joined(separator: "; "))
        )
    }

    private func event(
        _ transaction: TransactionRecord,
        _ name: String,
        from: String,
        to: String,
        detail: String?,
        source: EventRecord.Source = .peer
    ) -> EventRecord {
        EventRecord(transactionID: transaction.id, at: now, source: source, event: name, fromState: from, toState: to, detail: detail)
    }
}
