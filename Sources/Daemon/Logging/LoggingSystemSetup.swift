public import Logging
import Synchronization

/// Installs ``LogLineHandler`` as the process's log handler.
///
/// swift-log traps when `LoggingSystem.bootstrap` is called twice, so ``bootstrap(format:level:)`` does it at most
/// once per process; later calls (for example on a configuration reload) do nothing and return `false`. It cannot
/// see a bootstrap done by other code, so the daemon must call only this.
public enum LoggingSystemSetup {
    /// Whether this type has bootstrapped the logging system.
    private static let done = Atomic<Bool>(false)
    /// The queue in front of standard output, once ``bootstrap(format:level:)`` has set it up.
    private static let standardOutputQueue = Mutex<QueuedLogSink?>(nil)

    /// Bootstraps logging to standard output, with journald's priority prefix and no timestamps when standard
    /// output is the journal. Lines are written by a writer thread behind a bounded queue
    /// (``QueuedLogSink``), so logging never blocks a task on `write(2)`; call ``flush()`` before exiting.
    /// - Parameters:
    ///   - format: logfmt or JSON.
    ///   - level: The least severe level printed.
    /// - Returns: `true` if this call bootstrapped the logging system, `false` if it had been done already.
    @discardableResult
    public static func bootstrap(format: LogFormat, level: Logger.Level) -> Bool {
        guard !done.load(ordering: .acquiring) else { return false }
        let journald = JournalStream.isStandardOutputJournal()
        let queue = QueuedLogSink(
            wrapping: FileDescriptorLogSink.standardOutput,
            formatter: LogLineFormatter(format: format, journald: journald)
        )
        guard bootstrap(format: format, level: level, journald: journald, sink: queue) else { return false }
        standardOutputQueue.withLock { $0 = queue }
        return true
    }

    /// Waits until every line logged so far is written to standard output (at most two seconds): the
    /// daemon's exit path calls it so that the last lines are not lost. Does nothing when logging was not
    /// bootstrapped by ``bootstrap(format:level:)``.
    public static func flush() {
        standardOutputQueue.withLock { $0 }?.flush()
    }

    /// Bootstraps logging with every choice explicit.
    /// - Parameters:
    ///   - format: logfmt or JSON.
    ///   - level: The least severe level printed.
    ///   - journald: Whether to write for the journal (priority prefix, no timestamps).
    ///   - includeSource: Whether lines name the module that logged them.
    ///   - sink: Where lines go.
    ///   - metadataProvider: Context metadata added to every event, for example from task locals.
    /// - Returns: `true` if this call bootstrapped the logging system, `false` if it had been done already.
    @discardableResult
    public static func bootstrap(
        format: LogFormat,
        level: Logger.Level,
        journald: Bool,
        includeSource: Bool = false,
        sink: any LogSink,
        metadataProvider: Logger.MetadataProvider? = nil
    ) -> Bool {
        guard done.compareExchange(expected: false, desired: true, ordering: .acquiringAndReleasing).exchanged else {
            return false
        }
        let factory = handlerFactory(
            formatter: LogLineFormatter(format: format, journald: journald, includeSource: includeSource),
            level: level,
            sink: sink
        )
        LoggingSystem.bootstrap(factory, metadataProvider: metadataProvider)
        return true
    }

    /// The factory ``bootstrap(format:level:journald:includeSource:sink:metadataProvider:)`` installs: a
    /// ``LogLineHandler`` per logger, with the given formatter, level and sink.
    /// - Parameters:
    ///   - formatter: How events become lines.
    ///   - level: The handlers' initial level.
    ///   - sink: Where lines go.
    /// - Returns: A factory for `LoggingSystem.bootstrap(_:metadataProvider:)`.
    public static func handlerFactory(
        formatter: LogLineFormatter,
        level: Logger.Level,
        sink: any LogSink
    ) -> @Sendable (String, Logger.MetadataProvider?) -> any LogHandler {
        { label, metadataProvider in
            LogLineHandler(
                label: label,
                formatter: formatter,
                logLevel: level,
                metadataProvider: metadataProvider,
                sink: sink
            )
        }
    }
}
