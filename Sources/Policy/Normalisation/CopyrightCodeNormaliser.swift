import Foundation

/// Reads a `serviceInfo/copyrightCompliance` value as peers send it (N06, policy reference §4.6).
///
/// The value is trimmed, en and em dashes (and the other Unicode hyphens) become `-`, white space around
/// `-` and `:` is dropped, the configured aliases apply (`CCG` → `US-CCG`), and the result is matched
/// case-insensitively against the ISO 18626 list and the codes the configuration accepts. A value that
/// matches nothing, such as ILLiad's concatenated `CCLCCG`, is ``Result/unrecognised(_:)``: never an error.
public enum CopyrightCodeNormaliser {
    /// What a declaration value means.
    public enum Result: Hashable, Sendable {
        /// A known code, in its standard spelling (`US-CCG`, `AU-CopyrightActS50-1`, `Other`) or, for a
        /// code that only the configuration names, in the configuration's spelling.
        case recognised(String)
        /// Nothing we know: the cleaned value, for logs.
        case unrecognised(String)

        /// The recognised code, or `nil`.
        public var code: String? {
            if case .recognised(let code) = self { return code }
            return nil
        }
    }

    /// The ISO 18626 CopyrightCompliance values (2017 and 2021), in the standard's spelling.
    public static let standardCodes: [String] = [
        "AU-CopyRCatS183ComW", "AU-CopyRCatS183State", "AU-CopyrightActS49", "AU-CopyrightActS50-1",
        "AU-CopyrightActS50-7A", "AU-CopyrightActS50-7B", "AU-CopyrightCleared", "AU-GenBus",
        "EU-DirectiveOrphanWorks", "EU-DirectiveRightsDigitalSingleMarket", "NZ-CopyrightActS54",
        "NZ-CopyrightActS55", "Other", "UK-CopyRFeePaid", "UK-FairDealing", "US-CCG", "US-CCL",
    ]

    /// Normalises `raw` under `configuration`'s aliases and accepted codes.
    public static func normalise(_ raw: String, configuration: CopyrightConfiguration) -> Result {
        let cleaned = clean(raw)
        guard !cleaned.isEmpty else { return .unrecognised("") }
        let folded = cleaned.lowercased()
        var candidate = cleaned
        if let alias = configuration.codeAliases.first(where: { clean($0.key).lowercased() == folded }) {
            candidate = clean(alias.value)
        }
        let foldedCandidate = candidate.lowercased()
        if let standard = standardCodes.first(where: { $0.lowercased() == foldedCandidate }) {
            return .recognised(standard)
        }
        let configured = configuration.acceptedCodes + configuration.foreignCodes.values.flatMap { $0 }
        if let known = configured.map(clean).first(where: { $0.lowercased() == foldedCandidate }) {
            return .recognised(known)
        }
        return .unrecognised(cleaned)
    }

    /// The code `raw` stands for, or `nil` when it is not recognised.
    public static func standardCode(_ raw: String, configuration: CopyrightConfiguration) -> String? {
        normalise(raw, configuration: configuration).code
    }

    /// Trims, maps Unicode dashes to `-` and drops white space next to `-` and `:`.
    static func clean(_ raw: String) -> String {
        var text = raw.trimmingCharacters(in: .whitespacesAndNewlines)
        for dash in ["\u{2010}", "\u{2011}", "\u{2012}", "\u{2013}", "\u{2014}", "\u{2015}", "\u{2212}"] {
            text = text.replacingOccurrences(of: dash, with: "-")
        }
        var result = ""
        var pendingSpace = false
        for character in text {
            if character.isWhitespace {
                pendingSpace = true
                continue
            }
            if pendingSpace, character != "-", character != ":", let last = result.last, last != "-", last != ":" {
                result.append(" ")
            }
            pendingSpace = false
            result.append(character)
        }
        return result
    }
}
