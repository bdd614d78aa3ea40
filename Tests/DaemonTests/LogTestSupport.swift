import Daemon
import Logging
import Synchronization

/// A ``LogSink`` that keeps lines in memory.
final class InMemoryLogSink: LogSink {
    private let storage = Mutex<[String]>([])

    func write(line: String) {
        storage.withLock { $0.append(line) }
    }

    /// Everything written so far, in order.
    var lines: [String] {
        storage.withLock { $0 }
    }

    /// The lines without their trailing newline.
    var trimmedLines: [String] {
        lines.map { $0.hasSuffix("\n") ? String($0.dropLast()) : $0 }
    }
}

/// 2023-11-14T22:13:20.123Z
let logTestTimestamp = LogTimestamp(secondsSince1970: 1_700_000_000, millisecond: 123)

/// A logger with a ``LogLineHandler`` writing into `sink`.
func makeLineLogger(
    sink: InMemoryLogSink,
    formatter: LogLineFormatter = LogLineFormatter(includeLabel: false),
    level: Logger.Level = .trace,
    metadataProvider: Logger.MetadataProvider? = nil
) -> Logger {
    Logger(label: "test") { label in
        LogLineHandler(
            label: label,
            formatter: formatter,
            logLevel: level,
            metadataProvider: metadataProvider,
            sink: sink,
            clock: { logTestTimestamp }
        )
    }
}
