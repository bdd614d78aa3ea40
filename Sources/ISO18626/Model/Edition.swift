/// An edition of ISO 18626 as it appears on the wire, which decides element names, order and cardinality.
///
/// illgate reads every edition leniently and emits exactly two: ``v1_2`` (the 2017 standard, schema v1.2,
/// what CrossLink and ReShare speak) and ``v2021`` (the 2021 standard, schema 2021-2).
public enum Edition: String, Hashable, Sendable, CaseIterable, CustomStringConvertible {
    /// ISO 18626:2017, schema `ISO-18626-v1_2.xsd`. Also used for messages that declare 1.0, 1.1 or nothing.
    case v1_2 = "1.2"
    /// ISO 18626:2021, schema `ISO-18626-2021-2.xsd`. Used for messages that declare any `2021-x` version.
    case v2021 = "2021-2"

    /// The value illgate writes into the envelope's `ill:version` attribute.
    public var versionAttribute: String { rawValue }

    /// The file name of the schema in `schemas/` that messages of this edition are validated against.
    public var schemaFileName: String {
        switch self {
        case .v1_2: "ISO-18626-v1_2.xsd"
        case .v2021: "ISO-18626-2021-2.xsd"
        }
    }

    public var description: String { rawValue }

    /// The edition a peer's `version` attribute announces: any `2021...` value means the 2021 edition,
    /// anything else (1.0, 1.1, 1.2, empty, absent, unknown) the 2017 rules, which every deployed peer accepts.
    public init(versionAttribute: String?) {
        let trimmed = versionAttribute?.trimmingXMLWhitespace() ?? ""
        self = trimmed.hasPrefix("2021") ? .v2021 : .v1_2
    }
}
