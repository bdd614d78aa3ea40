import Foundation
import Policy
public import Store
import Transactions

/// Watching loans: a loan still at the borrower after its due date is marked Overdue, which sends the
/// borrower the Overdue status, without staff having to notice it first.
extension Gateway {
    /// Marks Overdue every loan at a borrower (Loaned or Received) whose due date passed more than
    /// `mark_overdue_after_days` days ago. Does nothing without a `[policy]` or with `mark_overdue = false`.
    /// A loan whose scheduled reminder is due is left to ``sendDueReminders()``, which marks it Overdue with the
    /// reminder's note, so the borrower gets one message rather than two.
    /// - Returns: the transactions marked, as they now are.
    public func markOverdueLoans() async throws -> [TransactionRecord] {
        guard let lending = configuration.policy?.lending, lending.markOverdue else { return [] }
        let cutoff = now.addingTimeInterval(-Double(lending.markOverdueAfterDays) * 86_400)
        var marked: [TransactionRecord] = []
        for state in [SupplierState.loaned, .received] {
            let due = try await store.transactions(matching: TransactionFilter(role: .supplier, state: state.rawValue, dueBefore: cutoff, limit: 500))
            // A loan whose first reminder is due is marked by that reminder (one message: Overdue with its note).
            for loan in due {
                if try await lendingReminderIsDue(on: loan) { continue }
                let outcome = await markOverdue(loan.id)
                switch outcome {
                case .success(let transaction):
                    marked.append(transaction)
                case .failure(let refusal) where refusal.reason == .notAllowed || refusal.reason == .notFound:
                    // Returned or renewed since it was read: nothing is overdue any more.
                    continue
                case .failure(let refusal):
                    throw refusal
                }
            }
        }
        return marked
    }

    private func markOverdue(_ id: Int64) async -> Result<TransactionRecord, StaffActionError> {
        do {
            return .success(try await perform(SupplierCommand(.markOverdue), onTransaction: id))
        } catch {
            return .failure(error)
        }
    }
}
