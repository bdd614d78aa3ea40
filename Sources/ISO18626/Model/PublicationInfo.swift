/// Publication details of the wanted item.
public struct PublicationInfo: Hashable, Sendable {
    /// Publisher's name.
    public var publisher: String?
    /// Publisher's ISNI (2021).
    public var publisherID: String?
    /// Kind of publication (Book, Article, Journal, ...).
    public var publicationType: PublicationType?
    /// Date of publication, as free text.
    public var publicationDate: String?
    /// Place of publication.
    public var placeOfPublication: String?

    /// Creates publication details.
    public init(
        publisher: String? = nil,
        publisherID: String? = nil,
        publicationType: PublicationType? = nil,
        publicationDate: String? = nil,
        placeOfPublication: String? = nil
    ) {
        self.publisher = publisher
        self.publisherID = publisherID
        self.publicationType = publicationType
        self.publicationDate = publicationDate
        self.placeOfPublication = placeOfPublication
    }
}
