/// Something the tolerant decoder accepted but a strict reader would not: an unknown element it ignored,
/// a wrapper it saw through, a repeated element it took the first of. Worth a debug log line, never an error.
public struct DecodingWarning: Hashable, Sendable, CustomStringConvertible {
    /// The element path, such as `requestingAgencyMessage/activeSection`.
    public var path: String
    /// What was done about it.
    public var message: String
    /// 1-based line, when known.
    public var line: Int?

    /// Creates a warning.
    public init(path: String, message: String, line: Int? = nil) {
        self.path = path
        self.message = message
        self.line = line
    }

    public var description: String {
        "\(path): \(message)" + XMLPosition(line: line).suffix
    }
}
