import Foundation
import ISO18626
import Policy
import Store
import Transactions

/// What the renewal rules (R01–R03) are given for one of our loans: its state, due date, renewals used
/// and whether someone here holds the item. Shared by the inbound `Renew` and `illgate policy explain`.
enum RenewalFacts {
    /// The loan state the rules see, or `nil` for a state a renewal makes no sense in.
    static func loanState(_ state: SupplierState) -> RenewalInput.LoanState? {
        switch state {
        case .loaned, .received: .loaned
        case .overdue: .overdue
        case .recalled: .recalled
        default: nil
        }
    }

    /// The renewal input for `transaction` in `state`, read inside the caller's write.
    static func input(
        for transaction: TransactionRecord,
        state: RenewalInput.LoanState,
        facts: TransactionPolicyRecord,
        now: Date,
        _ writer: any StoreWriter
    ) throws -> RenewalInput {
        var hasLocalHold = false
        if let stored = try writer.messages(transactionID: transaction.id).first(where: { $0.direction == .inbound && $0.kind == .request }),
            case .request(let request) = try stored.storedMessage()
        {
            hasLocalHold = try writer.holdings(matching: HoldingFacts.lookup(for: request)).contains(where: \.hasLocalHold)
        }
        return RenewalInput(state: state, currentDueDate: transaction.dueDate, renewalsUsed: facts.renewalsUsed, itemHasLocalHold: hasLocalHold, now: now)
    }
}
