import Synchronization

/// Orders the messages of one transaction: work for a key runs only after the work for the same key that
/// started before it has finished, while work for different keys runs at once. This keeps a
/// transaction's messages decided one after another (each on a snapshot that holds its predecessor's
/// commit) without any global lock; the store's version check covers writers outside this process.
final class TransactionTurns: Sendable {
    /// Per key: the callers waiting for their turn, oldest first. A key is present while its work runs.
    private let waiting = Mutex<[String: [CheckedContinuation<Void, Never>]]>([:])

    /// Runs `work` when it is the key's turn.
    func run<Result: Sendable>(_ key: String, _ work: () async -> Result) async -> Result {
        await acquire(key)
        let result = await work()
        release(key)
        return result
    }

    private func acquire(_ key: String) async {
        await withCheckedContinuation { (continuation: CheckedContinuation<Void, Never>) in
            let mayRun = waiting.withLock { waiting in
                if waiting[key] == nil {
                    waiting[key] = []
                    return true
                }
                waiting[key, default: []].append(continuation)
                return false
            }
            if mayRun { continuation.resume() }
        }
    }

    private func release(_ key: String) {
        let next = waiting.withLock { waiting -> CheckedContinuation<Void, Never>? in
            guard var queue = waiting[key], !queue.isEmpty else {
                waiting[key] = nil
                return nil
            }
            let next = queue.removeFirst()
            waiting[key] = queue
            return next
        }
        next?.resume()
    }

    /// Whether work for the key is running (for tests).
    func isBusy(_ key: String) -> Bool {
        waiting.withLock { $0[key] != nil }
    }

    /// How many callers wait for the key (for tests).
    func waiting(_ key: String) -> Int {
        waiting.withLock { $0[key]?.count ?? 0 }
    }
}
