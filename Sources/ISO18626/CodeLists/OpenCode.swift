/// Describes one ISO 18626 open code list (the schema's `type_schemeValuePair` elements).
///
/// Open lists have default values published in the standard's Annex B, but peers may use
/// other schemes and, in practice, other values. illgate keeps any value it receives.
public protocol OpenCodeList: Sendable {
    /// The list's name as the standard gives it, such as `ReasonUnfilled`.
    static var listName: String { get }
    /// The default values of the list in the 2017 and 2021 editions together, in the standard's spelling.
    static var knownValues: Set<String> { get }
}

/// A value from an open code list, with the optional `scheme` URI that names the list it comes from.
///
/// The phantom `List` type keeps values of different lists apart at compile time:
/// a ``ReasonRetry`` cannot be passed where a ``ReasonUnfilled`` is expected.
public struct OpenCode<List: OpenCodeList>: Hashable, Sendable, ExpressibleByStringLiteral, CustomStringConvertible {
    /// The code value, such as `NotHeld`.
    public var value: String
    /// The `scheme` attribute: the URI of the code list the value belongs to. `nil` means the default list.
    public var scheme: String?

    /// Creates a code value.
    /// - Parameters:
    ///   - value: the value as it is to be sent.
    ///   - scheme: the URI of a non-default code list, or `nil` for the standard's default list.
    public init(_ value: String, scheme: String? = nil) {
        self.value = value
        self.scheme = scheme
    }

    public init(stringLiteral value: String) {
        self.init(value)
    }

    /// Reads a value as a peer sent it: surrounding white space is dropped, an empty scheme means the
    /// default list, and a value that matches a default value in another letter case takes the
    /// standard's spelling (`notheld` becomes `NotHeld`). Any other value is kept as it is.
    public init(lenient text: String, scheme: String?) {
        let trimmed = text.trimmingXMLWhitespace()
        let trimmedScheme = scheme?.trimmingXMLWhitespace()
        self.scheme = (trimmedScheme?.isEmpty ?? true) ? nil : trimmedScheme
        if List.knownValues.contains(trimmed) || self.scheme != nil {
            self.value = trimmed
        } else {
            let folded = trimmed.lowercased()
            self.value = List.knownValues.first { $0.lowercased() == folded } ?? trimmed
        }
    }

    /// Whether the value is one of the standard's default values for this list (and no other scheme is named).
    public var isDefaultValue: Bool {
        scheme == nil && List.knownValues.contains(value)
    }

    public var description: String { value }
}
