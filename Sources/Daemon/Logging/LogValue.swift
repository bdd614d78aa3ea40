import Logging

/// A metadata value made safe to print: patron data redacted, strings scrubbed, dictionaries sorted by key.
///
/// The encoders (``LogfmtEncoder``, ``JSONLineEncoder``) only ever see this form, so the patron-data guard
/// cannot be bypassed by a format.
enum LogValue: Sendable, Equatable {
    /// Text.
    case string(String)
    /// A number, as its decimal text (printed bare in JSON).
    case number(String)
    /// A Boolean.
    case bool(Bool)
    /// Key-value pairs in output order.
    case object([Field])
    /// Values in order.
    case array([LogValue])

    /// One named value of a line or of an object.
    struct Field: Sendable, Equatable {
        /// The key as given (encoders escape or sanitize it).
        var key: String
        /// The value.
        var value: LogValue
    }

    /// What stands in for patron data.
    static let redacted = LogValue.string(PatronDataGuard.redactionMarker)

    /// Converts a metadata value stored under `key`, redacting it when the key names patron data.
    /// - Parameters:
    ///   - value: The metadata value.
    ///   - key: Its key.
    init(_ value: Logger.MetadataValue, key: String) {
        if PatronDataGuard.isPatronDataKey(key) {
            self = .redacted
        } else if case .string(let text) = value, PatronDataGuard.isErrorTextKey(key) {
            self = .string(PatronDataGuard.scrubErrorText(text))
        } else {
            self = LogValue(value)
        }
    }

    /// Converts a metadata value: strings are scrubbed of `patronInfo` XML, nested keys are checked and sorted,
    /// and integers, floating-point numbers and Booleans passed as `.stringConvertible` keep their type.
    init(_ value: Logger.MetadataValue) {
        switch value {
        case .string(let text):
            self = .string(PatronDataGuard.scrubPatronInfo(text))
        case .stringConvertible(let convertible):
            self = LogValue(convertible)
        case .dictionary(let dictionary):
            self = .object(
                dictionary.sorted { $0.key < $1.key }.map { Field(key: $0.key, value: LogValue($0.value, key: $0.key)) }
            )
        case .array(let values):
            self = .array(values.map { LogValue($0) })
        }
    }

    /// Converts a `CustomStringConvertible` value, keeping numbers and Booleans as such.
    private init(_ convertible: any CustomStringConvertible & Sendable) {
        if let bool = convertible as? Bool {
            self = .bool(bool)
        } else if convertible is any BinaryInteger {
            self = .number(convertible.description)
        } else if let double = convertible as? Double, double.isFinite {
            self = .number(double.description)
        } else if let float = convertible as? Float, float.isFinite {
            self = .number(float.description)
        } else {
            self = .string(PatronDataGuard.scrubPatronInfo(convertible.description))
        }
    }
}
