import Foundation
public import Gateway
import Hummingbird
import ISO18626
public import Logging
import NIOCore
public import ServiceLifecycle
import Store
import Transactions

/// The admin HTTP API the CLI talks to, on loopback, protected by a bearer token read from a file.
///
/// Staff actions go through the daemon, so only the daemon writes the database. Routes:
/// `GET /healthz`, `GET /readyz`, `GET /v1/transactions`, `GET /v1/transactions/{id}`,
/// `POST /v1/transactions/{id}/actions`, `POST /v1/borrowing`, `GET /v1/reviews`,
/// `POST /v1/reviews/{id}/approve`, `POST /v1/reviews/{id}/refuse`, `GET /v1/outbox`,
/// `POST /v1/outbox/{id}/retry`, `POST /v1/outbox/{id}/drop`, `POST /v1/royalties/pay`, `GET /v1/refusals`,
/// `GET /v1/worklists/{name}`, `GET /v1/reports/activity`, `GET /v1/reports/demand`, `GET /v1/transactions/{id}/band`,
/// `GET /v1/transactions/{id}/label`, `GET /v1/packing` (PDFs), the money routes (``AdminRoutes/registerMoney(on:)``),
/// and `GET /metrics` when a metrics renderer is given. Everything but the health checks needs `Authorization: Bearer <token>`.
public final class AdminAPI: Service {
    private let application: any Service

    /// Creates the API.
    /// - Parameters:
    ///   - configuration: where to listen.
    ///   - token: the bearer token the CLI must send.
    ///   - gateway: the gateway staff actions go to.
    ///   - metrics: renders Prometheus text for `/metrics`, if metrics are collected.
    ///   - logger: for refused requests and staff actions.
    ///   - onListening: called with the bound port.
    public init(
        configuration: AdminConfiguration,
        token: String,
        gateway: Gateway,
        metrics: (@Sendable () -> String)? = nil,
        logger: Logger,
        onListening: @escaping @Sendable (Int) async -> Void = { _ in }
    ) {
        let router = Router()
        let routes = AdminRoutes(gateway: gateway, token: token, logger: logger)
        router.get("healthz") { _, _ in "ok\n" }
        router.get("readyz") { _, _ -> Response in
            do {
                try await gateway.checkStorage()
                return Response(status: .ok, body: .init(byteBuffer: ByteBuffer(string: Self.readiness(gateway.corruptRows))))
            } catch {
                return Response(status: .serviceUnavailable, body: .init(byteBuffer: ByteBuffer(string: "storage unavailable\n")))
            }
        }
        if let metrics {
            router.get("metrics") { request, _ -> Response in
                guard routes.isAuthorized(request) else { return AdminRoutes.unauthorized }
                return Response(
                    status: .ok,
                    headers: [.contentType: "text/plain; version=0.0.4"],
                    body: .init(byteBuffer: ByteBuffer(string: metrics()))
                )
            }
        }
        let v1 = router.group("v1")
        v1.get("transactions") { request, context in await routes.guarded(request) { try await routes.list(request) } }
        v1.get("transactions/{id}") { request, context in
            await routes.guarded(request) { try await routes.show(try context.parameters.require("id", as: Int64.self), request) }
        }
        v1.post("transactions/{id}/actions") { request, context in
            await routes.guarded(request) {
                try await routes.act(try context.parameters.require("id", as: Int64.self), request: request, context: context)
            }
        }
        v1.post("borrowing") { request, context in
            await routes.guarded(request) { try await routes.borrow(request: request, context: context) }
        }
        v1.get("reviews") { request, _ in await routes.guarded(request) { try await routes.reviews(request) } }
        v1.post("reviews/{id}/approve") { request, context in
            await routes.guarded(request) { try await routes.approve(try context.parameters.require("id", as: Int64.self), request: request) }
        }
        v1.post("reviews/{id}/refuse") { request, context in
            await routes.guarded(request) { try await routes.refuse(try context.parameters.require("id", as: Int64.self), request: request) }
        }
        v1.post("royalties/pay") { request, context in await routes.guarded(request) { try await routes.payRoyalties(request) } }
        routes.registerMoney(on: v1)
        routes.registerPulls(on: v1)
        v1.get("outbox") { request, _ in await routes.guarded(request) { try await routes.outbox(request) } }
        v1.get("refusals") { request, _ in await routes.guarded(request) { AdminRefusals(gateway.strangers.snapshot()) } }
        v1.post("outbox/{id}/retry") { request, context in
            await routes.guarded(request) { try await routes.retry(try context.parameters.require("id", as: Int64.self)) }
        }
        v1.post("outbox/{id}/drop") { request, context in
            await routes.guarded(request) { try await routes.drop(try context.parameters.require("id", as: Int64.self)) }
        }
        let desk = AdminDeskRoutes(gateway: gateway, logger: logger)
        v1.get("worklists/{name}") { request, context in
            await routes.guarded(request) { try await desk.worklist(try context.parameters.require("name"), request) }
        }
        v1.get("transactions/{id}/band") { request, context -> Response in
            guard routes.isAuthorized(request) else { return AdminRoutes.unauthorized }
            return await routes.document { try await desk.band(try context.parameters.require("id", as: Int64.self)) }
        }
        v1.get("transactions/{id}/label") { request, context -> Response in
            guard routes.isAuthorized(request) else { return AdminRoutes.unauthorized }
            return await routes.document { try await desk.label(try context.parameters.require("id", as: Int64.self)) }
        }
        v1.get("packing") { request, _ -> Response in
            guard routes.isAuthorized(request) else { return AdminRoutes.unauthorized }
            return await routes.document { try await desk.packing(request) }
        }
        v1.post("transactions/{id}/notices/{kind}") { request, context in
            await routes.guarded(request) {
                try await desk.notice(try context.parameters.require("id", as: Int64.self), kind: try context.parameters.require("kind"))
            }
        }
        v1.post("transactions/{id}/reminders") { request, context in
            await routes.guarded(request) { try await desk.remind(try context.parameters.require("id", as: Int64.self)) }
        }
        v1.get("reports/activity") { request, _ in await routes.guarded(request) { try await desk.activity(request) } }
        v1.get("reports/demand") { request, _ in await routes.guarded(request) { try await desk.demand(request) } }
        application = Application(
            router: router,
            configuration: ApplicationConfiguration(address: .hostname(configuration.host, port: configuration.port), serverName: "illgate-admin"),
            onServerRunning: { channel in await onListening(channel.localAddress?.port ?? configuration.port) },
            logger: logger
        )
    }

    public func run() async throws {
        try await application.run()
    }

    /// The readiness answer while the storage answers: `ready`, or `degraded` with one line per stored row
    /// met that this version cannot read (the gateway keeps serving every other transaction, so the status
    /// stays 200; the body says why staff must look).
    static func readiness(_ corruptRows: CorruptRows) -> String {
        let rows = corruptRows.rows
        guard !rows.isEmpty else { return "ready\n" }
        var text = "degraded: \(corruptRows.count) stored row(s) cannot be read; their transactions are refused until repaired\n"
        for row in rows { text += "\(row)\n" }
        if corruptRows.count > rows.count { text += "(\(corruptRows.count - rows.count) more)\n" }
        return text
    }

    /// Reads the token from the file, creating the file with a new random token (mode 0600) if it does not exist.
    public static func loadOrCreateToken(at path: String) throws(TransportError) -> String {
        let manager = FileManager.default
        if let data = manager.contents(atPath: path) {
            let token = String(decoding: data, as: UTF8.self).trimmingCharacters(in: .whitespacesAndNewlines)
            guard token.count >= 16 else { throw TransportError(.adminTokenTooShort, path: path) }
            return token
        }
        var generator = SystemRandomNumberGenerator()
        let token = (0..<32).map { _ in String(format: "%02x", UInt8.random(in: 0...255, using: &generator)) }.joined()
        let directory = (path as NSString).deletingLastPathComponent
        do {
            if !directory.isEmpty { try manager.createDirectory(atPath: directory, withIntermediateDirectories: true) }
            guard manager.createFile(atPath: path, contents: Data((token + "\n").utf8), attributes: [.posixPermissions: 0o600]) else {
                throw TransportError(.adminTokenUnwritable, path: path)
            }
        } catch let error as TransportError {
            throw error
        } catch {
            throw TransportError(.adminTokenUnwritable, path: path, underlying: error)
        }
        return token
    }
}

/// The admin API's handlers.
struct AdminRoutes: Sendable {
    let gateway: Gateway
    let token: String
    let logger: Logger

    static let unauthorized = Response(
        status: .unauthorized,
        headers: [.contentType: "application/json"],
        body: .init(byteBuffer: ByteBuffer(string: #"{"error":"missing or wrong admin token","reason":"unauthorized"}"#))
    )

    func isAuthorized(_ request: Request) -> Bool {
        guard let header = request.headers[.authorization], header.hasPrefix("Bearer ") else { return false }
        return secretsEqual(String(header.dropFirst(7)).trimmingCharacters(in: .whitespaces), token)
    }

    /// Checks the token, runs the handler and turns its result or error into JSON.
    func guarded(_ request: Request, _ handler: () async throws -> any Encodable & Sendable) async -> Response {
        guard isAuthorized(request) else {
            logger.warning("security: admin API request without a valid token", metadata: ["event": "security", "path": .string(request.uri.path)])
            return Self.unauthorized
        }
        do {
            return json(.ok, try await handler())
        } catch {
            return errorResponse(error)
        }
    }

    /// The JSON answer for a handler's error, with the HTTP status its kind calls for.
    private func errorResponse(_ error: any Error) -> Response {
        switch error {
        case let error as ReportPeriodError:
            return json(.badRequest, AdminError(error: error.message, reason: .badRequest))
        case let error as AdminError:
            return json(error.reason == .notFound ? .notFound : error.reason == .conflict ? .conflict : .badRequest, error)
        case let error as StaffActionError:
            let status: HTTPResponse.Status
            switch error.reason {
            case .notFound: status = .notFound
            case .notAllowed, .cannotEncode, .cannotPrint: status = .conflict
            case .incomplete, .invalidInput, .unknownPeer, .unknownBranch: status = .badRequest
            case .storage: status = .serviceUnavailable
            case .corruptData: status = .internalServerError
            }
            return json(status, AdminError(error: error.message, reason: AdminError.Reason(error.reason)))
        case let error as StoreError where error.code == .corruptValue:
            return json(.internalServerError, AdminError(error: error.description, reason: .corruptData))
        default:
            return json(.badRequest, AdminError(error: "\(error)", reason: .badRequest))
        }
    }

    /// Runs a handler that renders a PDF: the document with `application/pdf`, or the error as JSON.
    func document(_ handler: () async throws -> [UInt8]) async -> Response {
        do {
            let bytes = try await handler()
            return Response(status: .ok, headers: [.contentType: "application/pdf"], body: .init(byteBuffer: ByteBuffer(bytes: bytes)))
        } catch {
            return errorResponse(error)
        }
    }

    private func json(_ status: HTTPResponse.Status, _ value: any Encodable) -> Response {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys]
        let data = (try? encoder.encode(value)) ?? Data(#"{"error":"cannot encode the answer","reason":"internal"}"#.utf8)
        return Response(status: status, headers: [.contentType: "application/json"], body: .init(byteBuffer: ByteBuffer(bytes: data)))
    }

    func decode<Value: Decodable>(_ type: Value.Type, from request: Request) async throws -> Value {
        var request = request
        let body = try await request.collectBody(upTo: 1 << 20)
        do {
            return try JSONDecoder().decode(type, from: Data(Array(buffer: body)))
        } catch {
            throw AdminError(error: "the request body is not valid JSON for this call: \(error)", reason: .badRequest)
        }
    }

    func list(_ request: Request) async throws -> [AdminTransaction] {
        let query = request.uri.queryParameters
        let role = query.get("role").flatMap(TransactionRole.init(rawValue:))
        let limit = query.get("limit").flatMap(Int.init) ?? 100
        return try await gateway.transactions(matching: TransactionFilter(role: role, state: query.get("state"), limit: limit))
            .map(AdminTransaction.init)
    }

    func show(_ id: Int64, _ request: Request) async throws -> AdminTransactionDetail {
        guard let detail = try await gateway.transactionDetail(id: id) else {
            throw AdminError(error: "no transaction \(id)", reason: .notFound)
        }
        let withBodies = request.uri.queryParameters.get("xml") == "true"
        return AdminTransactionDetail(
            transaction: AdminTransaction(detail.transaction),
            events: detail.events.map(AdminEvent.init),
            messages: detail.messages.map { AdminMessage($0, withBodies: withBodies) }
        )
    }

    func act(_ id: Int64, request: Request, context: BasicRequestContext) async throws -> AdminTransaction {
        let action = try await decode(AdminActionRequest.self, from: request)
        guard let transaction = try await gateway.transaction(id: id) else {
            throw AdminError(error: "no transaction \(id)", reason: .notFound)
        }
        if action.action == "remind" {
            // The same reminder, numbered, recorded and logged (event=reminder), as `POST …/reminders` sends.
            _ = try await AdminDeskRoutes(gateway: gateway, logger: logger).remind(id)
            guard let reminded = try await gateway.transaction(id: id) else { throw AdminError(error: "no transaction \(id)", reason: .notFound) }
            return AdminTransaction(reminded)
        }
        let result: TransactionRecord
        let start = gateway.now
        switch transaction.role {
        case .supplier: result = try await gateway.perform(try AdminCommandParser.supplierCommand(action), onTransaction: id)
        case .requester: result = try await gateway.perform(try AdminCommandParser.requesterCommand(action), onTransaction: id)
        }
        logger.info(
            "staff action",
            metadata: ["tx": .string(String(id)), "action": .string(action.action), "from": .string(transaction.state), "to": .string(result.state)]
        )
        if transaction.role == .supplier { await logPullMade(byActionOn: id, at: start) }
        return AdminTransaction(result)
    }

    func borrow(request: Request, context: BasicRequestContext) async throws -> AdminBorrowResult {
        let borrowing = try AdminCommandParser.borrowingRequest(try await decode(AdminBorrowRequest.self, from: request))
        let (result, decision) = try await gateway.submit(borrowing)
        if let decision {
            var requestID: String?
            if case .sent(let sent) = result { requestID = sent.requestID }
            PolicyDecisionLog.record(decision, peer: borrowing.peerName, requestID: requestID, logger: logger)
        }
        switch result {
        case .sent(let sent):
            logger.info(
                "staff action",
                metadata: ["tx": .string(String(sent.transactionID)), "action": "request", "peer": .string(sent.peerName), "request_id": .string(sent.requestID)]
            )
            let transaction = try await gateway.transaction(id: sent.transactionID).map(AdminTransaction.init)
            return AdminBorrowResult(
                outcome: "sent",
                transaction: transaction,
                copyrightCompliance: sent.copyrightCompliance,
                remainingRota: sent.remainingRota
            )
        case .held(let reviewID, let rule, let why):
            return AdminBorrowResult(outcome: "held", reviewID: reviewID, rule: rule, reason: why)
        case .rejected(let rule, let reason):
            return AdminBorrowResult(outcome: "rejected", rule: rule, reason: reason)
        }
    }

    func reviews(_ request: Request) async throws -> [AdminReview] {
        let states: Set<ReviewRecord.State> = request.uri.queryParameters.get("state").map { text in
            Set(text.split(separator: ",").compactMap { ReviewRecord.State(rawValue: String($0)) })
        } ?? [.open]
        return try await gateway.reviews(states: states).map(AdminReview.init)
    }

    func approve(_ id: Int64, request: Request) async throws -> AdminReview {
        let decision = try await decode(AdminReviewDecision.self, from: request)
        let start = gateway.now
        let review = try await gateway.approveReview(id, note: decision.note)
        logger.info("staff action", metadata: ["review": .string(String(id)), "action": "approve", "rule": .string(review.rule)])
        if review.side == .lending, let transactionID = review.transactionID { await logPullMade(byActionOn: transactionID, at: start) }
        return AdminReview(review)
    }

    func refuse(_ id: Int64, request: Request) async throws -> AdminReview {
        let decision = try await decode(AdminReviewDecision.self, from: request)
        let review = try await gateway.refuseReview(id, reason: decision.reason.map { ReasonUnfilled($0) }, note: decision.note)
        logger.info("staff action", metadata: ["review": .string(String(id)), "action": "refuse", "rule": .string(review.rule)])
        return AdminReview(review)
    }

    func payRoyalties(_ request: Request) async throws -> AdminRoyaltiesPaid {
        let payment = try await decode(AdminRoyaltyPayment.self, from: request)
        let paid = try await gateway.markRoyaltiesPaid(batch: payment.batch, entryIDs: payment.entries, through: payment.through)
        let total = paid.compactMap(\.royaltyEstimate).reduce(Decimal(0), +)
        logger.info("staff action", metadata: ["action": "royalties-paid", "batch": .string(payment.batch), "entries": .string(String(paid.count))])
        return AdminRoyaltiesPaid(batch: payment.batch, entries: paid.map(\.id), estimatedTotal: DecimalFormat.format(total, places: 2))
    }

    func outbox(_ request: Request) async throws -> [AdminOutboxEntry] {
        let statuses: Set<OutboxRecord.Status> = request.uri.queryParameters.get("status").map { text in
            Set(text.split(separator: ",").compactMap { OutboxRecord.Status(rawValue: String($0)) })
        } ?? [.pending, .rejected, .dead]
        return try await gateway.outboxEntries(statuses: statuses).map(AdminOutboxEntry.init)
    }

    func retry(_ id: Int64) async throws -> AdminOutboxEntry {
        AdminOutboxEntry(try await gateway.retryDelivery(entryID: id))
    }

    func drop(_ id: Int64) async throws -> AdminOutboxEntry {
        AdminOutboxEntry(try await gateway.dropDelivery(entryID: id))
    }
}
