/// Why the sockets systemd passed (socket activation) cannot be used. The daemon does not start: a socket unit
/// and a configuration that disagree are an operator's mistake to fix, not to guess around.
public struct SocketActivationError: Error, Hashable, Sendable, CustomStringConvertible {
    /// What kind of problem it is; more may be added.
    public struct Code: Hashable, Sendable, CustomStringConvertible {
        private enum Value: Hashable, Sendable {
            case malformedVariable, unknownName, duplicateName, notAListeningSocket, listenerDisabled
        }

        private let value: Value

        /// `LISTEN_FDS` or `LISTEN_FDNAMES` cannot be read.
        public static let malformedVariable = Code(value: .malformedVariable)
        /// A socket is named something other than `http` or `tcp`.
        public static let unknownName = Code(value: .unknownName)
        /// Two sockets have the same name.
        public static let duplicateName = Code(value: .duplicateName)
        /// A descriptor is not a listening stream socket.
        public static let notAListeningSocket = Code(value: .notAListeningSocket)
        /// A socket is passed for a listener the configuration disables.
        public static let listenerDisabled = Code(value: .listenerDisabled)

        public var description: String { "\(value)" }
    }

    /// What kind of problem it is.
    public var code: Code
    /// The problem, naming the variable, descriptor or configuration key, for the operator.
    public var message: String

    /// Creates an error.
    public init(_ code: Code, _ message: String) {
        self.code = code
        self.message = message
    }

    public var description: String { "socket activation: \(message)" }
}
