import Foundation
import ISO18626
import Store
import Transactions

extension SupplierStateMachine {
    /// The machine of a stored lending transaction.
    /// - Throws: ``StoreError/Code/corruptValue`` when the record's state is not a lending state.
    init(record: TransactionRecord) throws(StoreError) {
        self.init(
            state: try record.supplierState(),
            serviceType: record.serviceType,
            cancelPending: record.cancelPending,
            renewalPending: record.renewalPending,
            hasAnsweredRequest: record.hasAnsweredRequest
        )
    }
}

extension RequesterStateMachine {
    /// The machine of a stored borrowing transaction.
    /// - Throws: ``StoreError/Code/corruptValue`` when the record's state is not a borrowing state.
    init(record: TransactionRecord) throws(StoreError) {
        self.init(
            state: try record.requesterState(),
            serviceType: record.serviceType,
            cancelPending: record.cancelPending,
            renewalPending: record.renewalPending
        )
    }
}

extension TransactionRecord {
    /// Copies a lending machine's fields into the record.
    mutating func apply(_ machine: SupplierStateMachine, at now: Date) {
        state = machine.state.rawValue
        cancelPending = machine.cancelPending
        renewalPending = machine.renewalPending
        hasAnsweredRequest = machine.hasAnsweredRequest
        lastStatus = machine.state.status
        updatedAt = now
    }

    /// Copies a borrowing machine's fields into the record.
    mutating func apply(_ machine: RequesterStateMachine, at now: Date) {
        state = machine.state.rawValue
        cancelPending = machine.cancelPending
        renewalPending = machine.renewalPending
        updatedAt = now
    }
}
