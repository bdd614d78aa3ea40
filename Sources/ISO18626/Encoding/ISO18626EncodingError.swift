/// Why a message cannot be written in the requested edition without breaking its schema.
public struct ISO18626EncodingError: Error, Hashable, Sendable, CustomStringConvertible {
    /// The kinds of problem.
    public enum Reason: Hashable, Sendable {
        /// A value the schema requires is missing from the model.
        case missingValue
        /// The value exists only in another edition (such as status HoldReturn in the 2017 edition).
        case notInEdition
        /// The value breaks a rule of the schema (such as a negative sort order in 2021).
        case invalidValue
        /// The written document does not validate against the schema (a defect in illgate).
        case schemaViolation
    }

    /// What kind of problem.
    public var reason: Reason
    /// The element path and what is wrong with it.
    public var detail: String

    /// Creates an encoding error.
    public init(_ reason: Reason, _ detail: String) {
        self.reason = reason
        self.detail = detail
    }

    public var description: String { detail }
}
