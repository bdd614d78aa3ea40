import Foundation
import Gateway
import ISO18626
import Policy
import Store
import Testing
import Transactions

/// Lost and damaged loans billed both ways, the charges ledger, invoices we issue (numbers, voids,
/// credits, payments, statements, aging) and lenders' invoices we receive (matching, flags, approval).
@Suite("Money") struct MoneyTests {
    static let usd = CurrencyCode("USD")

    static func lenderPolicy() -> PolicyConfiguration {
        var policy = PolicyConfiguration()
        policy.lending.charges.loan = 0
        policy.lending.charges.copy = 0
        policy.lending.newMaterialEmbargoDays = 0
        policy.lending.charges.lostProcessingFee = 10
        policy.lending.charges.damageFee = 25
        policy.lending.charges.replacementCosts = ["book": 60]
        policy.lending.charges.defaultReplacementCost = 40
        policy.lending.billLostAfterDaysOverdue = 60
        return policy
    }

    static func pair(_ edition: Edition = .v2021, price: Money? = Money(exactly: 45, usd)) async throws -> LibraryPair {
        let pair = try LibraryPair(lenderEdition: edition, borrowerEdition: edition, lenderPolicy: lenderPolicy())
        let holding = HoldingRecord(
            isbns: ["9780142437247"], title: "Moby-Dick", titleKey: TitleKey.make("Moby-Dick"), format: "Book", location: "Main",
            status: .available, replacementCost: price
        )
        try await pair.lender.store.write { writer in try writer.replaceHoldings(with: [holding]) }
        return pair
    }

    /// A loan the borrower asked for with `maximumCosts` 20.00 USD, shipped, and received.
    static func receivedLoan(_ pair: LibraryPair, requestID: String? = nil) async throws -> (borrowing: TransactionRecord, lending: TransactionRecord) {
        var request = LibraryPair.borrowingRequest(.loan)
        request.requestID = requestID
        request.billingInfo = BillingInfo(maximumCosts: Costs(currencyCode: usd, monetaryValue: 20))
        let borrowing = try await pair.borrower.borrow(request)
        try await pair.deliverAll()
        let lending = try await pair.lenderTransaction(for: borrowing)
        #expect(lending.state == SupplierState.willSupply.rawValue)
        _ = try await pair.lender.perform(SupplierCommand(.ship, dueDate: pair.clock.now.addingTimeInterval(28 * 86_400), itemIDs: ["39001000123"]), onTransaction: lending.id)
        try await pair.deliverAll()
        _ = try await pair.borrower.perform(RequesterCommand(.markReceived), onTransaction: borrowing.id)
        try await pair.deliverAll()
        return (borrowing, try await pair.refreshed(lending, at: pair.lender))
    }

    static func outbound(_ gateway: Gateway, _ transaction: TransactionRecord) async throws -> [MessageRecord] {
        try await gateway.store.messages(transactionID: transaction.id).filter { $0.direction == .outbound }
    }

    @Test("2021: the borrower reports a loss; the lender answers CompletedWithoutReturn with the replacement cost; invoiced, approved, paid; both statements at zero")
    func lostItemBilledBothWays() async throws {
        let pair = try await Self.pair()
        let (borrowing, lending) = try await Self.receivedLoan(pair)

        _ = try await pair.borrower.perform(RequesterCommand(.reportLost, note: "Lost by the patron"), onTransaction: borrowing.id)
        #expect(try await pair.refreshed(borrowing, at: pair.borrower).state == RequesterState.awaitingBill.rawValue)
        await #expect(throws: StaffActionError.self) { try await pair.borrower.perform(RequesterCommand(.requestRenewal), onTransaction: borrowing.id) }
        do {
            _ = try await pair.borrower.perform(RequesterCommand(.requestRenewal), onTransaction: borrowing.id)
        } catch {
            #expect(error.message.contains("reported lost or damaged"))
        }
        #expect(try await pair.borrower.awaitingLendersBill().map(\.id) == [borrowing.id])
        try await pair.deliverAll()

        // The lender: CompletedWithoutReturn with 45.00 + 10.00 in deliveryCosts, the copy lost, the charges recorded.
        #expect(try await pair.refreshed(lending, at: pair.lender).state == SupplierState.completedWithoutReturn.rawValue)
        let closing = try #require(try await Self.outbound(pair.lender, lending).last)
        #expect(closing.body.contains("CompletedWithoutReturn"))
        #expect(closing.body.contains("<deliveryCosts>") && closing.body.contains("<monetaryValue>55</monetaryValue>"))
        let lenderCharges = try await pair.lender.charges(transactionID: lending.id)
        #expect(lenderCharges.map(\.charge.kind) == [.replacement, .processingFee])
        #expect(lenderCharges.map(\.balance.description) == ["45.00 USD", "10.00 USD"])
        let copies = try await pair.lender.store.write { writer in try writer.holdings(matching: HoldingLookup(isbns: ["9780142437247"])) }
        #expect(copies.map(\.status) == [.lost])
        await #expect(throws: StaffActionError.self) { try await pair.lender.perform(SupplierCommand(.recall), onTransaction: lending.id) }

        // The borrower: the charge recorded against the transaction and flagged (above maximumCosts).
        #expect(try await pair.refreshed(borrowing, at: pair.borrower).state == RequesterState.completedWithoutReturn.rawValue)
        let stated = try await pair.borrower.charges(transactionID: borrowing.id)
        #expect(stated.map(\.balance.description) == ["55.00 USD"])
        #expect(stated.first?.charge.side == .payable)
        #expect(stated.first?.charge.flag?.contains("above the 20.00 USD we accepted") == true)

        // The lender invoices it.
        let invoice = try await pair.lender.createInvoice(peerName: "borrower")
        #expect(invoice.invoice.number == "2026-0001")
        #expect(invoice.lines.map(\.requestID) == [borrowing.requestingAgencyRequestID, borrowing.requestingAgencyRequestID])
        #expect(invoice.lines.first?.itemID == "39001000123")
        #expect(invoice.invoice.total.description == "55.00 USD")

        // The borrower records it (clean: it matches what the lender stated), approves and exports it.
        let received = try await pair.borrower.recordReceivedInvoice(
            ReceivedInvoiceInput(
                peerName: "lender", number: invoice.invoice.number, date: "2026-11-18", currency: "USD",
                lines: [.init(requestID: borrowing.requestingAgencyRequestID, description: "Replacement and processing", amount: "55.00")]
            )
        )
        #expect(received.invoice.state == .clean, "\(received.lines.flatMap(\.flags))")
        #expect(received.lines.first?.transactionID == borrowing.id)
        #expect(try await pair.borrower.receivedInvoices(states: [.flagged, .clean]).count == 1)
        #expect(try await pair.borrower.awaitingLendersBill().isEmpty)
        let approved = try await pair.borrower.approveReceivedInvoice(id: received.invoice.id, by: "ann", reviewed: false)
        #expect(approved.invoice.approvedBy == "ann" && approved.invoice.approvedAt != nil)
        let export = try await pair.borrower.exportReceivedInvoicesForPayment()
        #expect(export.contains("lender,2026-0001,2026-11-18,55.00,USD,ann"))
        #expect(try await pair.borrower.exportReceivedInvoicesForPayment().split(separator: "\r\n").count == 1, "exported once")
        let patronFile = try await pair.borrower.patronChargesCSV()
        #expect(patronFile.contains("P-1001") && patronFile.contains("55.00,USD"))

        // The lender records the payment, in two parts.
        _ = try await pair.lender.recordPayment(invoiceNumber: "2026-0001", amount: "20.00", receivedOn: "2026-11-20", reference: "chq 1", staff: "bo")
        #expect(try await pair.lender.unpaidInvoices().map(\.balance.description) == ["35.00 USD"])
        let paid = try await pair.lender.recordPayment(invoiceNumber: "2026-0001", amount: "35.00", receivedOn: nil, reference: nil, staff: "bo")
        #expect(paid.balance.description == "0.00 USD")
        #expect(try await pair.lender.unpaidInvoices().isEmpty)

        let lenderStatement = try await pair.lender.statement(peerName: "borrower")
        #expect(lenderStatement.receivableOutstanding.description == "0.00 USD")
        #expect(lenderStatement.notYetInvoiced.description == "0.00 USD")
        #expect(lenderStatement.receivable.map(\.entry) == ["invoice", "payment", "payment"])
        let borrowerStatement = try await pair.borrower.statement(peerName: "lender")
        #expect(borrowerStatement.payableOutstanding.description == "0.00 USD")
    }

    @Test("1.2: the loss goes as a Notification; the lender's staff mark it lost, and the bill arrives the same way")
    func lostItemWithA12Peer() async throws {
        let pair = try await Self.pair(.v1_2)
        let (borrowing, lending) = try await Self.receivedLoan(pair)
        _ = try await pair.borrower.perform(RequesterCommand(.reportLost, note: "Lost by the patron"), onTransaction: borrowing.id)
        try await pair.deliverAll()
        let told = try #require(try await Self.outbound(pair.borrower, borrowing).last)
        #expect(told.body.contains("<action>Notification</action>") && told.body.contains("[Lost] Lost by the patron"))
        #expect(try await pair.refreshed(lending, at: pair.lender).state == SupplierState.received.rawValue)

        _ = try await pair.lender.perform(SupplierCommand(.markLost), onTransaction: lending.id)
        try await pair.deliverAll()
        #expect(try await pair.refreshed(borrowing, at: pair.borrower).state == RequesterState.completedWithoutReturn.rawValue)
        #expect(try await pair.borrower.charges(transactionID: borrowing.id).map(\.balance.description) == ["55.00 USD"])
    }

    @Test("A damaged return: the borrower says so, sends it back, and the lender checks it in with the damage fee")
    func damagedReturn() async throws {
        let pair = try await Self.pair()
        let (borrowing, lending) = try await Self.receivedLoan(pair)
        _ = try await pair.borrower.perform(RequesterCommand(.reportDamaged, note: "Water damage"), onTransaction: borrowing.id)
        #expect(try await pair.refreshed(borrowing, at: pair.borrower).state == RequesterState.awaitingBill.rawValue)
        _ = try await pair.borrower.perform(RequesterCommand(.shipReturn), onTransaction: borrowing.id)
        try await pair.deliverAll()
        let told = try await Self.outbound(pair.borrower, borrowing).map(\.body)
        #expect(told.contains { $0.contains("[Damaged] Water damage") })
        #expect(try await pair.refreshed(lending, at: pair.lender).state == SupplierState.returnShipped.rawValue)

        _ = try await pair.lender.perform(SupplierCommand(.markDamaged), onTransaction: lending.id)
        try await pair.deliverAll()
        #expect(try await pair.refreshed(lending, at: pair.lender).state == SupplierState.loanCompleted.rawValue)
        #expect(try await pair.lender.charges(transactionID: lending.id).map(\.balance.description) == ["25.00 USD"])
        #expect(try await pair.refreshed(borrowing, at: pair.borrower).state == RequesterState.completed.rawValue)
        #expect(try await pair.borrower.charges(transactionID: borrowing.id).map(\.balance.description) == ["25.00 USD"])

        // The lender's bill for an item we returned is flagged, and approved only once reviewed.
        let invoice = try await pair.lender.createInvoice(peerName: "borrower")
        let received = try await pair.borrower.recordReceivedInvoice(
            ReceivedInvoiceInput(
                peerName: "lender", number: invoice.invoice.number, date: "2026-11-18", currency: "USD",
                lines: [.init(requestID: borrowing.requestingAgencyRequestID, description: "Damage", amount: "25.00")]
            )
        )
        #expect(received.invoice.state == .flagged)
        #expect(received.lines.first?.flags.contains("a charge for an item we returned") == true)
        await #expect(throws: StaffActionError.self) { try await pair.borrower.approveReceivedInvoice(id: received.invoice.id, by: "ann", reviewed: false) }
        #expect(try await pair.borrower.approveReceivedInvoice(id: received.invoice.id, by: "ann", reviewed: true).invoice.state == .approved)
    }

    @Test("A loan long overdue is billed as lost by the sweep, at the material type's replacement cost")
    func longOverdueIsBilled() async throws {
        let pair = try await Self.pair(price: nil)
        let (borrowing, lending) = try await Self.receivedLoan(pair)
        pair.clock.advance(days: 60)
        #expect(try await pair.lender.billLongOverdueLoans().isEmpty, "28 + 60 days: 32 days overdue, not yet 60")
        pair.clock.advance(days: 30)
        #expect(try await pair.lender.billLongOverdueLoans().map(\.id) == [lending.id])
        try await pair.deliverAll()
        #expect(try await pair.lender.charges(transactionID: lending.id).map(\.balance.description) == ["60.00 USD", "10.00 USD"])
        #expect(try await pair.refreshed(borrowing, at: pair.borrower).state == RequesterState.completedWithoutReturn.rawValue)
        #expect(try await pair.lender.billLongOverdueLoans().isEmpty, "billed once")
    }

    @Test("Charges: added, adjusted with a reason, waived; never edited; an invoiced charge changes only by a credit note")
    func chargesLedger() async throws {
        let pair = try await Self.pair()
        let (_, lending) = try await Self.receivedLoan(pair)
        let fee = try await pair.lender.addCharge(transactionID: lending.id, kind: .loanFee, amount: "12.50", note: "courier", by: "ann")
        let adjusted = try await pair.lender.adjustCharge(fee.charge.id, by: "-2.50", reason: "agreed discount", staff: "ann")
        #expect(adjusted.balance.description == "10.00 USD")
        let waived = try await pair.lender.waiveCharge(fee.charge.id, reason: "reciprocal partner", staff: "ann")
        #expect(waived.balance.description == "0.00 USD")
        #expect(waived.changes.map(\.kind) == [.adjustment, .waiver])
        await #expect(throws: StaffActionError.self) { try await pair.lender.createInvoice(peerName: "borrower") }

        // Gapless numbers; a void keeps its number and frees its charges; a credit note takes the next number.
        _ = try await pair.lender.addCharge(transactionID: lending.id, kind: .other, amount: "30.00 USD", note: nil, by: "ann")
        let first = try await pair.lender.createInvoice(peerName: "borrower")
        await #expect(throws: StaffActionError.self) { try await pair.lender.waiveCharge(first.lines[0].chargeID ?? 0, reason: "x", staff: "ann") }
        let voided = try await pair.lender.voidInvoice(number: first.invoice.number, reason: "wrong peer")
        #expect(voided.isVoid && voided.invoice.number == "2026-0001")
        let second = try await pair.lender.createInvoice(peerName: "borrower")
        #expect(second.invoice.number == "2026-0002")
        let credit = try await pair.lender.creditInvoice(number: "2026-0002", amount: "5.00", reason: "goodwill")
        #expect(credit.invoice.number == "2026-0003" && credit.invoice.kind == .creditNote)
        #expect(try await pair.lender.invoice(number: "2026-0002")?.balance.description == "25.00 USD")
        let aging = try await pair.lender.aging()
        #expect(aging.rows.map(\.current.description) == ["25.00 USD"])
        pair.clock.advance(days: 95)
        #expect(try await pair.lender.aging().rows.map(\.days90.description) == ["25.00 USD"])
    }

    @Test("Bad input is refused with the field named, and nothing changes")
    func badInput() async throws {
        let pair = try await Self.pair()
        let (borrowing, lending) = try await Self.receivedLoan(pair)
        func refusal(_ work: () async throws -> Void) async -> String {
            do {
                try await work()
                return "accepted"
            } catch let error as StaffActionError {
                return error.message
            } catch {
                return "\(error)"
            }
        }
        #expect(await refusal { _ = try await pair.lender.addCharge(transactionID: lending.id, kind: .other, amount: "-5.00", note: nil, by: "a") }.hasPrefix("amount:"))
        #expect(await refusal { _ = try await pair.lender.addCharge(transactionID: lending.id, kind: .other, amount: "5.00 XYZ", note: nil, by: "a") }
            .contains("'XYZ' is not an active ISO 4217"))
        #expect(await refusal { _ = try await pair.lender.addCharge(transactionID: lending.id, kind: .other, amount: "5.001", note: nil, by: "a") }
            .hasPrefix("amount:"))
        #expect(await refusal { _ = try await pair.lender.addCharge(transactionID: 999, kind: .other, amount: "5.00", note: nil, by: "a") }.hasPrefix("transaction:"))
        #expect(try await pair.lender.charges(transactionID: lending.id).isEmpty)

        func line(_ requestID: String, _ amount: String) -> ReceivedInvoiceInput.Line { .init(requestID: requestID, description: "", amount: amount) }
        let ours = borrowing.requestingAgencyRequestID
        #expect(await refusal { _ = try await pair.borrower.recordReceivedInvoice(.init(peerName: "lender", number: "A1", date: "2026-11-18", currency: "USD", lines: [line("NOPE-1", "5.00")])) }
            .hasPrefix("lines:"))
        #expect(await refusal { _ = try await pair.borrower.recordReceivedInvoice(.init(peerName: "lender", number: "A1", date: "2026-11-18", currency: "USD", lines: [line(ours, "-3.00")])) }
            .hasPrefix("lines[1].amount:"))
        #expect(await refusal { _ = try await pair.borrower.recordReceivedInvoice(.init(peerName: "lender", number: "A1", date: "2026-11-18", currency: "ABC", lines: [line(ours, "3.00")])) }
            .hasPrefix("currency:"))
        #expect(await refusal { _ = try await pair.borrower.recordReceivedInvoice(.init(peerName: "lender", number: "A1", date: "18/11/2026", currency: "USD", lines: [line(ours, "3.00")])) }
            .hasPrefix("date:"))
        #expect(try await pair.borrower.receivedInvoices(states: Set(ReceivedInvoiceRecord.State.allCases)).isEmpty)

        // A line for an unknown transaction beside a known one is flagged, not refused; the number cannot come twice.
        let mixed = try await pair.borrower.recordReceivedInvoice(
            .init(peerName: "lender", number: "A1", date: "2026-11-18", currency: "EUR", lines: [line(ours, "30.00"), line("NOPE-1", "5.00")])
        )
        #expect(mixed.invoice.state == .flagged)
        #expect(mixed.lines[0].flags.contains { $0.contains("currency EUR was not agreed") })
        #expect(mixed.lines[0].flags.contains { $0.contains("above the 20.00") } == false, "a different currency is not compared")
        #expect(mixed.lines[1].flags.contains { $0.hasPrefix("unknown transaction") })
        #expect(await refusal { _ = try await pair.borrower.recordReceivedInvoice(.init(peerName: "lender", number: "A1", date: "2026-11-18", currency: "USD", lines: [line(ours, "3.00")])) }
            .contains("duplicate invoice number"))
        let over = try await pair.borrower.recordReceivedInvoice(
            .init(peerName: "lender", number: "A2", date: "2026-11-18", currency: "USD", lines: [line(ours, "30.00")])
        )
        #expect(over.lines[0].flags.contains { $0.contains("above the 20.00 USD we accepted") })
        #expect(try await pair.borrower.receivedInvoices(states: Set(ReceivedInvoiceRecord.State.allCases)).count == 2)

        // A payment beyond the balance.
        _ = try await pair.lender.addCharge(transactionID: lending.id, kind: .other, amount: "30.00", note: nil, by: "a")
        let invoice = try await pair.lender.createInvoice(peerName: "borrower")
        _ = try await pair.lender.recordPayment(invoiceNumber: invoice.invoice.number, amount: "25.00", receivedOn: nil, reference: nil, staff: "a")
        #expect(await refusal { _ = try await pair.lender.recordPayment(invoiceNumber: invoice.invoice.number, amount: "10.00", receivedOn: nil, reference: nil, staff: "a") }
            .contains("amount: 10.00 USD is more than the balance 5.00 USD"))
        #expect(try await pair.lender.invoice(number: invoice.invoice.number)?.payments.count == 1)

        // A lost report for a transaction never received.
        let fresh = try await pair.borrower.borrow(LibraryPair.borrowingRequest(.loan, title: "Typee"))
        #expect(await refusal { _ = try await pair.borrower.perform(RequesterCommand(.reportLost), onTransaction: fresh.id) }.contains("reportLost is not possible"))
        #expect(try await pair.refreshed(fresh, at: pair.borrower).state == RequesterState.requested.rawValue)
    }
}
