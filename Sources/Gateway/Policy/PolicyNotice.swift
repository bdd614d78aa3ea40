/// Something a policy decision learned or noticed that deserves its own log line beside the decision's:
/// a title cluster that learned an ISSN (logged once, when it is learned), an invalid ISSN ignored.
/// Identifiers and ids only, never patron data.
public struct PolicyNotice: Hashable, Sendable {
    /// How loud the line is.
    public enum Level: String, Hashable, Sendable { case info, warning }

    public var level: Level
    /// The log line's `event`, e.g. `copyright-title-link`.
    public var event: String
    /// One short sentence.
    public var detail: String
    /// The branch the line is about (a pull's), logged as `branch=`.
    public var branch: String?

    public init(_ level: Level, event: String, detail: String, branch: String? = nil) {
        self.level = level
        self.event = event
        self.detail = detail
        self.branch = branch
    }
}
