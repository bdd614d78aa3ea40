/// Why a message was not understood: the ISO 18626 error type and a short text naming the element or value.
public struct ErrorData: Hashable, Sendable, CustomStringConvertible {
    /// The kind of error.
    public var errorType: ErrorType
    /// What was wrong, by convention starting with the element name (`status: WeCouldLoan`).
    public var errorValue: String?

    /// Creates error data.
    public init(errorType: ErrorType, errorValue: String? = nil) {
        self.errorType = errorType
        self.errorValue = errorValue
    }

    public var description: String {
        errorValue.map { "\(errorType.rawValue): \($0)" } ?? errorType.rawValue
    }
}
