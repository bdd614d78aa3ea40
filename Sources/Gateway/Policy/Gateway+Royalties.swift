import Foundation
import Policy
public import Store

/// Royalties for copies over the rule of five (`on_limit = "pay_royalty"`): the ledger records each fee as
/// estimated; when the library pays (to the CCC, or to the rights holder), staff mark the entries paid under
/// one payment batch id, which the ledger report then shows.
extension Gateway {
    /// Marks royalties paid under `batch`.
    ///
    /// Either the entries are named (`entryIDs`), each of which must be a royalty for a copy that arrived and is
    /// not paid yet, or every such royalty requested up to and including the calendar day `through`
    /// (`YYYY-MM-DD`, in `policy.timezone`) is taken.
    /// - Returns: the entries now marked paid.
    public func markRoyaltiesPaid(batch: String, entryIDs: [Int64], through: String?) async throws(StaffActionError) -> [LedgerEntryRecord] {
        let batch = batch.trimmingCharacters(in: .whitespaces)
        guard !batch.isEmpty else { throw StaffActionError(.incomplete, "a payment batch id is needed") }
        let cutoff: Date?
        switch (entryIDs.isEmpty, through) {
        case (true, nil):
            throw StaffActionError(.incomplete, "name the ledger entries to mark paid, or a --through date")
        case (false, .some):
            throw StaffActionError(.incomplete, "name ledger entries or a --through date, not both")
        case (_, .some(let day)):
            cutoff = try dayAfter(day)
        case (false, nil):
            cutoff = nil
        }
        return try await staffWrite { writer in
            var entries: [LedgerEntryRecord]
            if let cutoff {
                entries = try writer.unpaidRoyalties(requestedBefore: cutoff)
            } else {
                entries = try writer.ledgerEntries(ids: entryIDs)
                for id in entryIDs where !entries.contains(where: { $0.id == id }) {
                    throw StaffActionError(.notFound, "no copyright ledger entry \(id)")
                }
                for entry in entries {
                    guard entry.basis == "royalty" else {
                        throw StaffActionError(.notAllowed, "ledger entry \(entry.id) owes no royalty (basis \(entry.basis))")
                    }
                    guard entry.state == .filled else {
                        throw StaffActionError(.notAllowed, "ledger entry \(entry.id) is \(entry.state.rawValue): only a copy that arrived is paid for")
                    }
                    guard !entry.royaltyPaid else {
                        throw StaffActionError(.notAllowed, "ledger entry \(entry.id) was already paid in batch \(entry.paymentBatch ?? "?")")
                    }
                }
            }
            for index in entries.indices {
                entries[index].royaltyPaid = true
                entries[index].paymentBatch = batch
                try writer.update(entries[index])
            }
            return entries
        }
    }

    /// The start of the day after `day` (`YYYY-MM-DD`) in the library's time zone.
    private func dayAfter(_ day: String) throws(StaffActionError) -> Date {
        let calendar = (configuration.policy ?? PolicyConfiguration()).calendar
        guard let start = CalendarDay(iso: day)?.start(in: calendar), let next = calendar.date(byAdding: .day, value: 1, to: start) else {
            throw StaffActionError(.incomplete, "--through \(day): expected a date like 2026-12-31")
        }
        return next
    }
}
