public import Foundation
public import ISO18626
import Policy
public import Store
import Transactions

/// The charges ledger: staff add, adjust (with a reason) and waive charges. Nothing is changed or
/// deleted; every change is a new entry, and a charge on an issued invoice is changed only by crediting
/// the invoice.
extension Gateway {
    /// A charge with the entries that changed it and what is left of it.
    public struct ChargeBalance: Hashable, Sendable {
        /// The charge as first recorded.
        public var charge: ChargeRecord
        /// Adjustments and waivers, oldest first.
        public var changes: [ChargeRecord]
        /// The charge's amount with its changes.
        public var balance: Money
        /// The issued invoice it is on, if any.
        public var invoiceNumber: String?
    }

    /// A transaction's charges, each with its balance.
    public func charges(transactionID: Int64) async throws -> [ChargeBalance] {
        try await store.readMoney { reader in
            let entries = try reader.charges(transactionID: transactionID)
            return try Self.balances(entries, reader)
        }
    }

    /// Charges on one side (for one peer or all), with balances; `flaggedOnly` keeps those needing review.
    public func charges(side: ChargeRecord.Side, peerName: String? = nil, flaggedOnly: Bool = false) async throws -> [ChargeBalance] {
        try await store.readMoney { reader in
            let balances = try Self.balances(try reader.charges(side: side, peerName: peerName), reader)
            return flaggedOnly ? balances.filter { $0.charge.flag != nil } : balances
        }
    }

    /// Adds a charge to a transaction: receivable when we lend, payable when we borrow.
    /// - Parameters:
    ///   - amount: `12.50` (in the `[billing]` currency) or `12.50 USD`.
    ///   - by: who, for the ledger.
    public func addCharge(
        transactionID: Int64,
        kind: ChargeRecord.Kind,
        amount: String,
        note: String?,
        by: String
    ) async throws(StaffActionError) -> ChargeBalance {
        guard ![.adjustment, .waiver].contains(kind) else {
            throw StaffActionError(.invalidInput, "kind: \(kind.rawValue) changes a charge; use adjust or waive")
        }
        let money = try parseMoney(amount, field: "amount")
        guard money.amount > 0 else { throw StaffActionError(.invalidInput, "amount: a charge must be more than zero") }
        let now = self.now
        return try await staffWrite { writer in
            guard let transaction = try writer.transaction(id: transactionID) else {
                throw StaffActionError(.notFound, "transaction: no transaction \(transactionID)")
            }
            let charge = try writer.insert(
                ChargeRecord(
                    transactionID: transaction.id,
                    side: transaction.role == .supplier ? .receivable : .payable,
                    peerName: transaction.peerName,
                    kind: kind,
                    amount: money,
                    note: note,
                    createdAt: now,
                    createdBy: "staff:\(by)"
                )
            )
            return ChargeBalance(charge: charge, changes: [], balance: money, invoiceNumber: nil)
        }
    }

    /// Changes a charge by a signed amount, with the reason; the result may not fall below zero.
    public func adjustCharge(_ chargeID: Int64, by delta: String, reason: String, staff: String) async throws(StaffActionError) -> ChargeBalance {
        let reason = reason.trimmingCharacters(in: .whitespaces)
        guard !reason.isEmpty else { throw StaffActionError(.incomplete, "reason: say why the charge changes") }
        let change = try parseMoney(delta, field: "amount", allowNegative: true)
        guard change.amount != 0 else { throw StaffActionError(.invalidInput, "amount: an adjustment of zero changes nothing") }
        return try await changeCharge(chargeID, kind: .adjustment, reason: reason, staff: staff) { balance throws(StaffActionError) in
            guard change.currency == balance.currency else {
                throw StaffActionError(.invalidInput, "amount: the charge is in \(balance.currency.value), not \(change.currency.value)")
            }
            guard balance.amount + change.amount >= 0 else {
                throw StaffActionError(.invalidInput, "amount: \(change) would take the charge below zero (it is \(balance)); waive it instead")
            }
            return change
        }
    }

    /// Waives what is left of a charge, with the reason.
    public func waiveCharge(_ chargeID: Int64, reason: String, staff: String) async throws(StaffActionError) -> ChargeBalance {
        let reason = reason.trimmingCharacters(in: .whitespaces)
        guard !reason.isEmpty else { throw StaffActionError(.incomplete, "reason: say why the charge is waived") }
        return try await changeCharge(chargeID, kind: .waiver, reason: reason, staff: staff) { balance throws(StaffActionError) in
            guard balance.amount != 0 else { throw StaffActionError(.notAllowed, "charge \(chargeID): nothing is left to waive") }
            return balance.negated
        }
    }

    private func changeCharge(
        _ chargeID: Int64,
        kind: ChargeRecord.Kind,
        reason: String,
        staff: String,
        amount: @escaping @Sendable (Money) throws(StaffActionError) -> Money
    ) async throws(StaffActionError) -> ChargeBalance {
        let now = self.now
        return try await staffWrite { writer in
            guard let charge = try writer.charge(id: chargeID) else { throw StaffActionError(.notFound, "charge: no charge \(chargeID)") }
            guard charge.adjusts == nil else {
                throw StaffActionError(.notAllowed, "charge \(chargeID) is itself a change of charge \(charge.adjusts ?? 0): change that one")
            }
            let current = try Self.balances(try writer.charges(transactionID: charge.transactionID), writer).first { $0.charge.id == chargeID }
            guard let current else { throw StaffActionError(.notFound, "charge: no charge \(chargeID)") }
            if let number = current.invoiceNumber {
                throw StaffActionError(.notAllowed, "charge \(chargeID) is on invoice \(number), which cannot change: credit the invoice instead")
            }
            let entry = try writer.insert(
                ChargeRecord(
                    transactionID: charge.transactionID,
                    side: charge.side,
                    peerName: charge.peerName,
                    kind: kind,
                    amount: try amount(current.balance),
                    adjusts: charge.id,
                    note: reason,
                    createdAt: now,
                    createdBy: "staff:\(staff)"
                )
            )
            return ChargeBalance(
                charge: charge,
                changes: current.changes + [entry],
                balance: Money(exactly: current.balance.amount + entry.amount.amount, current.balance.currency),
                invoiceNumber: nil
            )
        }
    }

    /// Groups ledger entries into charges with their changes and balances.
    static func balances(_ entries: [ChargeRecord], _ reader: any MoneyStoreReader) throws -> [ChargeBalance] {
        var numbers: [Int64: String] = [:]
        for peer in Set(entries.map(\.peerName)) {
            numbers.merge(try reader.invoicedCharges(peerName: peer)) { first, _ in first }
        }
        return entries.filter { $0.adjusts == nil }.map { root in
            let changes = entries.filter { $0.adjusts == root.id }
            let balance = changes.reduce(root.amount.amount) { $0 + $1.amount.amount }
            return ChargeBalance(charge: root, changes: changes, balance: Money(exactly: balance, root.amount.currency), invoiceNumber: numbers[root.id])
        }
    }

    /// Reads `12.50` (in the billing currency) or `12.50 USD`, as a staff action's input.
    func parseMoney(_ text: String, field: String, allowNegative: Bool = false) throws(StaffActionError) -> Money {
        do {
            let trimmed = text.trimmingCharacters(in: .whitespaces)
            if trimmed.contains(" ") {
                return try Money.parse(trimmed, field: field, allowNegative: allowNegative)
            }
            return try Money.parse(amount: trimmed, currency: CurrencyCode(configuration.billing.currency), field: field, allowNegative: allowNegative)
        } catch {
            throw StaffActionError(.invalidInput, error.description)
        }
    }

    /// The start of a calendar day (`YYYY-MM-DD`) in the library's time zone.
    func day(_ text: String, field: String) throws(StaffActionError) -> Date {
        let calendar = (configuration.policy ?? PolicyConfiguration()).calendar
        guard let start = CalendarDay(iso: text)?.start(in: calendar) else {
            throw StaffActionError(.invalidInput, "\(field): expected a date like 2026-12-31, found '\(text)'")
        }
        return start
    }

    /// The library's calendar (UTC without a policy).
    public var libraryCalendar: Calendar { (configuration.policy ?? PolicyConfiguration()).calendar }

    /// The library's time zone (`[policy] timezone`; UTC without a policy): invoices print their dates in it.
    public var libraryTimeZone: TimeZone { libraryCalendar.timeZone }
}
