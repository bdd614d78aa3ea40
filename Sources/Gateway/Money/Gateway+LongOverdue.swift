import Foundation
import Policy
public import Store
import Transactions

/// Loans so long overdue that they are billed as lost, without staff having to notice: after
/// `[policy.lending] bill_lost_after_days_overdue` days past the due date the loan ends with
/// CompletedWithoutReturn carrying the replacement cost, and the charges are recorded.
extension Gateway {
    /// Bills as lost every loan still at the borrower whose due date is more than the configured number of
    /// days past. Does nothing without a `[policy]` or with the key unset (0).
    /// - Returns: the transactions billed, as they now are.
    public func billLongOverdueLoans() async throws -> [TransactionRecord] {
        guard let days = configuration.policy?.lending.billLostAfterDaysOverdue else { return [] }
        let cutoff = now.addingTimeInterval(-Double(days) * 86_400)
        var billed: [TransactionRecord] = []
        for state in [SupplierState.loaned, .received, .overdue, .recalled] {
            let due = try await store.transactions(matching: TransactionFilter(role: .supplier, state: state.rawValue, dueBefore: cutoff, limit: 500))
            for loan in due {
                switch await billAsLost(loan.id, days: days) {
                case .success(let transaction):
                    billed.append(transaction)
                case .failure(let refusal) where refusal.reason == .notAllowed || refusal.reason == .notFound:
                    continue  // returned or renewed since it was read
                case .failure(let refusal):
                    throw refusal
                }
            }
        }
        return billed
    }

    private func billAsLost(_ id: Int64, days: Int) async -> Result<TransactionRecord, StaffActionError> {
        do {
            return .success(try await perform(SupplierCommand(.markLost, note: "Not returned \(days) days after the due date."), onTransaction: id))
        } catch {
            return .failure(error)
        }
    }
}
