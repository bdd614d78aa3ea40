import Foundation
import ISO18626
import Policy

/// Builders for the copyright-counting and borrowing tests (synthetic data only).
enum CopyrightTestSupport {
    static let utc = TimeZone(identifier: "UTC") ?? .current
    static let chicago = TimeZone(identifier: "America/Chicago") ?? .current

    /// A Gregorian calendar in a zone.
    static func calendar(_ zone: TimeZone) -> Calendar {
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = zone
        return calendar
    }

    /// An instant given as wall-clock time in a zone.
    static func date(_ year: Int, _ month: Int, _ day: Int, _ hour: Int = 12, _ minute: Int = 0, zone: TimeZone = utc) -> Date {
        calendar(zone).date(from: DateComponents(year: year, month: month, day: day, hour: hour, minute: minute)) ?? Date(timeIntervalSince1970: 0)
    }

    /// A request with the fields the copyright and borrowing rules read.
    static func request(
        serviceType: ServiceType? = .copy,
        title: String? = "Journal of Synthetic Studies",
        titleOfComponent: String? = "An article",
        author: String? = nil,
        volume: [String] = ["12"],
        issue: String? = "3",
        pages: String? = "10-19",
        ids: [(String, String)] = [("ISSN", "1234-5679")],
        publicationType: PublicationType? = "Article",
        publicationDate: String? = "2024",
        itemFormat: ItemFormat? = nil,
        maximumCosts: Costs? = nil
    ) -> Request {
        Request(
            header: Header(
                supplyingAgencyID: nil,
                requestingAgencyID: AgencyID(type: "ISIL", value: "US-OURS"),
                timestamp: date(2026, 3, 1),
                requestingAgencyRequestID: "REQ-1"
            ),
            bibliographicInfo: BibliographicInfo(
                title: title,
                author: author,
                titleOfComponent: titleOfComponent,
                volume: volume,
                issue: issue,
                pagesRequested: pages,
                bibliographicItemID: ids.map { BibliographicItemID(identifier: $0.1, code: BibliographicItemIdentifierCode($0.0)) }
            ),
            publicationInfo: PublicationInfo(publicationType: publicationType, publicationDate: publicationDate),
            serviceInfo: serviceType.map { ServiceInfo(serviceType: $0, itemFormat: itemFormat) },
            billingInfo: maximumCosts.map { BillingInfo(maximumCosts: $0) }
        )
    }

    /// A subject as the classifier would make it, for the borrowing tests.
    static func subject(
        kind: CopyrightSubject.Kind = .periodical,
        issns: [String] = ["1234-5679"],
        isbn13: String? = nil,
        titleKey: String = "journal of synthetic studies",
        weak: Bool = false,
        publication: PublicationInterval? = PublicationInterval(earliest: CalendarDay(year: 2024, month: 1, day: 1), latest: CalendarDay(year: 2024, month: 12, day: 31)),
        year: Int = 2026,
        exemption: CopyrightBasis? = nil
    ) -> CopyrightSubject {
        CopyrightSubject(
            kind: kind, issns: issns, isbn13: isbn13, titleKey: titleKey, displayTitle: titleKey,
            isWeakTitle: weak, publication: publication, requestYear: year, exemption: exemption
        )
    }

    /// A policy with two patron types (faculty, student) and a US regime.
    static func configuration(_ adjust: (inout PolicyConfiguration) -> Void = { _ in }) -> PolicyConfiguration {
        var configuration = PolicyConfiguration(
            timeZone: chicago,
            patronTypes: [
                "faculty": PatronTypePolicy(ill: true, maxOpen: 50, maxCost: 50),
                "student": PatronTypePolicy(ill: true, maxOpen: 25, maxCost: 20, notBorrowable: ["DVD"]),
                "alumni": PatronTypePolicy(ill: false),
            ]
        )
        adjust(&configuration)
        return configuration
    }

    static let lenders: [PeerProfile] = [
        PeerProfile(name: "beta", agencyIDs: ["ISIL:US-BBB"], loanCharge: 15, copyCharge: 10, preference: 2),
        PeerProfile(name: "alpha", agencyIDs: ["ISIL:US-AAA"], loanCharge: 0, copyCharge: 0, preference: 1),
        PeerProfile(name: "gamma", agencyIDs: ["ISIL:US-CCC"], copyCharge: 30, preference: 1),
    ]
}
