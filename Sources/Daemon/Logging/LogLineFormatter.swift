public import Logging

/// Turns a log event into one line of logfmt or JSON.
///
/// Fields come in a fixed order: `ts` (RFC 3339 UTC with milliseconds, left out under journald), `level`, `msg`,
/// `label` and `source` (if wanted), then the metadata, then `error` for an event that carries an error.
/// Metadata comes in two sorted groups: first the context (the handler's metadata and its metadata provider's),
/// then the event's own metadata. A key present in both is printed once, with the event's value, in the event's
/// group. Metadata keys that clash with the fixed fields are printed as `meta.<key>`.
///
/// Every metadata value, the message and the error pass through ``PatronDataGuard``. Under journald the line
/// starts with `<N>`, the level's ``Logging/Logger/Level/syslogPriority``.
public struct LogLineFormatter: Sendable {
    /// logfmt or JSON.
    public var format: LogFormat
    /// Whether the output goes to the journal: adds the `<N>` priority prefix and leaves out `ts`.
    public var journald: Bool
    /// Whether to print the logger's label (`label=`).
    public var includeLabel: Bool
    /// Whether to print the module the event comes from (`source=`).
    public var includeSource: Bool

    /// Field names the formatter writes itself; metadata keys with these names get a `meta.` prefix.
    static let reservedKeys: Set<String> = ["ts", "level", "msg", "label", "source", "error"]

    /// Creates a formatter.
    /// - Parameters:
    ///   - format: logfmt (default) or JSON.
    ///   - journald: Whether standard output is the journal (see ``JournalStream``).
    ///   - includeLabel: Whether to print the logger's label.
    ///   - includeSource: Whether to print the module the event comes from.
    public init(format: LogFormat = .logfmt, journald: Bool = false, includeLabel: Bool = true, includeSource: Bool = false) {
        self.format = format
        self.journald = journald
        self.includeLabel = includeLabel
        self.includeSource = includeSource
    }

    /// Formats one event.
    /// - Parameters:
    ///   - event: The event.
    ///   - label: The logger's label.
    ///   - context: The handler's metadata merged with its metadata provider's.
    ///   - timestamp: When the event happened; ignored under journald.
    /// - Returns: The line, ending in a newline, with no other line break in it.
    public func line(for event: LogEvent, label: String, context: Logger.Metadata, timestamp: LogTimestamp) -> String {
        var fields: [LogValue.Field] = []
        fields.reserveCapacity(6 + context.count + (event.metadata?.count ?? 0))
        if !journald {
            fields.append(.init(key: "ts", value: .string(timestamp.rfc3339)))
        }
        fields.append(.init(key: "level", value: .string(event.level.rawValue)))
        fields.append(.init(key: "msg", value: .string(PatronDataGuard.scrubPatronInfo(event.message.description))))
        if includeLabel {
            fields.append(.init(key: "label", value: .string(label)))
        }
        if includeSource {
            fields.append(.init(key: "source", value: .string(event.source)))
        }
        let eventMetadata = event.metadata ?? [:]
        for (key, value) in context.sorted(by: { $0.key < $1.key }) where eventMetadata[key] == nil {
            fields.append(Self.metadataField(key: key, value: value))
        }
        for (key, value) in eventMetadata.sorted(by: { $0.key < $1.key }) {
            fields.append(Self.metadataField(key: key, value: value))
        }
        if let error = event.error {
            fields.append(.init(key: "error", value: .string(PatronDataGuard.scrubErrorText(String(describing: error)))))
        }

        var output = ""
        if journald {
            output += "<\(event.level.syslogPriority)>"
        }
        switch format {
        case .logfmt:
            LogfmtEncoder.encode(fields, to: &output)
        case .json:
            JSONLineEncoder.encode(fields, to: &output)
        }
        output += "\n"
        return output
    }

    /// A metadata field, guarded, with a clashing key renamed.
    private static func metadataField(key: String, value: Logger.MetadataValue) -> LogValue.Field {
        LogValue.Field(key: reservedKeys.contains(key) ? "meta." + key : key, value: LogValue(value, key: key))
    }
}
