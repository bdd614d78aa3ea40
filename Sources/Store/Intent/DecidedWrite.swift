/// What a decision taken on a snapshot produced: its result for the caller and the rows to write.
public struct DecidedWrite<Result: Sendable>: Sendable {
    /// What the decision returns to its caller once the intent is committed.
    public var result: Result
    /// The rows to write.
    public var intent: WriteIntent

    /// Creates a decided write.
    public init(result: Result, intent: WriteIntent) {
        self.result = result
        self.intent = intent
    }
}

/// What group commit has done: how many database commits, carrying how many writes (intents and write
/// closures). `writes / commits` is the average number of messages that shared one fsync.
public struct CommitStatistics: Hashable, Sendable {
    /// Database transactions committed.
    public var commits = 0
    /// Writes they carried.
    public var writes = 0

    /// Creates empty statistics.
    public init() {}
}
