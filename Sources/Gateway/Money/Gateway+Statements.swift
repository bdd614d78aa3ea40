import Foundation
import ISO18626
import Store

/// Statements per peer (both ways) and the aging report of unpaid invoices.
extension Gateway {
    /// The statement between us and one peer, both ways.
    public func statement(peerName: String) async throws(StaffActionError) -> PeerStatement {
        guard configuration.peers.peer(named: peerName) != nil else {
            throw StaffActionError(.unknownPeer, "peer: no peer named '\(peerName)' is configured")
        }
        let billing = configuration.billing
        let currency = CurrencyCode(billing.currency)
        do {
            return try await store.readMoney { reader in
                var receivable: [PeerStatement.Line] = []
                var owed = Decimal(0)
                for invoice in try reader.invoices(peerName: peerName) {
                    let document = try Self.document(invoice, billing: billing, reader)
                    let entry = invoice.kind == .invoice ? "invoice" : "credit note"
                    receivable.append(.init(date: invoice.issuedAt, entry: entry, reference: invoice.number, amount: invoice.total))
                    for payment in document.payments {
                        receivable.append(
                            .init(date: payment.receivedOn, entry: "payment", reference: payment.reference ?? invoice.number, amount: payment.amount.negated)
                        )
                    }
                    if let voided = invoice.voidedAt {
                        receivable.append(.init(date: voided, entry: "void", reference: invoice.number, amount: invoice.total.negated))
                    }
                    if invoice.kind == .invoice { owed += document.balance.amount }
                }
                let open = try Self.balances(try reader.charges(side: .receivable, peerName: peerName), reader)
                    .filter { $0.invoiceNumber == nil && $0.balance.currency == currency }
                    .reduce(Decimal(0)) { $0 + $1.balance.amount }
                var payable: [PeerStatement.Line] = []
                var due = Decimal(0)
                for invoice in try reader.receivedInvoices(states: Set(ReceivedInvoiceRecord.State.allCases)) where invoice.peerName == peerName {
                    payable.append(.init(date: invoice.invoiceDate, entry: "received invoice", reference: invoice.number, amount: invoice.total))
                    if let approved = invoice.approvedAt {
                        payable.append(.init(date: approved, entry: "approved by \(invoice.approvedBy ?? "?")", reference: invoice.number, amount: .zero(invoice.total.currency)))
                    }
                    if let exported = invoice.exportedAt {
                        payable.append(.init(date: exported, entry: "exported for payment", reference: invoice.number, amount: invoice.total.negated))
                    } else if invoice.total.currency == currency {
                        due += invoice.total.amount
                    }
                }
                return PeerStatement(
                    peerName: peerName,
                    currency: currency,
                    receivable: receivable.sorted { $0.date < $1.date },
                    receivableOutstanding: Money(exactly: owed, currency),
                    notYetInvoiced: Money(exactly: open, currency),
                    payable: payable.sorted { $0.date < $1.date },
                    payableOutstanding: Money(exactly: due, currency)
                )
            }
        } catch let error as StaffActionError {
            throw error
        } catch {
            throw StaffActionError(.storage, "the statement could not be read: \(error)")
        }
    }

    /// Unpaid invoices by peer and age.
    public func aging() async throws -> AgingReport {
        let now = self.now
        let currency = CurrencyCode(configuration.billing.currency)
        var rows: [String: [Decimal]] = [:]
        for document in try await unpaidInvoices() where document.balance.currency == currency {
            let days = Int(now.timeIntervalSince(document.invoice.issuedAt) / 86_400)
            let bucket = days < 30 ? 0 : days < 60 ? 1 : days < 90 ? 2 : 3
            rows[document.invoice.peerName, default: [0, 0, 0, 0]][bucket] += document.balance.amount
        }
        return AgingReport(
            asOf: now,
            rows: rows.keys.sorted().map { peer in
                let buckets = rows[peer] ?? [0, 0, 0, 0]
                let money = buckets.map { Money(exactly: $0, currency) }
                return AgingReport.Row(
                    peerName: peer,
                    current: money[0],
                    days30: money[1],
                    days60: money[2],
                    days90: money[3],
                    total: Money(exactly: buckets.reduce(0, +), currency)
                )
            }
        )
    }
}
