#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
import Daemon
import Foundation
import Logging
import Testing

@Suite struct LogSinkTests {
    @Test func concurrentTasksProduceWholeLinesInMemory() async {
        let sink = InMemoryLogSink()
        let logger = makeLineLogger(sink: sink, formatter: LogLineFormatter(format: .json))
        await withTaskGroup(of: Void.self) { group in
            for task in 0..<64 {
                group.addTask {
                    for index in 0..<100 {
                        logger.info("event", metadata: ["task": "\(task)", "index": "\(index)"])
                    }
                }
            }
        }
        #expect(sink.lines.count == 6_400)
        #expect(sink.lines.allSatisfy { $0.hasSuffix("}\n") && $0.filter { $0 == "\n" }.count == 1 })
    }

    @Test func concurrentTasksProduceWholeLinesInAFile() async throws {
        let path = FileManager.default.temporaryDirectory
            .appendingPathComponent("illgate-log-\(UUID().uuidString).log").path
        let descriptor = open(path, O_WRONLY | O_CREAT | O_TRUNC | O_APPEND, 0o600)
        try #require(descriptor >= 0)
        defer {
            close(descriptor)
            unlink(path)
        }
        let sink = FileDescriptorLogSink(fileDescriptor: descriptor)
        let logger = Logger(label: "concurrency") { label in
            LogLineHandler(label: label, formatter: LogLineFormatter(journald: true), sink: sink)
        }
        // Long lines (well over PIPE_BUF) make torn writes visible if writers were not serialized.
        let padding = String(repeating: "x", count: 9_000)
        let tasks = 32
        let perTask = 50
        await withTaskGroup(of: Void.self) { group in
            for task in 0..<tasks {
                group.addTask {
                    for index in 0..<perTask {
                        logger.info("event", metadata: ["task": "\(task)", "index": "\(index)", "pad": "\(padding)"])
                    }
                }
            }
        }
        let contents = try String(contentsOfFile: path, encoding: .utf8)
        let lines = contents.split(separator: "\n", omittingEmptySubsequences: false)
        #expect(lines.last == "")
        let whole = lines.dropLast()
        #expect(whole.count == tasks * perTask)
        // Keys are sorted: index, pad, task. Compare without printing 9 KB lines on failure.
        var seen = Set<String>()
        var malformed = 0
        for line in whole {
            let fields = line.split(separator: " ")
            guard fields.count == 6, line.hasPrefix("<6>level=info msg=event label=concurrency index="),
                fields[4] == "pad=\(padding)", fields[5].hasPrefix("task=")
            else {
                malformed += 1
                continue
            }
            seen.insert("\(fields[3])/\(fields[5])")
        }
        #expect(malformed == 0)
        #expect(seen.count == tasks * perTask)
    }

    @Test func journalStreamParsing() {
        #expect(JournalStream(environmentValue: "8:12345") == JournalStream(device: 8, inode: 12_345))
        #expect(JournalStream(environmentValue: "") == nil)
        #expect(JournalStream(environmentValue: "8") == nil)
        #expect(JournalStream(environmentValue: "8:x") == nil)
        #expect(JournalStream(environmentValue: "8:1:2") == nil)
    }

    @Test func journalStreamDetectionComparesDeviceAndInode() throws {
        let path = FileManager.default.temporaryDirectory
            .appendingPathComponent("illgate-journal-\(UUID().uuidString)").path
        let descriptor = open(path, O_WRONLY | O_CREAT | O_TRUNC, 0o600)
        try #require(descriptor >= 0)
        defer {
            close(descriptor)
            unlink(path)
        }
        let identity = try #require(JournalStream(fileDescriptor: descriptor))
        let value = "\(identity.device):\(identity.inode)"
        #expect(JournalStream.isJournal(environmentValue: value, fileDescriptor: descriptor))
        #expect(!JournalStream.isJournal(environmentValue: "\(identity.device):\(identity.inode + 1)", fileDescriptor: descriptor))
        #expect(!JournalStream.isJournal(environmentValue: nil, fileDescriptor: descriptor))
        #expect(!JournalStream.isJournal(environmentValue: "garbage", fileDescriptor: descriptor))
        #expect(!JournalStream.isJournal(environmentValue: value, fileDescriptor: -1))
    }
}
