import Foundation

/// Counts the pages of a `pagesRequested` value (N05).
///
/// `12-34` is 23 pages, `12–34, 40-45` is 29, `S12-S19` is 8, `7` is 1, and `1234-56` (an abbreviated end)
/// is 1234–1256, 23 pages. Anything that cannot be counted exactly gives `nil`: roman numerals (`iv-x`),
/// e-locators (`e1001`), open ranges (`12-`, `12ff`), prefixes that differ between the ends (`S12-A19`), or a
/// range that runs backwards. `nil` means "unknown", never "zero".
public enum PageCount {
    /// The number of pages `pages` asks for, or `nil` when it cannot be counted.
    public static func parse(_ pages: String) -> Int? {
        var text = pages
        for dash in ["\u{2010}", "\u{2011}", "\u{2012}", "\u{2013}", "\u{2014}", "\u{2212}"] {
            text = text.replacingOccurrences(of: dash, with: "-")
        }
        text = stripPagePrefix(text)
        let parts = text.split(whereSeparator: { $0 == "," || $0 == ";" })
            .map { $0.filter { !$0.isWhitespace } }
            .filter { !$0.isEmpty }
        guard !parts.isEmpty else { return nil }
        var total = 0
        for part in parts {
            guard let count = count(part: stripPagePrefix(String(part))) else { return nil }
            let (sum, overflow) = total.addingReportingOverflow(count)
            guard !overflow else { return nil }
            total = sum
        }
        return total > 0 ? total : nil
    }

    /// Drops a leading `pp.`, `p.`, `pages` or `page` and surrounding white space.
    private static func stripPagePrefix(_ text: String) -> String {
        var trimmed = Substring(text).drop(while: \.isWhitespace)
        let lower = trimmed.lowercased()
        for prefix in ["pages", "page", "pp.", "pp", "p."] where lower.hasPrefix(prefix) {
            let rest = trimmed.dropFirst(prefix.count)
            // `p` followed by a digit or space is the prefix; `page` in `pages` is handled by order.
            if rest.first.map({ $0.isWhitespace || $0.isNumber }) ?? false {
                trimmed = rest.drop(while: \.isWhitespace)
                break
            }
        }
        return String(trimmed).trimmingTrailingDots()
    }

    /// Counts one `N`, `N-M` or `S12-S19` part.
    private static func count(part: String) -> Int? {
        let ends = part.split(separator: "-", omittingEmptySubsequences: false).map(String.init)
        switch ends.count {
        case 1:
            return locator(ends[0]) != nil ? 1 : nil
        case 2:
            guard let start = locator(ends[0]), let end = locator(ends[1]) else { return nil }
            // `S12-19` is read as S12-S19; otherwise both ends carry the same prefix.
            guard start.prefix == end.prefix || end.prefix.isEmpty else { return nil }
            var last = end.number
            if last < start.number, end.digits.count < start.digits.count {
                // Abbreviated end: 1234-56 means 1234-1256.
                let head = String(start.digits.dropLast(end.digits.count))
                guard let expanded = Int(head + end.digits) else { return nil }
                last = expanded
            }
            guard last >= start.number else { return nil }
            return last - start.number + 1
        default:
            return nil
        }
    }

    /// A page locator: an optional letter prefix (not an e-locator's `e`) and at most seven digits.
    private static func locator(_ text: String) -> (prefix: String, digits: String, number: Int)? {
        let prefix = String(text.prefix(while: \.isLetter))
        let digits = String(text.dropFirst(prefix.count))
        guard !digits.isEmpty, digits.count <= 7, digits.allSatisfy(\.isASCII), digits.allSatisfy(\.isNumber) else { return nil }
        guard prefix.count <= 2, prefix.allSatisfy(\.isASCII), prefix.lowercased() != "e" else { return nil }
        guard let number = Int(digits) else { return nil }
        return (prefix.uppercased(), digits, number)
    }
}

extension String {
    fileprivate func trimmingTrailingDots() -> String {
        var result = Substring(self)
        while let last = result.last, last == "." || last.isWhitespace { result = result.dropLast() }
        return String(result)
    }
}
