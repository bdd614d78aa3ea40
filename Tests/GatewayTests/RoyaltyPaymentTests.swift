import Foundation
import Gateway
import ISO18626
import Policy
import Store
import Testing
import Transactions

/// Royalties for copies over the rule of five are owed once the copy arrives; staff mark them paid under a
/// payment batch, by entry or for everything requested up to a day.
@Suite struct RoyaltyPaymentTests {
    @Test func royaltiesOfArrivedCopiesAreMarkedPaidByEntryOrByDay() async throws {
        var lending = LendingPolicyWiringTests.lenderPolicy()
        lending.lending.redFlags.sameTitlePerPeerMax = 20
        lending.lending.redFlags.sameIssueArticlesMax = 20
        let pair = try LibraryPair(lenderPolicy: lending, borrowerPolicy: BorrowingPolicyWiringTests.borrowerPolicy())
        try await LendingPolicyWiringTests.load(
            [HoldingRecord(issns: ["1050-4125"], title: "Journal of Synthetic Examples", titleKey: TitleKey.make("Journal of Synthetic Examples"))],
            into: pair.lender
        )
        for number in 1...8 {
            let (result, _) = try await pair.borrower.submit(BorrowingPolicyWiringTests.article(number))
            guard case .sent = result else { Issue.record("article \(number) was not sent: \(result)"); return }
        }
        try await pair.deliverAll()
        // The lender sends articles 1 to 7; the eighth is still on its way.
        for lendingTransaction in try await pair.lender.store.transactions(matching: TransactionFilter(role: .supplier))
        where lendingTransaction.title != "Article number 8" {
            #expect(lendingTransaction.state == SupplierState.willSupply.rawValue, "\(lendingTransaction.title ?? "")")
            _ = try await pair.lender.perform(SupplierCommand(.sendCopy, url: "https://example.org/a.pdf"), onTransaction: lendingTransaction.id)
        }
        try await pair.deliverAll()

        let year = CalendarDay(pair.clock.now, in: BorrowingPolicyWiringTests.borrowerPolicy().calendar).year
        let ledger = try await pair.borrower.store.ledger(year: year)
        #expect(ledger.map(\.basis) == Array(repeating: "guideline", count: 5) + ["royalty", "royalty", "royalty"])
        #expect(ledger.map(\.state) == Array(repeating: .filled, count: 7) + [.reserved])
        let guideline = ledger[0].id, sixth = ledger[5].id, seventh = ledger[6].id, eighth = ledger[7].id

        // What cannot be paid is refused, naming the entry; nothing changes.
        await #expect(throws: StaffActionError.self) { try await pair.borrower.markRoyaltiesPaid(batch: " ", entryIDs: [sixth], through: nil) }
        await #expect(throws: StaffActionError.self) { try await pair.borrower.markRoyaltiesPaid(batch: "CCC-1", entryIDs: [], through: nil) }
        await #expect(throws: StaffActionError.self) { try await pair.borrower.markRoyaltiesPaid(batch: "CCC-1", entryIDs: [sixth], through: "2026-12-31") }
        for (id, expected) in [(guideline, "owes no royalty"), (eighth, "only a copy that arrived"), (999, "no copyright ledger entry 999")] {
            do {
                _ = try await pair.borrower.markRoyaltiesPaid(batch: "CCC-1", entryIDs: [sixth, id], through: nil)
                Issue.record("entry \(id) was paid")
            } catch {
                #expect(error.message.contains(expected), "\(error.message)")
            }
        }
        await #expect(throws: StaffActionError.self) { try await pair.borrower.markRoyaltiesPaid(batch: "CCC-1", entryIDs: [], through: "2026-02-30") }
        #expect(try await pair.borrower.store.ledger(year: year).allSatisfy { !$0.royaltyPaid })

        // By entry, then everything else up to today: the copy still in flight is not owed yet.
        #expect(try await pair.borrower.markRoyaltiesPaid(batch: "CCC-1", entryIDs: [sixth], through: nil).map(\.id) == [sixth])
        do {
            _ = try await pair.borrower.markRoyaltiesPaid(batch: "CCC-2", entryIDs: [sixth], through: nil)
            Issue.record("a paid royalty was paid again")
        } catch {
            #expect(error.message.contains("already paid in batch CCC-1"))
        }
        let today = CalendarDay(pair.clock.now, in: BorrowingPolicyWiringTests.borrowerPolicy().calendar)
        let throughToday = String(format: "%04d-%02d-%02d", today.year, today.month, today.day)
        #expect(try await pair.borrower.markRoyaltiesPaid(batch: "CCC-2", entryIDs: [], through: throughToday).map(\.id) == [seventh])
        #expect(try await pair.borrower.markRoyaltiesPaid(batch: "CCC-3", entryIDs: [], through: throughToday).isEmpty)

        let after = try await pair.borrower.store.ledger(year: year)
        #expect(after.map(\.royaltyPaid) == [false, false, false, false, false, true, true, false])
        #expect(after.map(\.paymentBatch) == [nil, nil, nil, nil, nil, "CCC-1", "CCC-2", nil])
    }
}
