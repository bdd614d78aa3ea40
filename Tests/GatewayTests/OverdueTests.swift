import Foundation
import Gateway
import ISO18626
import Policy
import Store
import Testing
import Transactions

/// The lender's gateway watches its loans: once a due date has passed by `mark_overdue_after_days`, the loan
/// is marked Overdue and the borrower hears it, without staff noticing first.
@Suite struct OverdueTests {
    /// A lender that supplied and shipped one loan due in ten days; returns the pair and both transactions.
    static func shippedLoan(_ change: (inout PolicyConfiguration) -> Void = { _ in }) async throws -> (LibraryPair, lending: TransactionRecord, borrowing: TransactionRecord) {
        let pair = try LibraryPair(lenderPolicy: LendingPolicyWiringTests.lenderPolicy(change))
        try await LendingPolicyWiringTests.load([LendingPolicyWiringTests.holding()], into: pair.lender)
        let borrowing = try await pair.borrower.borrow(LibraryPair.borrowingRequest(.loan))
        try await pair.deliverAll()
        var lending = try await pair.lenderTransaction(for: borrowing)
        #expect(lending.state == SupplierState.willSupply.rawValue)
        let due = TimestampFormat.normalized(pair.clock.now.addingTimeInterval(10 * 86_400))
        lending = try await pair.lender.perform(SupplierCommand(.ship, dueDate: due), onTransaction: lending.id)
        try await pair.deliverAll()
        return (pair, lending, borrowing)
    }

    @Test func aLoanPastItsDueDateIsMarkedOverdueAfterTheGraceDaysAndTheBorrowerHears() async throws {
        let (pair, lending, borrowing) = try await Self.shippedLoan { $0.lending.markOverdueAfterDays = 2 }
        pair.clock.advance(days: 11)
        #expect(try await pair.lender.markOverdueLoans().isEmpty, "one day past due is within the two days' grace")
        pair.clock.advance(days: 1.5)
        let marked = try await pair.lender.markOverdueLoans()
        #expect(marked.map(\.id) == [lending.id])
        #expect(marked.first?.state == SupplierState.overdue.rawValue)
        try await pair.deliverAll()
        #expect(try await pair.refreshed(borrowing, at: pair.borrower).lastStatus == .overdue)
        #expect(try await pair.lender.store.events(transactionID: lending.id).map(\.event).last == "markOverdue")
        #expect(try await pair.lender.markOverdueLoans().isEmpty, "an overdue loan is marked once")
    }

    @Test func aLoanReturnedInTimeOrWithMarkingOffIsLeftAlone() async throws {
        let (off, _, _) = try await Self.shippedLoan { $0.lending.markOverdue = false }
        off.clock.advance(days: 30)
        #expect(try await off.lender.markOverdueLoans().isEmpty)

        let (pair, lending, borrowing) = try await Self.shippedLoan()
        _ = try await pair.borrower.perform(RequesterCommand(.markReceived), onTransaction: borrowing.id)
        _ = try await pair.borrower.perform(RequesterCommand(.shipReturn), onTransaction: borrowing.id)
        try await pair.deliverAll()
        #expect(try await pair.refreshed(lending, at: pair.lender).state == SupplierState.returnShipped.rawValue)
        pair.clock.advance(days: 30)
        #expect(try await pair.lender.markOverdueLoans().isEmpty)
    }
}
