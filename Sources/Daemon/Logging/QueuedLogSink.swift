import Dispatch
import Foundation
public import Logging
import Synchronization

/// A ``LogSink`` that hands lines to a dedicated writer thread through a bounded in-memory queue, so that
/// no caller (a task on the shared cooperative pool) ever waits on a `write(2)` to a slow pipe or journal.
///
/// - Lines stay whole and in the order they were queued: one thread writes them, one at a time, to the
///   wrapped sink.
/// - **When the queue is full, lines are dropped, never waited for**: a burst of logging must not stall
///   message handling. The writer then adds one line, `N log lines dropped` (level warning, `dropped=N`),
///   where the lost lines were.
/// - ``flush(timeout:)`` waits until every line queued before it is written: the daemon calls it (through
///   ``LoggingSystemSetup/flush()``) on its way out, so the last lines are not lost.
public final class QueuedLogSink: LogSink {
    private let queue: LineQueue

    /// Creates a sink and starts its writer thread.
    /// - Parameters:
    ///   - sink: where the writer thread puts the lines (normally ``FileDescriptorLogSink/standardOutput``).
    ///   - capacity: the most lines held; more are dropped and counted.
    ///   - formatter: formats the `N log lines dropped` line like the others.
    public init(wrapping sink: any LogSink, capacity: Int = 8_192, formatter: LogLineFormatter = LogLineFormatter()) {
        queue = LineQueue(capacity: max(1, capacity))
        let queue = self.queue
        let thread = Thread {
            queue.writeLines(to: sink) { dropped in Self.droppedLine(dropped, formatter: formatter) }
        }
        thread.name = "illgate-log-writer"
        thread.start()
    }

    deinit {
        queue.stop()
    }

    /// Queues a line for the writer thread, or counts it as dropped when the queue is full. Never blocks
    /// beyond a short lock.
    /// - Parameter line: The formatted line, ending in a newline.
    public func write(line: String) {
        queue.append(line)
    }

    /// Waits until every line queued so far has been written, at most `timeout`.
    /// - Parameter timeout: the longest wait (a wedged output must not hold the process's exit forever).
    /// - Returns: `true` when the lines were written in time.
    @discardableResult
    public func flush(timeout: Duration = .seconds(2)) -> Bool {
        let done = DispatchSemaphore(value: 0)
        queue.appendFlush(done)
        let nanoseconds = timeout.components.seconds * 1_000_000_000 + timeout.components.attoseconds / 1_000_000_000
        return done.wait(timeout: .now() + .nanoseconds(Int(nanoseconds))) == .success
    }

    /// How many lines have been dropped since the sink was created.
    public var droppedLines: Int {
        queue.droppedInAll
    }

    /// The line that stands for `count` dropped lines.
    static func droppedLine(_ count: Int, formatter: LogLineFormatter) -> String {
        formatter.line(
            for: LogEvent(
                level: .warning,
                message: "\(count) log lines dropped",
                metadata: ["dropped": .string(String(count))],
                source: "Daemon",
                file: #fileID,
                function: #function,
                line: #line
            ),
            label: "illgate",
            context: [:],
            timestamp: formatter.journald ? LogTimestamp(secondsSince1970: 0) : .now()
        )
    }
}

/// The queue between callers and the writer thread (a class of its own so the thread does not keep the
/// sink alive: the sink's `deinit` stops the thread).
private final class LineQueue: Sendable {
    private enum Item {
        case line(String)
        case flush(DispatchSemaphore)
        case stop
    }

    private struct State {
        var items: [Item] = []
        /// Lines in `items` (flushes and stops do not count against the capacity).
        var lines = 0
        /// Lines dropped since the writer last took the queue.
        var dropped = 0
        var droppedInAll = 0
    }

    private let capacity: Int
    private let state = Mutex(State())
    /// Signalled once per queued item, so the writer never misses one.
    private let available = DispatchSemaphore(value: 0)

    init(capacity: Int) {
        self.capacity = capacity
    }

    var droppedInAll: Int {
        state.withLock { $0.droppedInAll }
    }

    func append(_ line: String) {
        let accepted = state.withLock { state -> Bool in
            guard state.lines < capacity else {
                state.dropped += 1
                state.droppedInAll += 1
                return false
            }
            state.items.append(.line(line))
            state.lines += 1
            return true
        }
        if accepted {
            available.signal()
        }
    }

    func appendFlush(_ done: DispatchSemaphore) {
        state.withLock { $0.items.append(.flush(done)) }
        available.signal()
    }

    func stop() {
        state.withLock { $0.items.append(.stop) }
        available.signal()
    }

    /// The writer thread's loop: takes everything queued, writes it in order, until stopped.
    func writeLines(to sink: any LogSink, droppedLine: (Int) -> String) {
        while true {
            available.wait()
            let (items, dropped) = state.withLock { state -> ([Item], Int) in
                defer {
                    state.items.removeAll(keepingCapacity: true)
                    state.lines = 0
                    state.dropped = 0
                }
                return (state.items, state.dropped)
            }
            // Flushes are answered and a stop obeyed after the whole batch, the dropped-lines line included:
            // lines are dropped only while the queue is full, so they belong after every line it holds.
            var flushes: [DispatchSemaphore] = []
            var stopped = false
            for item in items {
                switch item {
                case .line(let line): sink.write(line: line)
                case .flush(let done): flushes.append(done)
                case .stop: stopped = true
                }
            }
            if dropped > 0 {
                sink.write(line: droppedLine(dropped))
            }
            for done in flushes {
                done.signal()
            }
            if stopped {
                return
            }
        }
    }
}
