/// A reminder schedule that cannot be used: an offset that is not after the due date, or out of order.
public struct ReminderScheduleError: Error, Hashable, Sendable, CustomStringConvertible {
    /// What kind of problem it is. New codes may be added.
    public struct Code: Hashable, Sendable, CustomStringConvertible {
        private enum Base: String, Hashable, Sendable {
            case notPositive, notAscending
        }
        private let base: Base
        /// An offset of zero days or fewer.
        public static let notPositive = Code(base: .notPositive)
        /// An offset not later than the one before it.
        public static let notAscending = Code(base: .notAscending)
        public var description: String { base.rawValue }
    }

    /// What kind of problem it is.
    public var code: Code
    /// The position of the bad entry (0-based).
    public var index: Int
    /// What is wrong, for operators.
    public var reason: String

    /// Creates an error.
    public init(_ code: Code, index: Int, _ reason: String) {
        self.code = code
        self.index = index
        self.reason = reason
    }

    public var description: String { "entry \(index + 1): \(reason)" }
}
