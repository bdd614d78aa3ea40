/// A notice template that cannot be used: missing, unreadable, malformed, or naming a placeholder illgate does not fill.
public struct NoticeTemplateError: Error, Hashable, Sendable, CustomStringConvertible {
    /// What kind of problem it is. New codes may be added.
    public struct Code: Hashable, Sendable, CustomStringConvertible {
        private enum Base: String, Hashable, Sendable {
            case missing, unreadable, malformed, unknownPlaceholder
        }
        private let base: Base
        /// The template file does not exist.
        public static let missing = Code(base: .missing)
        /// The template file exists but cannot be read as UTF-8 text.
        public static let unreadable = Code(base: .unreadable)
        /// The template is not valid Mustache.
        public static let malformed = Code(base: .malformed)
        /// The template names a placeholder that no notice fills.
        public static let unknownPlaceholder = Code(base: .unknownPlaceholder)
        public var description: String { base.rawValue }
    }

    /// What kind of problem it is.
    public var code: Code
    /// The template file.
    public var file: String
    /// The line of the problem (1-based), when known.
    public var line: Int?
    /// What is wrong, for operators.
    public var reason: String

    /// Creates an error.
    public init(_ code: Code, file: String, line: Int? = nil, _ reason: String) {
        self.code = code
        self.file = file
        self.line = line
        self.reason = reason
    }

    public var description: String {
        "\(file)\(line.map { ":\($0)" } ?? ""): \(reason)"
    }
}
