import Foundation

/// The normalised key of a title, used to group requests for one periodical or work when no standard
/// number identifies it (N03). Abbreviations are not expanded.
public enum TitleKey {
    /// The articles dropped from the start of every title.
    public static let defaultLeadingArticles = ["the", "a", "an"]

    /// The key of a title: Unicode NFKC, case folded, diacritics stripped, `&` read as `and`, a trailing
    /// parenthetical qualifier such as `(Online)` dropped, punctuation dropped, one leading article
    /// (`the`, `a`, `an` and `leadingArticles`) dropped, white space collapsed.
    ///
    /// `TitleKey.make("The Journal of Études & Recherches (Online)")` is `"journal of etudes and recherches"`.
    public static func make(_ title: String, leadingArticles: [String] = []) -> String {
        var tokens = words(of: title)
        let articles = Set((defaultLeadingArticles + leadingArticles).flatMap { words(of: $0) })
        if tokens.count > 1, let first = tokens.first, articles.contains(first) {
            tokens.removeFirst()
        }
        return tokens.joined(separator: " ")
    }

    /// Whether a title looks abbreviated, so that it identifies a periodical only weakly: more than one
    /// word ends in `.`, or the average word (after normalisation) is at most four characters long. An
    /// empty title is weak. The caller decides whether a standard number makes the title irrelevant.
    public static func isWeak(_ title: String) -> Bool {
        let raw = title.precomposedStringWithCompatibilityMapping.split(whereSeparator: \.isWhitespace)
        if raw.filter({ $0.hasSuffix(".") }).count > 1 { return true }
        let tokens = words(of: title)
        guard !tokens.isEmpty else { return true }
        let letters = tokens.reduce(0) { $0 + $1.count }
        return letters <= 4 * tokens.count
    }

    /// The normalised words of a text, before the leading article is considered.
    static func words(of text: String) -> [String] {
        var folded = text.precomposedStringWithCompatibilityMapping
            .folding(options: [.diacriticInsensitive, .caseInsensitive, .widthInsensitive], locale: nil)
            .lowercased()
        folded = droppingTrailingQualifier(folded)
        var cleaned = ""
        cleaned.reserveCapacity(folded.count)
        for character in folded {
            if character == "&" {
                cleaned += " and "
            } else if character == "'" || character == "\u{2019}" || character == "\u{2018}" {
                // Apostrophes join: "nature's" → "natures".
                continue
            } else if character.isLetter || character.isNumber {
                cleaned.append(character)
            } else {
                cleaned.append(" ")
            }
        }
        return cleaned.split(whereSeparator: \.isWhitespace).map(String.init)
    }

    /// The text without one trailing parenthetical qualifier, e.g. `(Online)` or `(London, England)`,
    /// unless the qualifier is all there is.
    private static func droppingTrailingQualifier(_ text: String) -> String {
        let trimmed = text.trimmingCharacters(in: .whitespacesAndNewlines)
        guard trimmed.hasSuffix(")"), let open = trimmed.lastIndex(of: "(") else { return trimmed }
        let inner = trimmed[trimmed.index(after: open)..<trimmed.index(before: trimmed.endIndex)]
        guard !inner.contains("("), !inner.contains(")") else { return trimmed }
        let head = trimmed[..<open].trimmingCharacters(in: .whitespaces)
        return head.isEmpty ? trimmed : head
    }
}
