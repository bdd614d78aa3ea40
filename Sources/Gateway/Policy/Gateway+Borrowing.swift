import Foundation
import ISO18626
import Policy
import Store
import Transactions

/// Borrowing with the policy: a patron's request is checked (B01–B08, the copyright ledger) before
/// anything is sent, and either goes to the first lender of its rota, waits for staff, or is refused.
extension Gateway {
    /// Submits a patron's borrowing request. Without a `[policy]` it is simply sent to ``BorrowingRequest/peerName``.
    /// - Returns: what became of it, and the policy decision for the log (`nil` without a policy).
    public func submit(_ request: BorrowingRequest) async throws(StaffActionError) -> (result: BorrowingResult, decision: DecisionSummary?) {
        let configuration = self.configuration
        guard let policy = configuration.policy else {
            let transaction = try await borrow(request)
            return (.sent(Self.summary(transaction, copyright: request.serviceInfo.copyrightCompliance?.value, rota: [])), nil)
        }
        let names = [request.peerName] + request.alternatePeers
        for name in names where configuration.peers.peer(named: name) == nil {
            throw StaffActionError(.unknownPeer, "no peer named '\(name)' is configured")
        }
        let pickup = try configuration.pickupBranch(request.pickupLocation)
        let now = self.now
        let context = BorrowingContext(
            configuration: configuration,
            policy: policy,
            outbound: outboundMessages(at: now, configuration: configuration),
            pickupLocation: pickup
        )
        let requestID = request.requestID ?? Self.newRequestID(prefix: configuration.requestIDPrefix)
        let message = request.message(from: configuration.libraryAgencyID, requestID: requestID, now: now)
        return try await staffWrite { writer in
            try context.submit(message, rota: names, patronType: request.patronType, waiving: [], writer)
        }
    }

    /// Sends a held borrowing request, the rule that held it waived by staff.
    func sendHeldBorrowing(_ review: ReviewRecord, note: String?) async throws(StaffActionError) -> BorrowingResult {
        let configuration = self.configuration
        guard let policy = configuration.policy else {
            throw StaffActionError(.notAllowed, "borrowing reviews need a [policy] configuration")
        }
        guard let draft = review.draft else {
            throw StaffActionError(.notAllowed, "review \(review.id): the held request is not on record")
        }
        guard case .request(var message) = try? ISO18626Decoder().decode(draft).message else {
            // Not quoted: the held request holds patron data.
            throw StaffActionError(.corruptData, "corrupt row: review \(review.id) has a draft that is not a readable request; the row is left untouched")
        }
        let settings: HeldBorrowingSettings
        do {
            settings = try HeldBorrowingSettings(stored: review.draftSettings, reviewID: review.id)
        } catch {
            corruptRows.record(error)
            throw StaffActionError(.corruptData, error.description)
        }
        let now = self.now
        message.header.timestamp = now
        let context = BorrowingContext(
            configuration: configuration,
            policy: policy,
            outbound: outboundMessages(at: now, configuration: configuration),
            pickupLocation: settings.pickupLocation
        )
        let waived = [review.rule]
        let draftMessage = message
        let (result, _) = try await staffWrite { writer in
            guard var current = try writer.review(id: review.id), current.state == .open else {
                throw StaffActionError(.notAllowed, "review \(review.id) is no longer open")
            }
            let outcome = try context.submit(draftMessage, rota: settings.rota, patronType: settings.patronType, waiving: waived, writer, fromReview: true)
            switch outcome.result {
            case .sent(let sent):
                current.state = .approved
                current.resolution = "staff: sent as transaction \(sent.transactionID)" + (note.map { ": \($0)" } ?? "")
            case .held(_, let rule, let why):
                throw StaffActionError(.notAllowed, "still held after waiving \(review.rule): \(rule) \(why); refuse it or change the request")
            case .rejected(let rule, let reason):
                throw StaffActionError(.notAllowed, "cannot be sent: \(rule) \(reason)")
            }
            current.resolvedAt = now
            try writer.update(current)
            return outcome
        }
        return result
    }

    static func summary(_ transaction: TransactionRecord, copyright: String?, rota: [String]) -> TransactionRecordSummary {
        TransactionRecordSummary(
            transactionID: transaction.id,
            requestID: transaction.requestingAgencyRequestID,
            peerName: transaction.peerName,
            copyrightCompliance: copyright,
            remainingRota: rota
        )
    }
}

/// The rota and patron type a held borrowing request is sent with once approved (stored as JSON).
struct HeldBorrowingSettings: Codable {
    var rota: [String]
    var patronType: String?
    /// The pickup branch chosen at creation (absent from settings stored before pickup locations existed).
    var pickupLocation: String?

    init(rota: [String], patronType: String?, pickupLocation: String?) {
        self.rota = rota
        self.patronType = patronType
        self.pickupLocation = pickupLocation
    }

    /// The settings stored with review `reviewID` (none stored: no rota, no patron type).
    /// - Throws: ``StoreError/Code/corruptValue`` when the stored JSON cannot be read.
    init(stored json: String?, reviewID: Int64) throws(StoreError) {
        guard let json else {
            self.init(rota: [], patronType: nil, pickupLocation: nil)
            return
        }
        do {
            self = try JSONDecoder().decode(Self.self, from: Data(json.utf8))
        } catch {
            throw StoreError.corruptValue(
                table: "review",
                rowID: reviewID,
                column: "draft_settings",
                value: String(json.prefix(200)),
                expected: "the held request's rota and patron type as JSON"
            )
        }
    }

    var json: String {
        (try? JSONEncoder().encode(self)).map { String(decoding: $0, as: UTF8.self) } ?? "{}"
    }
}

/// One borrowing decision carried out inside a write: history, holdings and ledger read, the policy
/// run, and the request sent (with its ledger entry) or held, all in the same database transaction.
struct BorrowingContext {
    let configuration: GatewayConfiguration
    let policy: PolicyConfiguration
    let outbound: OutboundMessages
    /// Where the patron collects the item (a configured branch's code), if chosen.
    let pickupLocation: String?

    var now: Date { outbound.now }

    /// What the borrowing rules were given and decided.
    struct Evaluation {
        var input: BorrowingInput
        var decision: BorrowingDecision
        var counted: CopyrightLedgerKeeper.Counted?
        var keys: CitationKeys
        var patronKey: String?
        var patronType: String?
    }

    /// Reads history, holdings and the ledger and runs the borrowing rules (the ledger may learn a title
    /// cluster; nothing else is written).
    func evaluate(_ draft: Request, rota names: [String], patronType given: String?, waiving: [String], _ writer: any StoreWriter) throws -> Evaluation {
        let lenders = names.compactMap(configuration.peers.peer(named:))
        let keys = CitationKeys(request: draft)
        let patronKey = draft.patronInfo?.patronID.flatMap { $0.isEmpty ? nil : "p" + Fingerprint.of(Array("patron|\($0)".utf8)) }
        let patronType = given ?? draft.patronInfo?.patronType?.value ?? policy.borrowing.defaultPatronType
        let requester = TransactionRole.requester.rawValue
        let terminal = RequesterState.allCases.filter(\.isTerminal).map(\.rawValue)
        var history = BorrowingHistory()
        if let patronKey {
            history.patronOpenRequests = try writer.count(HistoryQuery(role: requester, excludingStates: terminal, patronKey: patronKey))
            history.duplicateTransactionID = try writer.latestTransactionID(
                HistoryQuery(
                    role: requester,
                    excludingStates: [RequesterState.retried.rawValue],
                    citationKey: keys.citation,
                    patronKey: patronKey,
                    since: now.addingTimeInterval(-Double(policy.borrowing.checkDuplicateHours) * 3600)
                )
            )
        }
        let local = HoldingFacts.itemFacts(from: try writer.holdings(matching: HoldingFacts.lookup(for: draft)))
        let keeper = CopyrightLedgerKeeper(policy: policy, symbol: configuration.libraryAgencyID.key)
        var counted: CopyrightLedgerKeeper.Counted?
        if let subject = try keeper.subject(for: draft, at: now, writer) {
            counted = try keeper.count(subject, writer)
        }
        var input = BorrowingInput(
            request: draft,
            patronType: patronType,
            history: history,
            localItem: local,
            copyright: counted?.count,
            lenders: lenders.map(\.profile),
            now: now
        )
        input.waivedRules = Set(waiving.map(RuleID.init(rawValue:)))
        let decision = BorrowingPolicy(configuration: policy).decide(input)
        return Evaluation(input: input, decision: decision, counted: counted, keys: keys, patronKey: patronKey, patronType: patronType)
    }

    func submit(
        _ draft: Request,
        rota names: [String],
        patronType given: String?,
        waiving: [String],
        _ writer: any StoreWriter,
        fromReview: Bool = false
    ) throws -> (result: BorrowingResult, decision: DecisionSummary?) {
        let evaluation = try evaluate(draft, rota: names, patronType: given, waiving: waiving, writer)
        let decision = evaluation.decision
        let counted = evaluation.counted
        let keys = evaluation.keys
        let patronKey = evaluation.patronKey
        let patronType = evaluation.patronType
        var summary = DecisionSummary(
            side: "borrowing",
            outcome: decision.outcome.name,
            rule: decision.decidingRule.rawValue,
            firedRules: decision.trace.firedRules.map(\.rawValue)
        )
        summary.code = decision.code.rawValue
        summary.notices = counted?.notices ?? []
        switch decision.outcome {
        case .send(let plan):
            return try send(draft, plan: plan, rota: plan.rota, decision: decision, counted: counted, keys: keys, patronKey: patronKey, patronType: patronType, summary: summary, writer)
        case .orderFromDocumentSupplier(let supplier, var plan):
            plan.ledger = plan.ledger.map { LedgerReservation(basis: .documentSupplier, code: $0.code) }
            return try send(draft, plan: plan, rota: [supplier], decision: decision, counted: counted, keys: keys, patronKey: patronKey, patronType: patronType, summary: summary, writer)
        case .hold(let rule, let why):
            summary.rule = rule.rawValue
            if fromReview { return (.held(reviewID: 0, rule: rule.rawValue, why: why), summary) }
            let body = try ISO18626Encoder().encode(.request(draft), edition: .v2021)
            let review = try writer.insert(
                ReviewRecord(
                    side: .borrowing,
                    peerName: names.first,
                    title: draft.bibliographicInfo.titleOfComponent ?? draft.bibliographicInfo.title,
                    rule: rule.rawValue,
                    why: why,
                    draft: String(decoding: body, as: UTF8.self),
                    draftSettings: HeldBorrowingSettings(rota: names, patronType: patronType, pickupLocation: pickupLocation).json,
                    createdAt: now,
                    code: decision.code.rawValue
                )
            )
            summary.reviewID = review.id
            return (.held(reviewID: review.id, rule: rule.rawValue, why: why), summary)
        case .reject(let rule, let reason):
            summary.rule = rule.rawValue
            return (.rejected(rule: rule.rawValue, reason: reason), summary)
        }
    }

    private func send(
        _ draft: Request,
        plan: BorrowingPlan,
        rota: [String],
        decision: BorrowingDecision,
        counted: CopyrightLedgerKeeper.Counted?,
        keys: CitationKeys,
        patronKey: String?,
        patronType: String?,
        summary: DecisionSummary,
        _ writer: any StoreWriter
    ) throws -> (result: BorrowingResult, decision: DecisionSummary?) {
        guard let first = rota.first, let lender = configuration.peers.peer(named: first) else {
            throw StaffActionError(.unknownPeer, "the rota is empty")
        }
        var message = draft
        var service = message.serviceInfo ?? ServiceInfo(serviceType: .copy)
        if let code = plan.copyrightCompliance { service.copyrightCompliance = CopyrightCompliance(code) }
        message.serviceInfo = service
        if let ceiling = plan.maximumCosts {
            var billing = message.billingInfo ?? BillingInfo()
            billing.maximumCosts = ceiling
            message.billingInfo = billing
        }
        let transaction = try Gateway.send(message, to: lender, pickupLocation: pickupLocation, outbound: outbound, detail: "policy: \(decision.outcome.name)", writer)
        try writer.save(
            TransactionPolicyRecord(
                transactionID: transaction.id,
                citationKey: keys.citation,
                titleKey: keys.title,
                issueKey: keys.issue,
                isArticle: draft.bibliographicInfo.titleOfComponent != nil,
                patronKey: patronKey,
                patronType: patronType,
                rota: Array(rota.dropFirst()),
                decisionRule: summary.rule,
                decisionTrace: decision.trace.map(\.description).joined(separator: "; ")
            )
        )
        if let reservation = plan.ledger, let counted {
            let keeper = CopyrightLedgerKeeper(policy: policy, symbol: configuration.libraryAgencyID.key)
            _ = try writer.insert(
                keeper.entry(
                    for: reservation,
                    subject: counted.count.subject,
                    titleID: counted.titleID,
                    request: message,
                    transactionID: transaction.id,
                    lender: lender.name,
                    now: now
                )
            )
        }
        var summary = summary
        summary.transactionID = transaction.id
        let sent = Gateway.summary(transaction, copyright: plan.copyrightCompliance, rota: Array(rota.dropFirst()))
        return (.sent(sent), summary)
    }
}
