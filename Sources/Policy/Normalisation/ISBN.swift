import Foundation
public import ISO18626

/// International Standard Book Numbers, normalised to ISBN-13 (N02).
public enum ISBN {
    /// The ISBN-13 (13 digits, no hyphens) of an ISBN-10 or ISBN-13 in any common spelling, or `nil`
    /// when the text is not a valid ISBN. An ISBN-10 becomes `978` + its first nine digits + a recomputed
    /// check digit: `0-306-40615-2` and `978-0-306-40615-7` both give `9780306406157`.
    public static func isbn13(_ raw: String) -> String? {
        // A qualifier such as `(pbk.)` after the number is dropped.
        let number = raw.split(separator: "(", maxSplits: 1, omittingEmptySubsequences: false).first.map(String.init) ?? raw
        let characters = Array(number.uppercased().filter { !$0.isWhitespace && $0 != "-" && $0 != "\u{2010}" && $0 != "\u{2013}" })
        switch characters.count {
        case 10:
            var digits: [Int] = []
            for character in characters.prefix(9) {
                guard character.isASCII, let digit = character.wholeNumberValue else { return nil }
                digits.append(digit)
            }
            guard let last = characters.last else { return nil }
            let check: Int
            if last == "X" {
                check = 10
            } else if last.isASCII, let digit = last.wholeNumberValue {
                check = digit
            } else {
                return nil
            }
            // Weights 10…2 on the first nine digits; with the check digit (weight 1) the sum is 0 mod 11.
            let sum = digits.enumerated().reduce(0) { $0 + $1.element * (10 - $1.offset) } + check
            guard sum % 11 == 0 else { return nil }
            let body = [9, 7, 8] + digits
            return (body + [ean13Check(body)]).map(String.init).joined()
        case 13:
            var digits: [Int] = []
            for character in characters {
                guard character.isASCII, let digit = character.wholeNumberValue else { return nil }
                digits.append(digit)
            }
            guard characters.starts(with: ["9", "7", "8"]) || characters.starts(with: ["9", "7", "9"]) else { return nil }
            guard ean13Check(Array(digits.prefix(12))) == digits[12] else { return nil }
            return String(characters)
        default:
            return nil
        }
    }

    /// The first valid ISBN-13 among item identifiers whose code starts with `ISBN` (any case).
    public static func first(in identifiers: [BibliographicItemID]) -> String? {
        for identifier in identifiers where identifier.code.value.trimmingCharacters(in: .whitespaces).uppercased().hasPrefix("ISBN") {
            if let isbn = isbn13(identifier.identifier) { return isbn }
        }
        return nil
    }

    /// The EAN-13 check digit of twelve digits (weights 1, 3, 1, 3, …).
    private static func ean13Check(_ twelve: [Int]) -> Int {
        let sum = twelve.enumerated().reduce(0) { $0 + $1.element * ($1.offset % 2 == 0 ? 1 : 3) }
        return (10 - sum % 10) % 10
    }
}
