import ISO18626
import Store
import Transactions

extension Gateway {
    /// The loan a printed document is about.
    /// - Parameter document: what is printed, for the refusal ("a book band").
    /// - Throws: ``StaffActionError/Reason/notFound`` when there is no transaction of that role with that id,
    ///   ``StaffActionError/Reason/notAllowed`` when it is a copy (a copy is neither shipped nor banded).
    func loan(_ id: Int64, role: TransactionRole, for document: String) async throws -> TransactionRecord {
        guard let transaction = try await store.transaction(id: id), transaction.role == role else {
            throw StaffActionError(.notFound, "no \(role == .supplier ? "lending" : "borrowing") transaction \(id)")
        }
        guard transaction.serviceType != .copy else {
            throw StaffActionError(.notAllowed, "transaction \(id) is a copy; only loans get \(document)")
        }
        return transaction
    }
}
