import GRDB
import Synchronization

/// Runs the write work of concurrent callers in shared database transactions (group commit).
///
/// A caller's work is queued; whenever no commit is in progress, everything queued so far runs in one
/// transaction, each piece inside its own savepoint so that one caller's failure undoes only its own
/// changes. Callers are resumed only after the transaction has committed, so each one's data is on disk
/// (synchronous=FULL) before it hears back, while a burst of N callers costs one fsync instead of N.
/// Work runs one piece at a time, so writes are serialised.
final class GroupCommitter: Sendable {
    private let writer: any DatabaseWriter
    private let queue = Mutex(Queue())

    private struct Queue: ~Copyable {
        var pending: [Job] = []
        var isCommitting = false
        var statistics = CommitStatistics()
    }

    /// How many commits there were, and how many callers' work they carried.
    var statistics: CommitStatistics {
        queue.withLock { $0.statistics }
    }

    init(writer: any DatabaseWriter) {
        self.writer = writer
    }

    /// Runs `work` in the next group commit and returns its result once committed.
    func submit<Result: Sendable>(_ work: @escaping @Sendable (Database) throws -> Result) async throws -> Result {
        try await withCheckedThrowingContinuation { (continuation: CheckedContinuation<Result, any Error>) in
            let job = Job(work: work, continuation: continuation)
            let startCommitting = queue.withLock { queue in
                queue.pending.append(job)
                guard !queue.isCommitting else { return false }
                queue.isCommitting = true
                return true
            }
            if startCommitting {
                // Drained on the writer's own queue: no task to start, no hop between batches.
                writer.asyncWriteWithoutTransaction { db in self.commitUntilIdle(db) }
            }
        }
    }

    /// Commits batch after batch until nothing is queued; runs on the writer's queue.
    private func commitUntilIdle(_ db: Database) {
        while true {
            let batch: [Job] = queue.withLock { queue in
                let batch = queue.pending
                queue.pending = []
                if batch.isEmpty {
                    queue.isCommitting = false
                } else {
                    queue.statistics.commits += 1
                    queue.statistics.writes += batch.count
                }
                return batch
            }
            guard !batch.isEmpty else { return }
            do {
                try db.inTransaction {
                    for job in batch {
                        do {
                            try db.inSavepoint {
                                try job.run(db)
                                return .commit
                            }
                        } catch {
                            job.fail(error)
                        }
                    }
                    return .commit
                }
                for job in batch { job.finish(commitError: nil) }
            } catch {
                for job in batch { job.finish(commitError: error) }
            }
        }
    }
}

/// One caller's work and the continuation waiting for it.
///
/// `@unchecked Sendable`: `run` and `fail` are called only on the writer's queue, inside the one write
/// transaction that holds the job, and `finish` only after that transaction has ended, on the same queue;
/// the outcome is never touched concurrently.
private final class Job: @unchecked Sendable {
    private let runWork: (Database) throws -> Void
    private let resume: (Result<Void, any Error>) -> Void
    private var failure: (any Error)?

    init<Value: Sendable>(work: @escaping @Sendable (Database) throws -> Value, continuation: CheckedContinuation<Value, any Error>) {
        let outcome = OutcomeBox<Value>()
        self.runWork = { db in outcome.value = try work(db) }
        self.resume = { result in
            switch result {
            case .failure(let error): continuation.resume(throwing: error)
            case .success:
                if let value = outcome.value {
                    continuation.resume(returning: value)
                } else {
                    continuation.resume(throwing: StoreError.noResult("the write"))
                }
            }
        }
    }

    func run(_ db: Database) throws {
        try runWork(db)
    }

    func fail(_ error: any Error) {
        failure = error
    }

    func finish(commitError: (any Error)?) {
        if let error = commitError ?? failure {
            resume(.failure(error))
        } else {
            resume(.success(()))
        }
    }
}

/// Holds a job's result between the write and the resumption (same confinement as ``Job``).
private final class OutcomeBox<Value>: @unchecked Sendable {
    var value: Value?
}
