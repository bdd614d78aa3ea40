import Documents
import Foundation
import Gateway
import Hummingbird
import ISO18626
import Logging
import Store

/// The money routes: charges, invoices we issue, lenders' invoices, statements and reports.
///
/// `GET|POST /v1/transactions/{id}/charges`, `GET /v1/charges`, `POST /v1/charges/{id}/adjust|waive`,
/// `GET|POST /v1/invoices`, `GET /v1/invoices/{number}`, `GET /v1/invoices/{number}/pdf[?page=letter]` (base64 in JSON), `POST /v1/invoices/{number}/void|credit|payments`,
/// `GET /v1/statements/{peer}`, `GET /v1/aging`, `GET|POST /v1/received-invoices`,
/// `POST /v1/received-invoices/{id}/approve`, `POST /v1/received-invoices/export`, `GET /v1/patron-charges`,
/// `GET /v1/awaiting-bill`. Amounts are JSON strings, never numbers.
extension AdminRoutes {
    func registerMoney(on v1: RouterGroup<BasicRequestContext>) {
        v1.get("transactions/{id}/charges") { request, context in
            await guarded(request) { try await gateway.charges(transactionID: try context.parameters.require("id", as: Int64.self)).map(AdminCharge.init) }
        }
        v1.post("transactions/{id}/charges") { request, context in
            await guarded(request) { try await addCharge(try context.parameters.require("id", as: Int64.self), request) }
        }
        v1.get("charges") { request, _ in
            await guarded(request) {
                let query = request.uri.queryParameters
                let side = query.get("side").flatMap(ChargeRecord.Side.init(rawValue:)) ?? .receivable
                return try await gateway.charges(side: side, peerName: query.get("peer"), flaggedOnly: query.get("flagged") == "true").map(AdminCharge.init)
            }
        }
        v1.post("charges/{id}/adjust") { request, context in
            await guarded(request) { try await changeCharge(try context.parameters.require("id", as: Int64.self), request, waive: false) }
        }
        v1.post("charges/{id}/waive") { request, context in
            await guarded(request) { try await changeCharge(try context.parameters.require("id", as: Int64.self), request, waive: true) }
        }
        v1.get("invoices") { request, _ in
            await guarded(request) {
                let query = request.uri.queryParameters
                let documents = query.get("unpaid") == "true" ? try await gateway.unpaidInvoices() : try await gateway.invoices(peerName: query.get("peer"))
                return documents.map { AdminInvoice($0, timeZone: timeZone) }
            }
        }
        v1.post("invoices") { request, _ in await guarded(request) { try await createInvoice(request) } }
        v1.get("invoices/{number}") { request, context in
            await guarded(request) {
                let number = try context.parameters.require("number")
                guard let document = try await gateway.invoice(number: number) else {
                    throw AdminError(error: "invoice: no invoice numbered '\(number)'", reason: .notFound)
                }
                return AdminInvoice(document, timeZone: timeZone)
            }
        }
        v1.get("invoices/{number}/pdf") { request, context in
            await guarded(request) {
                let number = try context.parameters.require("number")
                guard let document = try await gateway.invoice(number: number) else {
                    throw AdminError(error: "invoice: no invoice numbered '\(number)'", reason: .notFound)
                }
                let bytes = try gateway.invoicePDF(document, pageSize: request.uri.queryParameters.get("page") ?? "a4")
                return AdminFile(name: "invoice-\(number).pdf", contentType: "application/pdf", base64: Data(bytes).base64EncodedString())
            }
        }
        for change in ["void", "credit", "payments"] {
            v1.post("invoices/{number}/\(change)") { request, context in
                await guarded(request) { try await changeInvoice(try context.parameters.require("number"), change, request) }
            }
        }
        v1.get("statements/{peer}") { request, context in
            await guarded(request) { AdminStatement(try await gateway.statement(peerName: try context.parameters.require("peer"))) }
        }
        v1.get("aging") { request, _ in await guarded(request) { AdminAging(try await gateway.aging()) } }
        v1.get("received-invoices") { request, _ in
            await guarded(request) {
                let states: Set<ReceivedInvoiceRecord.State> = request.uri.queryParameters.get("state").map { text in
                    Set(text.split(separator: ",").compactMap { ReceivedInvoiceRecord.State(rawValue: String($0)) })
                } ?? [.flagged, .clean]
                return try await gateway.receivedInvoices(states: states).map(AdminReceivedInvoice.init)
            }
        }
        v1.post("received-invoices") { request, _ in await guarded(request) { try await recordReceivedInvoice(request) } }
        v1.post("received-invoices/{id}/approve") { request, context in
            await guarded(request) {
                let id = try context.parameters.require("id", as: Int64.self)
                let approval = try await decode(AdminApproval.self, from: request)
                let document = try await gateway.approveReceivedInvoice(id: id, by: approval.by, reviewed: approval.reviewed)
                logger.info("staff action", metadata: ["action": "received-invoice-approved", "received_invoice": .string(String(id))])
                return AdminReceivedInvoice(document)
            }
        }
        v1.post("received-invoices/export") { request, _ in
            await guarded(request) {
                let csv = try await gateway.exportReceivedInvoicesForPayment()
                logger.info("staff action", metadata: ["action": "received-invoices-exported"])
                return AdminCSV(csv: csv)
            }
        }
        // Patron data by nature: returned to the CLI for the ILS file, never logged.
        v1.get("patron-charges") { request, _ in await guarded(request) { AdminCSV(csv: try await gateway.patronChargesCSV()) } }
        v1.get("awaiting-bill") { request, _ in await guarded(request) { try await gateway.awaitingLendersBill().map(AdminTransaction.init) } }
    }

    private var timeZone: TimeZone { gateway.libraryTimeZone }

    private func addCharge(_ id: Int64, _ request: Request) async throws -> AdminCharge {
        let body = try await decode(AdminChargeRequest.self, from: request)
        guard let kindText = body.kind, let kind = ChargeRecord.Kind(rawValue: kindText) else {
            let kinds = ChargeRecord.Kind.allCases.filter { $0 != .adjustment && $0 != .waiver }.map(\.rawValue).joined(separator: ", ")
            throw AdminError(error: "kind: expected one of \(kinds)", reason: .badRequest)
        }
        guard let amount = body.amount else { throw AdminError(error: "amount: an amount like '12.50' is needed", reason: .badRequest) }
        let charge = try await gateway.addCharge(transactionID: id, kind: kind, amount: amount, note: body.note, by: body.by ?? "staff")
        logger.info("staff action", metadata: ["action": "charge-added", "tx": .string(String(id)), "charge": .string(String(charge.charge.id))])
        return AdminCharge(charge)
    }

    private func changeCharge(_ id: Int64, _ request: Request, waive: Bool) async throws -> AdminCharge {
        let body = try await decode(AdminChargeRequest.self, from: request)
        let by = body.by ?? "staff"
        let result: Gateway.ChargeBalance
        if waive {
            result = try await gateway.waiveCharge(id, reason: body.reason ?? "", staff: by)
        } else {
            guard let amount = body.amount else { throw AdminError(error: "amount: a signed amount like '-5.00' is needed", reason: .badRequest) }
            result = try await gateway.adjustCharge(id, by: amount, reason: body.reason ?? "", staff: by)
        }
        logger.info("staff action", metadata: ["action": .string(waive ? "charge-waived" : "charge-adjusted"), "charge": .string(String(id))])
        return AdminCharge(result)
    }

    private func createInvoice(_ request: Request) async throws -> AdminInvoice {
        let body = try await decode(AdminInvoiceRequest.self, from: request)
        guard let peer = body.peer else { throw AdminError(error: "peer: name the peer to invoice", reason: .badRequest) }
        let document = try await gateway.createInvoice(peerName: peer, through: body.through, note: body.note)
        logger.info(
            "staff action",
            metadata: ["action": "invoice-issued", "invoice": .string(document.invoice.number), "peer": .string(peer), "lines": .string(String(document.lines.count))]
        )
        return AdminInvoice(document, timeZone: timeZone)
    }

    private func changeInvoice(_ number: String, _ change: String, _ request: Request) async throws -> AdminInvoice {
        let body = try await decode(AdminInvoiceRequest.self, from: request)
        let document: InvoiceDocument
        switch change {
        case "void": document = try await gateway.voidInvoice(number: number, reason: body.reason ?? "")
        case "credit": document = try await gateway.creditInvoice(number: number, amount: body.amount, reason: body.reason ?? "")
        default:
            guard let amount = body.amount else { throw AdminError(error: "amount: the amount paid is needed", reason: .badRequest) }
            document = try await gateway.recordPayment(invoiceNumber: number, amount: amount, receivedOn: body.received, reference: body.reference, staff: body.by ?? "staff")
        }
        logger.info("staff action", metadata: ["action": .string("invoice-\(change)"), "invoice": .string(number)])
        return AdminInvoice(document, timeZone: timeZone)
    }

    private func recordReceivedInvoice(_ request: Request) async throws -> AdminReceivedInvoice {
        let input = try await decode(ReceivedInvoiceInput.self, from: request)
        let document = try await gateway.recordReceivedInvoice(input)
        logger.info(
            "staff action",
            metadata: [
                "action": "received-invoice-recorded", "received_invoice": .string(String(document.invoice.id)), "peer": .string(input.peerName),
                "state": .string(document.invoice.state.rawValue),
            ]
        )
        return AdminReceivedInvoice(document)
    }
}
