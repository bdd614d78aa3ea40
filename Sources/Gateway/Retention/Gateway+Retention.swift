import Foundation
public import Store

/// Retention: what is kept only for a while.
extension Gateway {
    /// Purges the patron data of transactions that closed more than `days` days ago (see
    /// ``TransactionStore/purgePatronData(closedBefore:at:)``); `0` purges every closed transaction.
    /// - Returns: what was purged.
    public func purgePatronData(retainingDays days: Int) async throws -> PatronDataPurge {
        let now = self.now
        return try await store.purgePatronData(closedBefore: now.addingTimeInterval(-Double(max(days, 0)) * 86_400), at: now)
    }
}
