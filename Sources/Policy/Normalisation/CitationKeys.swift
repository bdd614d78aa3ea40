import Foundation
public import ISO18626

/// Stable keys of what a request asks for, stored with each transaction so that history can be counted
/// (duplicates, red flags): lowercase, `|`-separated, free of patron data.
///
/// - ``title``: the first valid ISSN (canonical), else the ISBN-13, else the title key (N01–N03).
/// - ``citation``: title | volume (or year) | issue | pages (or the component title's key): the same
///   article or part, in the manner of RapidILL's same-citation key.
/// - ``issue``: title | volume (or year) | issue, when the request names an issue.
public struct CitationKeys: Hashable, Sendable {
    /// The key of the article or part wanted.
    public var citation: String
    /// The key of the periodical or work.
    public var title: String
    /// The key of the issue, or `nil` when the request names none.
    public var issue: String?

    /// The keys of a request.
    public init(request: Request) {
        let info = request.bibliographicInfo
        let title: String
        if let issn = ISSN.valid(in: info.bibliographicItemID).first {
            title = issn.canonical.lowercased()
        } else if let isbn = ISBN.first(in: info.bibliographicItemID) {
            title = isbn
        } else {
            title = TitleKey.make(info.title ?? "")
        }
        let volume = info.volume.lazy.map(Self.part).first { !$0.isEmpty }
        let year = request.publicationInfo?.publicationDate.flatMap { date in
            date.firstMatch(of: /\d{4}/).map { String($0.0) }
        }
        let volumeOrYear = volume ?? year ?? ""
        let issue = info.issue.map(Self.part) ?? ""
        let pages = info.pagesRequested.map(Self.part) ?? ""
        let component = TitleKey.make(info.titleOfComponent ?? "")
        let part = pages.isEmpty ? component : pages

        self.title = Self.escape(title)
        self.citation = [title, volumeOrYear, issue, part].map(Self.escape).joined(separator: "|")
        self.issue = issue.isEmpty ? nil : [title, volumeOrYear, issue].map(Self.escape).joined(separator: "|")
    }

    /// A volume, issue or page range: lowercase, dashes as hyphens, no white space.
    private static func part(_ text: String) -> String {
        text.precomposedStringWithCompatibilityMapping.lowercased()
            .replacingOccurrences(of: "\u{2013}", with: "-")
            .replacingOccurrences(of: "\u{2014}", with: "-")
            .filter { !$0.isWhitespace }
    }

    /// The key parts never contain the separator.
    private static func escape(_ text: String) -> String {
        text.replacingOccurrences(of: "|", with: "/")
    }
}
