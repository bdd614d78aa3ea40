/// Writes fields as one compact JSON object: no pretty printing, no line breaks, keys in the given order.
///
/// Strings use JSON escaping (``LogStringEscaper``); numbers and Booleans are bare; nested dictionaries become
/// objects with sorted keys and arrays stay arrays.
enum JSONLineEncoder {
    /// Appends the object to `output`.
    static func encode(_ fields: [LogValue.Field], to output: inout String) {
        appendObject(fields, to: &output)
    }

    /// Appends `{"key":value,...}`.
    private static func appendObject(_ fields: [LogValue.Field], to output: inout String) {
        output += "{"
        for (index, field) in fields.enumerated() {
            if index > 0 {
                output += ","
            }
            appendString(field.key, to: &output)
            output += ":"
            appendValue(field.value, to: &output)
        }
        output += "}"
    }

    /// Appends one value.
    private static func appendValue(_ value: LogValue, to output: inout String) {
        switch value {
        case .string(let text):
            appendString(text, to: &output)
        case .number(let text):
            output += text
        case .bool(let bool):
            output += bool ? "true" : "false"
        case .object(let fields):
            appendObject(fields, to: &output)
        case .array(let values):
            output += "["
            for (index, element) in values.enumerated() {
                if index > 0 {
                    output += ","
                }
                appendValue(element, to: &output)
            }
            output += "]"
        }
    }

    /// Appends a quoted, escaped string.
    private static func appendString(_ text: String, to output: inout String) {
        output += "\""
        LogStringEscaper.appendEscaped(text, to: &output)
        output += "\""
    }
}
