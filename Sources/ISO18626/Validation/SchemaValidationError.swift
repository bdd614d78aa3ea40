/// Why a schema could not be compiled, or a document is not valid against it.
public struct SchemaValidationError: Error, Hashable, Sendable, CustomStringConvertible {
    /// libxml2's messages, first problem first.
    public var messages: [String]
    /// 1-based line of the first problem, when known.
    public var line: Int?

    /// Creates a validation error.
    public init(messages: [String], line: Int? = nil) {
        self.messages = messages
        self.line = line
    }

    public var description: String {
        (messages.first ?? "invalid") + (messages.count > 1 ? " (and \(messages.count - 1) more)" : "")
    }
}
