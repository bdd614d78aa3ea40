public import ISO18626
import Foundation

/// A valid International Standard Serial Number (N01).
///
/// Parsing uppercases the text, drops spaces and hyphens, requires seven digits and a digit or `X`, and
/// checks the check digit (weights 8…2 on the first seven digits; check = (11 − sum mod 11) mod 11, with
/// 10 written `X`). An invalid ISSN is never used as an identifier: `init?` returns `nil`.
public struct ISSN: Hashable, Sendable, CustomStringConvertible {
    /// The eight characters without the hyphen, e.g. `2434561X`.
    private let compact: String

    /// Parses an ISSN in any common spelling (`1234-5679`, `12345679`, `2434-561x`, ` 1234 5679 `).
    /// - Returns: `nil` unless the text is a well-formed ISSN with a correct check digit.
    public init?(_ raw: String) {
        let characters = raw.uppercased().filter { $0 != " " && $0 != "-" && $0 != "\u{2010}" && $0 != "\u{2013}" && !$0.isWhitespace }
        guard characters.count == 8 else { return nil }
        var sum = 0
        for (offset, character) in characters.prefix(7).enumerated() {
            guard character.isASCII, let digit = character.wholeNumberValue else { return nil }
            sum += digit * (8 - offset)
        }
        guard let last = characters.last else { return nil }
        let expected = (11 - sum % 11) % 11
        let given: Int
        if last == "X" {
            given = 10
        } else if last.isASCII, let digit = last.wholeNumberValue {
            given = digit
        } else {
            return nil
        }
        guard given == expected else { return nil }
        self.compact = String(characters)
    }

    /// The canonical form `NNNN-NNNC`, uppercase `X`.
    public var canonical: String {
        "\(compact.prefix(4))-\(compact.suffix(4))"
    }

    public var description: String { canonical }

    /// The item-identifier codes that carry an ISSN, compared case-insensitively (N01).
    public static let itemIdentifierCodes: Set<String> = ["ISSN", "EISSN", "E-ISSN", "PISSN", "P-ISSN", "ISSN-L", "ISSNL"]

    /// Whether an item-identifier code names an ISSN (`ISSN`, `EISSN`, `E-ISSN`, `PISSN`, `ISSN-L`, any case).
    public static func isISSNCode(_ code: String) -> Bool {
        itemIdentifierCodes.contains(code.trimmingCharacters(in: .whitespaces).uppercased())
    }

    /// The valid ISSNs among item identifiers, in order and without repeats; invalid ones are skipped.
    public static func valid(in identifiers: [BibliographicItemID]) -> [ISSN] {
        var seen: Set<ISSN> = []
        var result: [ISSN] = []
        for identifier in identifiers where isISSNCode(identifier.code.value) {
            guard let issn = ISSN(identifier.identifier), seen.insert(issn).inserted else { continue }
            result.append(issn)
        }
        return result
    }

    /// The valid ISSNs of a request's `bibliographicItemId`s (any ISSN code), in order and without repeats.
    public static func valid(in request: Request) -> [ISSN] {
        valid(in: request.bibliographicInfo.bibliographicItemID)
    }
}
