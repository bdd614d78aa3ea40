/// Writes fields as one logfmt line: `key=value` pairs separated by single spaces.
///
/// Values are quoted only when needed (empty, or containing a space, `=`, `"`, `\`, white space or a control
/// character) and escaped inside the quotes by ``LogStringEscaper``. Keys are never quoted: characters that would
/// break a key become `_`. Nested values are flattened with dotted keys, sorted: `peer.id=x peer.role=lender`;
/// array elements get their index: `codes.0=a codes.1=b`. Empty collections print as `{}` and `[]`.
enum LogfmtEncoder {
    /// Appends the fields to `output`.
    static func encode(_ fields: [LogValue.Field], to output: inout String) {
        var first = true
        for field in fields {
            append(key: sanitizedKey(field.key), value: field.value, to: &output, first: &first)
        }
    }

    /// Appends one value, flattening collections.
    private static func append(key: String, value: LogValue, to output: inout String, first: inout Bool) {
        switch value {
        case .string(let text):
            appendPair(key: key, value: text, to: &output, first: &first)
        case .number(let text):
            appendPair(key: key, value: text, to: &output, first: &first)
        case .bool(let bool):
            appendPair(key: key, value: bool ? "true" : "false", to: &output, first: &first)
        case .object(let fields):
            guard !fields.isEmpty else {
                appendPair(key: key, value: "{}", to: &output, first: &first)
                return
            }
            for field in fields {
                append(key: key + "." + sanitizedKey(field.key), value: field.value, to: &output, first: &first)
            }
        case .array(let values):
            guard !values.isEmpty else {
                appendPair(key: key, value: "[]", to: &output, first: &first)
                return
            }
            for (index, element) in values.enumerated() {
                append(key: "\(key).\(index)", value: element, to: &output, first: &first)
            }
        }
    }

    /// Appends ` key=value`, quoting the value if needed.
    private static func appendPair(key: String, value: String, to output: inout String, first: inout Bool) {
        if !first {
            output += " "
        }
        first = false
        output += key
        output += "="
        if needsQuotes(value) {
            output += "\""
            LogStringEscaper.appendEscaped(value, to: &output)
            output += "\""
        } else {
            output += value
        }
    }

    /// Whether a value must be quoted.
    static func needsQuotes(_ value: String) -> Bool {
        value.isEmpty || value.unicodeScalars.contains(where: isSpecial)
    }

    /// A key with every space, `=`, `"`, `\` and control character replaced by `_`; `_` for an empty key.
    static func sanitizedKey(_ key: String) -> String {
        guard !key.isEmpty else {
            return "_"
        }
        guard key.unicodeScalars.contains(where: isSpecial) else {
            return key
        }
        var result = ""
        for scalar in key.unicodeScalars {
            result.unicodeScalars.append(isSpecial(scalar) ? "_" : scalar)
        }
        return result
    }

    /// Characters that end a bare key or value.
    private static func isSpecial(_ scalar: Unicode.Scalar) -> Bool {
        scalar == "=" || scalar == "\"" || scalar == "\\" || scalar.properties.isWhitespace
            || LogStringEscaper.needsUnicodeEscape(scalar)
    }
}
