/// What the copyright rules know of a copy request once it is normalised (K01–K05): what kind of work,
/// its identity, the calendar year it counts in and any exemption. Made by ``CopyrightClassifier``.
public struct CopyrightSubject: Hashable, Sendable {
    /// Periodical article (guideline 1(a)) or other work (guideline 1(b)).
    public enum Kind: String, Hashable, Sendable { case periodical, work }

    public var kind: Kind
    /// Valid ISSNs of the request, canonical `NNNN-NNNC`.
    public var issns: [String]
    /// The ISBN-13 of a work, if any.
    public var isbn13: String?
    /// The normalised title key (N03) of the periodical or work.
    public var titleKey: String
    /// The title as the request gave it (for the ledger and reports).
    public var displayTitle: String
    /// A title with no identifier that looks abbreviated (N03): identity is uncertain.
    public var isWeakTitle: Bool
    /// The parsed publication date, `nil` when unknown (N04).
    public var publication: PublicationInterval?
    /// The calendar year (library time zone) of the request: the bucket's year (K06).
    public var requestYear: Int
    /// Why this copy is not counted, or `nil` when it counts (K04, K05).
    public var exemption: CopyrightBasis?
    /// ISSNs the request carried that are not valid (N01: wrong length or check digit): not used as
    /// identifiers, reported so the gateway can log a warning. As sent, at most 20 characters each.
    public var invalidISSNs: [String] = []
    /// Whether the request is a periodical only because its title key matches a known periodical
    /// cluster (K02 after K03): no valid ISSN, no periodical type, no volume or issue.
    public var isPeriodicalByTitle = false

    public init(
        kind: Kind,
        issns: [String],
        isbn13: String?,
        titleKey: String,
        displayTitle: String,
        isWeakTitle: Bool,
        publication: PublicationInterval?,
        requestYear: Int,
        exemption: CopyrightBasis?
    ) {
        self.kind = kind
        self.issns = issns
        self.isbn13 = isbn13
        self.titleKey = titleKey
        self.displayTitle = displayTitle
        self.isWeakTitle = isWeakTitle
        self.publication = publication
        self.requestYear = requestYear
        self.exemption = exemption
    }

    /// The identity key of a work (non-periodical): ISBN-13, else title key + author.
    public var workKey: String? {
        guard kind == .work else { return nil }
        if let isbn13 { return "isbn:\(isbn13)" }
        return "work:\(titleKey)"
    }
}
