/// What is wrong with a value, as the message a ``ConfigurationProblem`` will carry.
struct ValueMessage: Error, Hashable, Sendable, CustomStringConvertible {
    /// The message.
    let description: String

    /// Creates a message.
    init(_ description: String) {
        self.description = description
    }
}
