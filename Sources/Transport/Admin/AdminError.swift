public import Gateway

/// What the admin API says when it refuses, as JSON: `{"error": "...", "reason": "badRequest"}`.
public struct AdminError: Codable, Sendable, Equatable, Error, CustomStringConvertible {
    /// Why the call was refused: a code that can grow, written as a string in the JSON. A reason this
    /// version does not know (from a newer daemon) is read as it is.
    public struct Reason: Hashable, Sendable, Codable, CustomStringConvertible {
        /// The code as written in the JSON.
        public let rawValue: String

        private init(_ rawValue: String) {
            self.rawValue = rawValue
        }

        /// The call is malformed: a bad body, action, date or amount (HTTP 400).
        public static let badRequest = Reason("badRequest")
        /// No such transaction or review (HTTP 404).
        public static let notFound = Reason("notFound")
        /// The transaction's state does not allow the call (HTTP 409).
        public static let conflict = Reason("conflict")
        /// A stored row holds a value this version cannot read (HTTP 500).
        public static let corruptData = Reason("corruptData")

        /// The reason of a refused staff action, under the same name.
        public init(_ reason: StaffActionError.Reason) {
            self.rawValue = reason.rawValue
        }

        public init(from decoder: any Decoder) throws {
            rawValue = try decoder.singleValueContainer().decode(String.self)
        }

        public func encode(to encoder: any Encoder) throws {
            var container = encoder.singleValueContainer()
            try container.encode(rawValue)
        }

        public var description: String { rawValue }
    }

    /// The explanation for staff.
    public var error: String
    /// Why the call was refused.
    public var reason: Reason

    /// Creates a refusal.
    public init(error: String, reason: Reason) {
        self.error = error
        self.reason = reason
    }

    public var description: String { error }
}
