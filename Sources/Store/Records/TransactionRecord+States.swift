public import Transactions

extension TransactionRecord {
    /// The state as a lending state.
    /// - Throws: ``StoreError/Code/corruptValue`` naming the row when ``state`` is not a lending state (the
    ///   store refuses such rows as it reads them, so only a record built in memory with a bad state throws).
    public func supplierState() throws(StoreError) -> SupplierState {
        try StoredRow(table: "ill_transaction", id: id).column("state", "a lending state").code(state, as: SupplierState.self)
    }

    /// The state as a borrowing state.
    /// - Throws: ``StoreError/Code/corruptValue`` naming the row when ``state`` is not a borrowing state.
    public func requesterState() throws(StoreError) -> RequesterState {
        try StoredRow(table: "ill_transaction", id: id).column("state", "a borrowing state").code(state, as: RequesterState.self)
    }
}
