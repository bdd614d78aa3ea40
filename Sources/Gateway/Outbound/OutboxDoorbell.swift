import Synchronization

/// A coalescing wake-up for the outbox dispatcher: the gateway rings it after every commit that may have
/// made a message due, and the dispatcher waits on it between rounds instead of polling.
///
/// Rings coalesce: any number of rings while nobody waits leave one pending wake-up, which the next
/// ``wait(until:)`` consumes at once. A ring wakes every task waiting at that moment.
///
/// A ring may name the peers whose queues changed (``ring(peers:)``); the dispatcher reads them with
/// ``takeRungPeers()`` and need not look at the outbox when every one of them is held after a failure.
public final class OutboxDoorbell: Sendable {
    private struct State {
        /// Rung since the last wait returned.
        var rung = false
        /// The peers named by rings since the last ``takeRungPeers()``.
        var rungPeers: Set<String> = []
        /// Whether a ring since the last ``takeRungPeers()`` named no peer (anything may have changed).
        var rungForAll = false
        /// Waiting tasks, by a number unique to each wait.
        var waiters: [UInt64: CheckedContinuation<Bool, Never>] = [:]
        var nextWaiter: UInt64 = 0
    }

    private let state = Mutex(State())

    /// Creates a doorbell that has not been rung.
    public init() {}

    /// How many tasks are waiting for a ring now (for diagnostics, and for tests that must ring a task that
    /// is already waiting rather than leave a ring for it).
    public var waitingTasks: Int {
        state.withLock { $0.waiters.count }
    }

    /// Wakes the tasks waiting now, or the next one to wait, for work that may concern any peer.
    public func ring() {
        ring { $0.rungForAll = true }
    }

    /// Wakes the tasks waiting now, or the next one to wait, for work in these peers' queues only.
    /// Ringing for no peer does nothing.
    public func ring(peers: Set<String>) {
        guard !peers.isEmpty else { return }
        ring { $0.rungPeers.formUnion(peers) }
    }

    /// The peers named by the rings since the last call, or `nil` when a ring named none (any queue may
    /// have changed). Resets both.
    public func takeRungPeers() -> Set<String>? {
        state.withLock { state in
            defer {
                state.rungPeers = []
                state.rungForAll = false
            }
            return state.rungForAll ? nil : state.rungPeers
        }
    }

    private func ring(noting note: (inout State) -> Void) {
        let waiters = state.withLock { state -> [CheckedContinuation<Bool, Never>] in
            note(&state)
            guard !state.waiters.isEmpty else {
                state.rung = true
                return []
            }
            defer { state.waiters.removeAll() }
            return Array(state.waiters.values)
        }
        for waiter in waiters {
            waiter.resume(returning: true)
        }
    }

    /// Waits for a ring, at most until `deadline`. Returns at once when a ring is pending.
    /// - Parameter deadline: when to stop waiting without a ring.
    /// - Returns: `true` when woken by a ring; `false` when the deadline passed or the task was cancelled.
    @discardableResult
    public func wait(until deadline: ContinuousClock.Instant) async -> Bool {
        let id = state.withLock { state -> UInt64? in
            if state.rung {
                state.rung = false
                return nil
            }
            defer { state.nextWaiter &+= 1 }
            return state.nextWaiter
        }
        guard let id else { return true }
        let timer = Task {
            try? await Task.sleep(until: deadline, clock: .continuous)
            self.release(id, rung: false)
        }
        defer { timer.cancel() }
        return await withTaskCancellationHandler {
            await withCheckedContinuation { continuation in
                let resumeNow = state.withLock { state -> Bool? in
                    if state.rung {
                        state.rung = false
                        return true
                    }
                    if Task.isCancelled || ContinuousClock.now >= deadline {
                        return false
                    }
                    state.waiters[id] = continuation
                    return nil
                }
                if let resumeNow {
                    continuation.resume(returning: resumeNow)
                }
            }
        } onCancel: {
            self.release(id, rung: false)
        }
    }

    /// Resumes one waiter, if it is still waiting.
    private func release(_ id: UInt64, rung: Bool) {
        let waiter = state.withLock { $0.waiters.removeValue(forKey: id) }
        waiter?.resume(returning: rung)
    }
}
