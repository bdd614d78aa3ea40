import Dispatch

/// Runs async work to completion from synchronous code: libFuzzer calls its target on a plain thread and
/// wants the input fully handled when the call returns.
public enum BlockingTask {
    /// Starts `work` on the cooperative pool and blocks the calling (non-pool) thread until it finishes.
    public static func run<Result: Sendable>(_ work: @escaping @Sendable () async -> Result) -> Result {
        let done = DispatchSemaphore(value: 0)
        let box = ResultBox<Result>()
        Task {
            box.value = await work()
            done.signal()
        }
        done.wait()
        guard let value = box.value else { fatalError("the task finished without a result") }
        return value
    }
}

/// Hands the task's result to the waiting thread; the semaphore orders the write before the read.
private final class ResultBox<Value>: @unchecked Sendable {
    var value: Value?
}
