/// A notice that could not be handed on: the mail command failed or the spool directory refused the file.
public struct NoticeDeliveryError: Error, Hashable, Sendable, CustomStringConvertible {
    /// What kind of problem it is. New codes may be added.
    public struct Code: Hashable, Sendable, CustomStringConvertible {
        private enum Base: String, Hashable, Sendable {
            case commandFailed, spoolFailed, noAddress
        }
        private let base: Base
        /// The mail command could not be started or exited with a failure.
        public static let commandFailed = Code(base: .commandFailed)
        /// The notice could not be written into the spool directory.
        public static let spoolFailed = Code(base: .spoolFailed)
        /// The request carries no e-mail address for its patron.
        public static let noAddress = Code(base: .noAddress)
        public var description: String { base.rawValue }
    }

    /// What kind of problem it is.
    public var code: Code
    /// What went wrong, for operators (never the patron's address).
    public var reason: String

    /// Creates an error.
    public init(_ code: Code, _ reason: String) {
        self.code = code
        self.reason = reason
    }

    public var description: String { "\(code): \(reason)" }
}
