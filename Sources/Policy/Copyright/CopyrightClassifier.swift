public import Foundation
public import ISO18626

/// Turns a copy request we are about to send into what the copyright counting rules need (K01–K05): a
/// ``CopyrightSubject`` with its kind, identity inputs, calendar year and exemption. Pure: the request
/// date comes in as an argument and the counts come later, from the ledger.
public struct CopyrightClassifier: Sendable {
    /// Publication types that are periodical articles (K02 rule 1), lowercased.
    static let periodicalTypes: Set<String> = ["article", "journal", "newspaper"]

    private let configuration: PolicyConfiguration

    /// A classifier for a policy.
    public init(configuration: PolicyConfiguration) {
        self.configuration = configuration
    }

    /// The service a request asks for: its `serviceType`, or without `serviceInfo` (2017) a copy when it
    /// names a component or pages and a loan otherwise (§4.1).
    public static func effectiveServiceType(of request: Request) -> ServiceType {
        if let serviceType = request.serviceInfo?.serviceType { return serviceType }
        let info = request.bibliographicInfo
        let component = info.titleOfComponent?.trimmingCharacters(in: .whitespacesAndNewlines) ?? ""
        let pages = info.pagesRequested?.trimmingCharacters(in: .whitespacesAndNewlines) ?? ""
        return component.isEmpty && pages.isEmpty ? .loan : .copy
    }

    /// The copyright subject of a request, or `nil` when nothing is counted: the request is a loan (a
    /// CopyOrLoan request counts as a copy, K01), or the regime is not the US one.
    ///
    /// A request that K02 would call another work only for want of evidence (no ISBN, no periodical
    /// publication type, no valid ISSN, no volume or issue) is a periodical when its title key is one of
    /// `knownPeriodicalTitleKeys`: it counts with that periodical (K03), not from zero as a separate work.
    /// - Parameters:
    ///   - request: the request we are about to send.
    ///   - requestDate: when we created it (N08); its calendar year in the library's time zone is the
    ///     bucket's year (K06).
    ///   - knownPeriodicalTitleKeys: title keys of the periodical clusters the ledger knows that share the
    ///     request's title key (see ``titleKey(of:)``); empty when none or not looked up.
    public func subject(for request: Request, requestDate: Date, knownPeriodicalTitleKeys: Set<String> = []) -> CopyrightSubject? {
        guard configuration.copyright.regime == .us else { return nil }
        guard Self.effectiveServiceType(of: request) != .loan else { return nil }
        let counting = configuration.copyright.borrowing
        let calendar = configuration.calendar
        let info = request.bibliographicInfo

        let issns = ISSN.valid(in: info.bibliographicItemID).map(\.canonical)
        let isbn13 = ISBN.first(in: info.bibliographicItemID)
        let rawTitle = info.title ?? ""
        let baseKey = TitleKey.make(rawTitle)
        var kind = Self.kind(of: request, hasISSN: !issns.isEmpty, hasISBN: isbn13 != nil)
        let isPeriodicalByTitle = kind == .work && isbn13 == nil && !baseKey.isEmpty && knownPeriodicalTitleKeys.contains(baseKey)
        if isPeriodicalByTitle { kind = .periodical }
        var titleKey = baseKey
        if kind == .work, isbn13 == nil {
            // A work without an ISBN is known by title + first author's surname (+ edition) (§5.2).
            if let surname = Self.firstAuthorSurname(info.author) { titleKey += " / \(surname)" }
            if let edition = info.edition.map({ TitleKey.make($0) }), !edition.isEmpty { titleKey += " / \(edition)" }
        }
        let isWeak = issns.isEmpty && isbn13 == nil && TitleKey.isWeak(rawTitle)
        let publication = request.publicationInfo?.publicationDate.flatMap {
            PublicationInterval.parse($0, now: requestDate, calendar: calendar, isPeriodical: kind == .periodical)
        }
        let requestDay = CalendarDay(requestDate, in: calendar)
        let requestYear = requestDay.year

        var exemption: CopyrightBasis?
        if kind == .periodical, let publication, !Self.isInsideWindow(publication, requestDay: requestDay, configuration: counting) {
            exemption = .older
        } else if matches(counting.ownedSerials, issns: issns, isbn13: isbn13, titleKey: baseKey) {
            exemption = .owned
        } else if matches(counting.onOrderSerials, issns: issns, isbn13: isbn13, titleKey: baseKey) {
            exemption = .onOrder
        } else if counting.publicDomainYears > 0, let publication, publication.latest.year <= requestYear - counting.publicDomainYears {
            exemption = .publicDomain
        }

        var subject = CopyrightSubject(
            kind: kind,
            issns: issns,
            isbn13: isbn13,
            titleKey: titleKey,
            displayTitle: rawTitle,
            isWeakTitle: isWeak,
            publication: publication,
            requestYear: requestYear,
            exemption: exemption
        )
        subject.invalidISSNs = Self.invalidISSNs(in: info.bibliographicItemID)
        subject.isPeriodicalByTitle = isPeriodicalByTitle
        return subject
    }

    /// The title key a request's periodical cluster would be found by (N03): what the gateway looks known
    /// periodicals up by before classifying a request that does not say it is one.
    public static func titleKey(of request: Request) -> String {
        TitleKey.make(request.bibliographicInfo.title ?? "")
    }

    /// The ISSN-coded identifiers that are not valid ISSNs (N01), trimmed, at most 20 characters each.
    static func invalidISSNs(in identifiers: [BibliographicItemID]) -> [String] {
        identifiers
            .filter { ISSN.isISSNCode($0.code.value) && ISSN($0.identifier) == nil }
            .map { String($0.identifier.trimmingCharacters(in: .whitespacesAndNewlines).prefix(20)) }
            .filter { !$0.isEmpty }
    }

    /// Whether a publication is inside the counting window (K04), by the configured window mode. The
    /// latest day the date can mean is used (the conservative reading).
    public static func isInsideWindow(_ publication: PublicationInterval, requestDay: CalendarDay, configuration: CopyrightBorrowingConfiguration) -> Bool {
        switch configuration.windowMode {
        case .date:
            publication.latest >= requestDay.movedByYears(-configuration.windowYears)
        case .calendarYearsExclusive:
            publication.latest.year > requestDay.year - configuration.windowYears
        case .calendarYearsInclusive:
            publication.latest.year >= requestDay.year - configuration.windowYears
        }
    }

    /// Periodical or other work (K02, §5.2), in order: an article/journal/newspaper type; another type
    /// with an ISBN; an ISSN without ISBN; an ISBN; else periodical when a volume or issue is given.
    static func kind(of request: Request, hasISSN: Bool, hasISBN: Bool) -> CopyrightSubject.Kind {
        let type = request.publicationInfo?.publicationType?.value.trimmingCharacters(in: .whitespaces).lowercased()
        if let type, periodicalTypes.contains(type) { return .periodical }
        if type != nil, hasISBN { return .work }
        if hasISSN, !hasISBN { return .periodical }
        if hasISBN { return .work }
        let info = request.bibliographicInfo
        let hasVolume = info.volume.contains { !$0.trimmingCharacters(in: .whitespaces).isEmpty }
        let hasIssue = !(info.issue?.trimmingCharacters(in: .whitespaces).isEmpty ?? true)
        return hasVolume || hasIssue ? .periodical : .work
    }

    /// The normalised surname of the first author: `Melville, Herman` and `Herman Melville` give `melville`.
    static func firstAuthorSurname(_ author: String?) -> String? {
        guard let first = author?.split(separator: ";").first.map(String.init) else { return nil }
        let surname: String
        if let comma = first.firstIndex(of: ",") {
            surname = TitleKey.make(String(first[..<comma]))
        } else {
            surname = TitleKey.words(of: first).last ?? ""
        }
        return surname.isEmpty ? nil : surname
    }

    /// Whether a configured list (ISSNs in any form, ISSN-Ls, ISBNs or titles) names the subject. ISSNs
    /// compare canonically, also through the ISSN-L table; titles compare by title key.
    private func matches(_ entries: [String], issns: [String], isbn13: String?, titleKey: String) -> Bool {
        guard !entries.isEmpty else { return false }
        let table = configuration.copyright.borrowing.issnL
        var known = Set(issns)
        for issn in issns {
            if let linking = issnL(of: issn, in: table) { known.insert(linking) }
        }
        for entry in entries {
            if let issn = ISSN(entry) {
                let canonical = issn.canonical
                if known.contains(canonical) { return true }
                if let linking = issnL(of: canonical, in: table), known.contains(linking) { return true }
            } else if let isbn = ISBN.isbn13(entry) {
                if isbn == isbn13 { return true }
            } else if !titleKey.isEmpty, TitleKey.make(entry) == titleKey {
                return true
            }
        }
        return false
    }

    /// The canonical ISSN-L of a canonical ISSN in a table whose keys and values may be in any form.
    private func issnL(of issn: String, in table: [String: String]) -> String? {
        TitleIdentityResolver.linkingISSN(of: issn, in: table)
    }
}
