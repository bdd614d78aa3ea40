import ISO18626
import Synchronization

/// The last line of defence against patron data in the logs.
///
/// **The real rule is: never log patron data.** Callers log transaction ids, message types, states, peers and
/// outcomes; never a patron's name, id, email, address or phone, and never a message body. This guard only
/// catches mistakes, and only two kinds of them:
///
/// - a metadata value whose key names patron data (``isPatronDataKey(_:)``, case-insensitive, also inside
///   nested dictionaries) is printed as `[redacted]`;
/// - ISO 18626 XML in a message, a metadata value or an error description has the content of every
///   `patronInfo` element (with any namespace prefix) replaced by `[redacted]` (``scrubPatronInfo(_:)``);
/// - error text (`error_value`, `error`, `*_error`) that names a patron element or is a parse error has the
///   values it quotes replaced (``scrubErrorText(_:)``); the sources redact the values they know first.
///
/// Anything else, such as a patron's name interpolated into a message, it cannot recognize. Network addresses
/// belong under specific keys (`peer_address`, `listen_address`): a key named just `address` is redacted.
public enum PatronDataGuard {
    /// What is printed in place of patron data.
    public static let redactionMarker = "[redacted]"

    /// Key fragments that always mean patron data, wherever they appear in a normalized key.
    private static let patronKeyFragments: [String] = [
        "patron", "surname", "givenname", "firstname", "lastname", "familyname", "fullname", "email", "phone",
        "dateofbirth", "birthdate", "postaladdress", "physicaladdress", "electronicaddress", "homeaddress",
        "streetaddress",
    ]

    /// Normalized keys that mean patron data only as a whole (`address`, but not `peer_address`).
    private static let patronKeys: Set<String> = ["address", "addressline", "line1", "line2", "postcode", "postalcode"]

    /// Whether a metadata key names patron data.
    ///
    /// The key is lowercased and stripped of `_`, `-`, `.` and spaces, so `patron_id`, `patronId`, `PatronID`,
    /// `given-name` and `e_mail` all match. Keys containing `patron`, `surname`, `givenname`, `firstname`,
    /// `lastname`, `familyname`, `fullname`, `email`, `phone`, `dateofbirth`, `birthdate` or a postal, physical,
    /// electronic, home or street `address` match, as do the whole keys `address`, `line1`, `line2`, `postcode`
    /// and `postalcode`.
    /// - Parameter key: A metadata key.
    public static func isPatronDataKey(_ key: String) -> Bool {
        if let known = verdicts.withLock({ $0[key] }) { return known }
        let verdict = judge(key)
        verdicts.withLock { verdicts in
            // Metadata keys come from code, so there are few of them; the bound only guards against a caller
            // that builds keys from data.
            if verdicts.count >= maximumRememberedKeys { verdicts.removeAll(keepingCapacity: true) }
            verdicts[key] = verdict
        }
        return verdict
    }

    /// Verdicts on keys seen before: every log line has several keys, and judging one costs substring
    /// searches.
    private static let verdicts = Mutex<[String: Bool]>([:])
    private static let maximumRememberedKeys = 1_024

    private static func judge(_ key: String) -> Bool {
        var normalized = ""
        normalized.reserveCapacity(key.utf8.count)
        for character in key.lowercased() where !"_-. ".contains(character) {
            normalized.append(character)
        }
        if patronKeys.contains(normalized) {
            return true
        }
        return patronKeyFragments.contains { normalized.contains($0) }
    }

    /// Keys whose values are error text, which may quote a value from a patron element (`error_value`,
    /// `error`, `store_error`).
    public static func isErrorTextKey(_ key: String) -> Bool {
        key == "error_value" || key == "error" || key.hasSuffix("_error")
    }

    /// Error text without `patronInfo` XML and without the values it quotes for a patron element or in a
    /// parse error (``PatronDataRedaction/errorText(_:patronValues:)``).
    public static func scrubErrorText(_ text: String) -> String {
        PatronDataRedaction.errorText(scrubPatronInfo(text))
    }

    /// Replaces the content of every ISO 18626 `patronInfo` element in `text` with `[redacted]`.
    ///
    /// The element may carry any namespace prefix (`<ill:patronInfo>`) and the name is matched without regard to
    /// case. The start tag loses its attributes, self-closing elements are left alone, and an element that is never
    /// closed (truncated XML) is redacted to the end of the text. Text without `<` is returned unchanged at once.
    /// - Parameter text: A log message, metadata value or error description.
    /// - Returns: The text with patron information removed.
    public static func scrubPatronInfo(_ text: String) -> String {
        let scrubbed = PatronInfoElements.replacing(in: text) { element, bytes in
            guard !element.isSelfClosing else { return Array(bytes[element.whole]) }
            var redacted: [UInt8] = [UInt8(ascii: "<")]
            redacted.append(contentsOf: bytes[element.name])
            redacted.append(UInt8(ascii: ">"))
            redacted.append(contentsOf: redactionMarker.utf8)
            if let endTag = element.endTag {
                redacted.append(contentsOf: bytes[endTag])
            }
            return redacted
        }
        return scrubbed ?? text
    }
}
