#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
import Daemon
import Dispatch
import Foundation
import Logging
import Synchronization
import Testing

/// The queue in front of standard output: callers never wait on `write(2)`, lines stay whole and in order,
/// a full queue drops and counts, and a flush writes everything queued.
@Suite struct QueuedLogSinkTests {
    @Test func linesAreWrittenInOrder() {
        let target = InMemoryLogSink()
        let sink = QueuedLogSink(wrapping: target, capacity: 20_000)
        for index in 0..<10_000 {
            sink.write(line: "line \(index)\n")
        }
        #expect(sink.flush())
        #expect(target.lines == (0..<10_000).map { "line \($0)\n" })
        #expect(sink.droppedLines == 0)
    }

    @Test func concurrentLinesStayWholeInAFile() async throws {
        let path = FileManager.default.temporaryDirectory.appendingPathComponent("illgate-queued-\(UUID().uuidString).log").path
        let descriptor = open(path, O_WRONLY | O_CREAT | O_TRUNC | O_APPEND, 0o600)
        try #require(descriptor >= 0)
        defer {
            close(descriptor)
            unlink(path)
        }
        let sink = QueuedLogSink(wrapping: FileDescriptorLogSink(fileDescriptor: descriptor), capacity: 10_000)
        let logger = Logger(label: "queued") { label in
            LogLineHandler(label: label, formatter: LogLineFormatter(journald: true), sink: sink)
        }
        let padding = String(repeating: "y", count: 9_000)
        await withTaskGroup(of: Void.self) { group in
            for task in 0..<16 {
                group.addTask {
                    for index in 0..<40 {
                        logger.info("event", metadata: ["task": "\(task)", "index": "\(index)", "pad": "\(padding)"])
                    }
                }
            }
        }
        #expect(sink.flush())
        let lines = try String(contentsOfFile: path, encoding: .utf8).split(separator: "\n", omittingEmptySubsequences: false)
        #expect(lines.last == "")
        let whole = lines.dropLast()
        #expect(whole.count == 16 * 40)
        #expect(whole.allSatisfy { $0.hasPrefix("<6>level=info msg=event label=queued index=") && $0.contains(" pad=\(padding) task=") })
        // Each task's lines keep their order.
        var next: [Substring: Int] = [:]
        var outOfOrder = 0
        for line in whole {
            let fields = line.split(separator: " ")
            guard let task = fields.last, let index = Int(fields[3].dropFirst("index=".count)) else { continue }
            if index != next[task, default: 0] { outOfOrder += 1 }
            next[task] = index + 1
        }
        #expect(outOfOrder == 0)
    }

    @Test func aFullQueueDropsAndCountsInsteadOfBlocking() throws {
        let target = GatedLogSink()
        let sink = QueuedLogSink(wrapping: target, capacity: 10, formatter: LogLineFormatter(journald: true))
        sink.write(line: "first\n")
        // The writer thread is now stuck writing "first"; the queue fills up behind it.
        try #require(target.entered.wait(timeout: .now() + 5) == .success)
        for index in 0..<10 {
            sink.write(line: "queued \(index)\n")
        }
        for index in 0..<5 {
            sink.write(line: "dropped \(index)\n")  // returns at once: nothing waits for the writer
        }
        #expect(sink.droppedLines == 5)
        target.open()
        #expect(sink.flush())
        let lines = target.lines
        #expect(lines.count == 12)
        #expect(lines.first == "first\n")
        #expect(Array(lines[1...10]) == (0..<10).map { "queued \($0)\n" })
        #expect(lines.last == "<4>level=warning msg=\"5 log lines dropped\" label=illgate dropped=5\n")
        sink.write(line: "after\n")
        #expect(sink.flush())
        #expect(target.lines.last == "after\n")
    }

    @Test func flushWaitsForEveryQueuedLine() {
        let target = SlowLogSink()
        let sink = QueuedLogSink(wrapping: target)
        for index in 0..<50 {
            sink.write(line: "slow \(index)\n")
        }
        #expect(sink.flush(timeout: .seconds(10)))
        #expect(target.lines.count == 50)
    }

    @Test func flushGivesUpOnAWedgedOutput() {
        let target = GatedLogSink()
        let sink = QueuedLogSink(wrapping: target)
        sink.write(line: "stuck\n")
        #expect(!sink.flush(timeout: .milliseconds(100)))
        target.open()
        #expect(sink.flush())
    }
}

/// A sink whose first write blocks until ``open()``: an output that has stopped draining.
private final class GatedLogSink: LogSink {
    let entered = DispatchSemaphore(value: 0)
    private let gate = DispatchSemaphore(value: 0)
    private let storage = Mutex<(lines: [String], opened: Bool)>(([], false))

    func write(line: String) {
        let opened = storage.withLock { $0.opened }
        if !opened {
            entered.signal()
            gate.wait()
            gate.signal()
        }
        storage.withLock { $0.lines.append(line) }
    }

    func open() {
        storage.withLock { $0.opened = true }
        gate.signal()
    }

    var lines: [String] {
        storage.withLock { $0.lines }
    }
}

/// A sink that takes a millisecond per line.
private final class SlowLogSink: LogSink {
    private let storage = Mutex<[String]>([])

    func write(line: String) {
        usleep(1_000)
        storage.withLock { $0.append(line) }
    }

    var lines: [String] {
        storage.withLock { $0 }
    }
}
