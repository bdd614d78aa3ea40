/// A command-line failure with a message for the user (printed as `Error: ...`, exit status 1).
struct CommandFailure: Error, CustomStringConvertible {
    let description: String

    init(_ description: String) {
        self.description = description
    }
}
