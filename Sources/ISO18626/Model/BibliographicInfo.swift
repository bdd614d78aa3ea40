/// Describes the wanted item. Every field is optional; peers send what they have.
public struct BibliographicInfo: Hashable, Sendable {
    /// The supplier's own record id, learned from an earlier holdings lookup.
    public var supplierUniqueRecordID: String?
    /// Title of the item (for an article: of the journal).
    public var title: String?
    /// Author of the item.
    public var author: String?
    /// The author's ISNI (2021).
    public var authorID: String?
    /// Subtitle.
    public var subtitle: String?
    /// Title of the series.
    public var seriesTitle: String?
    /// Edition statement.
    public var edition: String?
    /// Title of the article or chapter wanted.
    public var titleOfComponent: String?
    /// Author of the article or chapter wanted.
    public var authorOfComponent: String?
    /// Volumes (the 2017 edition allows one).
    public var volume: [String]
    /// Issue.
    public var issue: String?
    /// Pages wanted, as free text (`12-19`).
    public var pagesRequested: String?
    /// Estimated number of pages, as free text.
    public var estimatedNoPages: String?
    /// Standard identifiers of the item (ISBN, ISSN, ...).
    public var bibliographicItemID: [BibliographicItemID]
    /// Who sponsors the request.
    public var sponsor: String?
    /// Where the requester found the citation.
    public var informationSource: String?
    /// Ids of bibliographic records describing the item (OCLC, LCCN, ...).
    public var bibliographicRecordID: [BibliographicRecordID]

    /// Creates a description of an item.
    public init(
        supplierUniqueRecordID: String? = nil,
        title: String? = nil,
        author: String? = nil,
        authorID: String? = nil,
        subtitle: String? = nil,
        seriesTitle: String? = nil,
        edition: String? = nil,
        titleOfComponent: String? = nil,
        authorOfComponent: String? = nil,
        volume: [String] = [],
        issue: String? = nil,
        pagesRequested: String? = nil,
        estimatedNoPages: String? = nil,
        bibliographicItemID: [BibliographicItemID] = [],
        sponsor: String? = nil,
        informationSource: String? = nil,
        bibliographicRecordID: [BibliographicRecordID] = []
    ) {
        self.supplierUniqueRecordID = supplierUniqueRecordID
        self.title = title
        self.author = author
        self.authorID = authorID
        self.subtitle = subtitle
        self.seriesTitle = seriesTitle
        self.edition = edition
        self.titleOfComponent = titleOfComponent
        self.authorOfComponent = authorOfComponent
        self.volume = volume
        self.issue = issue
        self.pagesRequested = pagesRequested
        self.estimatedNoPages = estimatedNoPages
        self.bibliographicItemID = bibliographicItemID
        self.sponsor = sponsor
        self.informationSource = informationSource
        self.bibliographicRecordID = bibliographicRecordID
    }
}

/// A standard identifier of an item, such as an ISBN or ISSN.
public struct BibliographicItemID: Hashable, Sendable {
    /// The identifier.
    public var identifier: String
    /// Which kind of identifier it is.
    public var code: BibliographicItemIdentifierCode

    /// Creates an item identifier.
    public init(identifier: String, code: BibliographicItemIdentifierCode) {
        self.identifier = identifier
        self.code = code
    }
}

/// The id of a bibliographic record in some catalogue, such as an OCLC number.
public struct BibliographicRecordID: Hashable, Sendable {
    /// Which catalogue or kind of record id it is.
    public var code: BibliographicRecordIdentifierCode
    /// The record id.
    public var identifier: String

    /// Creates a record identifier.
    public init(code: BibliographicRecordIdentifierCode, identifier: String) {
        self.code = code
        self.identifier = identifier
    }
}
