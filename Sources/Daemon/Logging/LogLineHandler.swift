public import Logging

/// The daemon's `LogHandler`: one line per event, logfmt by default or JSON, written in one piece to a sink.
///
/// Lines look like `ts=2026-03-01T12:34:56.789Z level=info msg="message received" label=illgate direction=in
/// peer=lender tx=12`; ``LogLineFormatter`` describes the fields and their order. Under journald (see
/// ``JournalStream``) the line starts with the syslog priority, `<6>level=info ...`, and has no timestamp.
///
/// Metadata follows swift-log's rules: the handler's own metadata (``metadata``, ``subscript(metadataKey:)``),
/// overridden by the ``metadataProvider``, overridden by the event's metadata. ``logLevel`` and ``metadata`` are
/// values: changing them on one `Logger` does not affect copies.
///
/// **Never log patron data.** Log transaction ids, message types, states and peers. ``PatronDataGuard`` redacts
/// values under keys that name patron data and `patronInfo` XML, but it is a safety net, not permission.
public struct LogLineHandler: LogHandler {
    /// The logger's label.
    public let label: String
    /// The least severe level this handler prints.
    public var logLevel: Logger.Level
    /// Metadata printed with every event of this handler.
    public var metadata: Logger.Metadata
    /// Supplies context metadata (for example from task locals) at each event.
    public var metadataProvider: Logger.MetadataProvider?
    /// How events become lines.
    public let formatter: LogLineFormatter
    /// Where lines go.
    private let sink: any LogSink
    /// Where `ts` comes from.
    private let clock: @Sendable () -> LogTimestamp

    /// Creates a handler.
    /// - Parameters:
    ///   - label: The logger's label.
    ///   - formatter: How events become lines.
    ///   - logLevel: The least severe level to print; `.info` by default.
    ///   - metadata: Metadata printed with every event.
    ///   - metadataProvider: Context metadata, usually `LoggingSystem.metadataProvider`.
    ///   - sink: Where lines go; standard output by default.
    ///   - clock: Where timestamps come from; the wall clock by default.
    public init(
        label: String,
        formatter: LogLineFormatter = LogLineFormatter(),
        logLevel: Logger.Level = .info,
        metadata: Logger.Metadata = [:],
        metadataProvider: Logger.MetadataProvider? = nil,
        sink: any LogSink = FileDescriptorLogSink.standardOutput,
        clock: @escaping @Sendable () -> LogTimestamp = LogTimestamp.now
    ) {
        self.label = label
        self.formatter = formatter
        self.logLevel = logLevel
        self.metadata = metadata
        self.metadataProvider = metadataProvider
        self.sink = sink
        self.clock = clock
    }

    /// Gets or sets one metadata value of this handler.
    /// - Parameter metadataKey: The key.
    public subscript(metadataKey metadataKey: String) -> Logger.Metadata.Value? {
        get { metadata[metadataKey] }
        set { metadata[metadataKey] = newValue }
    }

    /// Formats the event and writes it as one line, unless its level is below ``logLevel``.
    /// - Parameter event: The event.
    public func log(event: LogEvent) {
        guard event.level >= logLevel else {
            return
        }
        var context = metadata
        if let provided = metadataProvider?.get(), !provided.isEmpty {
            context.merge(provided) { _, provided in provided }
        }
        let timestamp = formatter.journald ? LogTimestamp(secondsSince1970: 0) : clock()
        sink.write(line: formatter.line(for: event, label: label, context: context, timestamp: timestamp))
    }
}
