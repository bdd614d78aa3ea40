import Foundation
import ISO18626
import Policy
import Store
import Transactions

/// Bills what we lend, inside the write that changes the transaction: the loan or copy fee when it is sent,
/// and a lost or damaged loan when it ends (priced from the holding and the charges configuration, the copy
/// marked lost in the holdings). Used by staff actions, the borrower's Lost action and the long-overdue
/// sweep alike.
struct LendingBiller {
    let charges: LendingCharges
    let now: Date
    /// Who the charges are recorded as made by.
    let source: String

    init(policy: PolicyConfiguration?, now: Date, source: String) {
        self.charges = policy?.lending.charges ?? LendingCharges()
        self.now = now
        self.source = source
    }

    /// Bills `kind` on a lending transaction and returns what the message to the borrower carries.
    func bill(_ kind: LossKind, on transaction: TransactionRecord, _ writer: any StoreWriter) throws -> LossBill {
        let currency = CurrencyCode(charges.currency)
        let pricing = LossBilling(charges: charges)
        let priced: [LossCharge]
        switch kind {
        case .lost:
            let holding = try Self.holding(of: transaction, writer)
            let ownPrice = holding?.replacementCost.flatMap { $0.currency == currency ? $0.amount : nil }
            priced = pricing.lost(itemPrice: ownPrice, materialType: holding?.format)
            if let holding { try writer.setHoldingStatus(id: holding.id, .lost) }
        case .damaged:
            priced = pricing.damaged()
        }
        var lines: [String] = []
        var total = Money.zero(currency)
        for charge in priced {
            let amount = Money(exactly: charge.amount, currency)
            _ = try writer.insert(
                ChargeRecord(
                    transactionID: transaction.id,
                    side: .receivable,
                    peerName: transaction.peerName,
                    kind: ChargeRecord.Kind(charge.kind),
                    amount: amount,
                    note: charge.basis,
                    createdAt: now,
                    createdBy: source
                )
            )
            total = Money(exactly: total.amount + amount.amount, currency)
            lines.append("\(ChargeRecord.Kind(charge.kind).label) \(amount) (\(charge.basis))")
        }
        return LossBill(total: total, lines: lines)
    }

    /// Records the loan or copy fee (`[policy.lending.charges]` loan / copy, with the peer's group overrides)
    /// when a loan is shipped or a copy sent; nothing when it is free.
    func billService(loan: Bool, on transaction: TransactionRecord, peer: Peer?, _ writer: any StoreWriter) throws {
        let fee = charges.serviceCharge(loan: loan, groups: peer?.profile.groups ?? [])
        guard fee > 0 else { return }
        _ = try writer.insert(
            ChargeRecord(
                transactionID: transaction.id,
                side: .receivable,
                peerName: transaction.peerName,
                kind: loan ? .loanFee : .copyFee,
                amount: Money(exactly: fee, CurrencyCode(charges.currency)),
                note: loan ? "loan fee" : "copy fee",
                createdAt: now,
                createdBy: source
            )
        )
    }

    /// The copy a lending transaction is about: looked up from the request as received, preferring a copy
    /// on loan (the one we sent).
    static func holding(of transaction: TransactionRecord, _ writer: any StoreWriter) throws -> HoldingRecord? {
        guard let request = try receivedRequest(of: transaction, writer) else { return nil }
        let copies = try writer.holdings(matching: HoldingFacts.lookup(for: request))
        return copies.first { $0.status == .onLoan } ?? copies.first
    }

    /// The request as the borrower sent it.
    static func receivedRequest(of transaction: TransactionRecord, _ writer: any StoreWriter) throws -> Request? {
        let messages = try writer.messages(transactionID: transaction.id)
        let direction: MessageDirection = transaction.role == .supplier ? .inbound : .outbound
        guard let stored = messages.first(where: { $0.direction == direction && $0.kind == .request }),
            case .request(let request) = try? ISO18626Decoder().decode(stored.body).message
        else { return nil }
        return request
    }
}

extension ChargeRecord.Kind {
    init(_ kind: LossCharge.Kind) {
        switch kind {
        case .replacement: self = .replacement
        case .processingFee: self = .processingFee
        case .damageFee: self = .damageFee
        }
    }

    /// How the kind reads on an invoice line.
    var label: String {
        switch self {
        case .loanFee: "loan fee"
        case .copyFee: "copy fee"
        case .replacement: "replacement"
        case .processingFee: "processing fee"
        case .damageFee: "damage fee"
        case .peerCost: "lender's charge"
        case .other: "charge"
        case .adjustment: "adjustment"
        case .waiver: "waived"
        }
    }
}
