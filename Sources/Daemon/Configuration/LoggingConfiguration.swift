public import Logging

/// How the daemon writes its log: one line per event on standard output, as logfmt or JSON.
public struct LoggingConfiguration: Hashable, Sendable {
    /// The line format.
    public enum Format: String, Hashable, Sendable, CaseIterable, CustomStringConvertible {
        /// `key=value` pairs (<https://brandur.org/logfmt>), easy to read and to grep.
        case logfmt
        /// One JSON object per line, for log collectors.
        case json

        public var description: String { rawValue }
    }

    /// The line format.
    public var format: Format
    /// The least severe level written.
    public var level: Logger.Level

    /// Creates a configuration.
    public init(format: Format = .logfmt, level: Logger.Level = .info) {
        self.format = format
        self.level = level
    }
}
