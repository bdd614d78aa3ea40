public import Foundation

/// Reads and writes `xs:decimal` amounts exactly, without floating point.
public enum DecimalFormat {
    /// The locale both directions use: `.` as the decimal separator, no grouping.
    private static let posix = Locale(identifier: "en_US_POSIX")

    /// Parses `12`, `-3.50`, `+0.5`, `.5`; `nil` for anything else (exponents, grouping, currency signs).
    public static func parse(_ text: String) -> Decimal? {
        var sawDigit = false
        var sawPoint = false
        for (offset, character) in text.enumerated() {
            switch character {
            case "0"..."9": sawDigit = true
            case ".": if sawPoint { return nil } else { sawPoint = true }
            case "+", "-": if offset != 0 { return nil }
            default: return nil
            }
        }
        guard sawDigit else { return nil }
        return Decimal(string: text, locale: posix)
    }

    /// Formats an amount with exactly `places` decimal places, rounded half up (`12.50`, `-3.00`, `1500`).
    public static func format(_ value: Decimal, places: Int) -> String {
        var input = value
        var rounded = Decimal()
        NSDecimalRound(&rounded, &input, places, .plain)
        var text = format(rounded)
        guard places > 0 else { return text }
        if let point = text.firstIndex(of: ".") {
            text += String(repeating: "0", count: max(0, places - text.distance(from: point, to: text.endIndex) + 1))
        } else {
            text += "." + String(repeating: "0", count: places)
        }
        return text
    }

    /// Formats an amount as `xs:decimal` (`12.5`, `-3`).
    public static func format(_ value: Decimal) -> String {
        var value = value
        return NSDecimalString(&value, posix)
    }
}
