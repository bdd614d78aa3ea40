public import Store
import Synchronization

/// The stored rows the gateway met that hold a value this version cannot read (``StoreError/Code/corruptValue``),
/// for readiness (`/readyz` says the gateway is degraded and why) and the operator.
///
/// Rows are recorded as they are met, so a readiness probe costs no scan of the database. The list is
/// bounded: after ``capacity`` rows only the count grows.
public final class CorruptRows: Sendable {
    /// At most this many rows are kept with their details.
    public static let capacity = 32

    private struct State {
        var rows: [StoreError] = []
        var total = 0
    }

    private let state = Mutex(State())

    /// Creates an empty list.
    public init() {}

    /// Records the row an error names, once; other errors are ignored.
    /// - Returns: whether the error named a corrupt row.
    @discardableResult
    public func record(_ error: any Error) -> Bool {
        guard let error = error as? StoreError, error.code == .corruptValue else { return false }
        state.withLock { state in
            guard !state.rows.contains(where: { $0.table == error.table && $0.rowID == error.rowID && $0.column == error.column }) else { return }
            state.total += 1
            if state.rows.count < Self.capacity { state.rows.append(error) }
        }
        return true
    }

    /// The corrupt rows met so far (at most ``capacity``), oldest first.
    public var rows: [StoreError] { state.withLock { $0.rows } }

    /// How many different corrupt rows were met.
    public var count: Int { state.withLock { $0.total } }
}
