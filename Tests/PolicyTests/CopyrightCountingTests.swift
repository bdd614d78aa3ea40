import Foundation
import ISO18626
import Policy
import Testing

@Suite("Copyright counting (K01–K05, K03 identity, retention)")
struct CopyrightCountingTests {
    typealias Support = CopyrightTestSupport

    // MARK: Classification, window, exemptions

    struct ClassifierCase: Sendable, CustomTestStringConvertible {
        var rule: String
        var description: String
        var configure: @Sendable (inout PolicyConfiguration) -> Void = { _ in }
        var request: Request
        var requestDate: Date
        /// `nil`: the classifier returns no subject.
        var expected: Expected?
        var testDescription: String { "\(rule) \(description)" }

        struct Expected: Sendable, Equatable {
            var kind: CopyrightSubject.Kind = .periodical
            var exemption: CopyrightBasis?
            var year: Int = 2026
        }
    }

    static let march2026 = Support.date(2026, 3, 10, 12, zone: Support.chicago)
    static let leapDay2028 = Support.date(2028, 2, 29, 12, zone: Support.chicago)

    static func article(_ date: String?, ids: [(String, String)] = [("ISSN", "1234-5679")], title: String = "Journal of Synthetic Studies") -> Request {
        Support.request(title: title, ids: ids, publicationDate: date)
    }

    static func chapter(_ date: String?) -> Request {
        Support.request(title: "A Synthetic Handbook", titleOfComponent: "Chapter 2", volume: [], issue: nil, ids: [("ISBN", "0-306-40615-2")], publicationType: "Chapter", publicationDate: date)
    }

    static let classifierCases: [ClassifierCase] = [
        // K01
        ClassifierCase(rule: "K01", description: "a loan is not counted", request: Support.request(serviceType: .loan), requestDate: march2026, expected: nil),
        ClassifierCase(rule: "K01", description: "CopyOrLoan counts as a copy", request: Support.request(serviceType: .copyOrLoan), requestDate: march2026, expected: .init()),
        ClassifierCase(rule: "K01", description: "no serviceInfo with pages is a copy", request: Support.request(serviceType: nil), requestDate: march2026, expected: .init()),
        ClassifierCase(rule: "K01", description: "no serviceInfo without component or pages is a loan", request: Support.request(serviceType: nil, titleOfComponent: nil, pages: nil), requestDate: march2026, expected: nil),
        ClassifierCase(rule: "K01", description: "only the US regime counts", configure: { $0.copyright.regime = .uk }, request: Support.request(), requestDate: march2026, expected: nil),
        // K02
        ClassifierCase(rule: "K02", description: "Book with an ISSN and no ISBN is a periodical (Koha)", request: Support.request(publicationType: "Book"), requestDate: march2026, expected: .init(kind: .periodical)),
        ClassifierCase(rule: "K02", description: "chapter with an ISBN is a work", request: chapter("2020"), requestDate: march2026, expected: .init(kind: .work)),
        ClassifierCase(rule: "K02", description: "no type, no id, a volume: periodical", request: Support.request(ids: [], publicationType: nil), requestDate: march2026, expected: .init(kind: .periodical)),
        ClassifierCase(rule: "K02", description: "no type, no id, no volume or issue: work", request: Support.request(volume: [], issue: nil, ids: [], publicationType: nil), requestDate: march2026, expected: .init(kind: .work)),
        // K04 date mode
        ClassifierCase(rule: "K04", description: "date mode: exactly five years before counts", request: article("2021-03-10"), requestDate: march2026, expected: .init()),
        ClassifierCase(rule: "K04", description: "date mode: the day before is older", request: article("2021-03-09"), requestDate: march2026, expected: .init(exemption: .older)),
        ClassifierCase(rule: "K04", description: "date mode: a month is read as its last day", request: article("Mar 2021"), requestDate: march2026, expected: .init()),
        ClassifierCase(rule: "K04", description: "date mode: February 2021 is older", request: article("2021-02"), requestDate: march2026, expected: .init(exemption: .older)),
        ClassifierCase(rule: "K04", description: "date mode: 29 Feb minus five years is 28 Feb (counts)", request: article("2023-02-28"), requestDate: leapDay2028, expected: .init(year: 2028)),
        ClassifierCase(rule: "K04", description: "date mode: 29 Feb minus five years, the day before is older", request: article("2023-02-27"), requestDate: leapDay2028, expected: .init(exemption: .older, year: 2028)),
        ClassifierCase(rule: "K04", description: "calendar_years_exclusive: 2021 is older in 2026", configure: { $0.copyright.borrowing.windowMode = .calendarYearsExclusive }, request: article("2021-12-31"), requestDate: march2026, expected: .init(exemption: .older)),
        ClassifierCase(rule: "K04", description: "calendar_years_exclusive: 2022 counts in 2026", configure: { $0.copyright.borrowing.windowMode = .calendarYearsExclusive }, request: article("2022-01"), requestDate: march2026, expected: .init()),
        ClassifierCase(rule: "K04", description: "calendar_years_inclusive: 2021 counts in 2026", configure: { $0.copyright.borrowing.windowMode = .calendarYearsInclusive }, request: article("2021-01-01"), requestDate: march2026, expected: .init()),
        ClassifierCase(rule: "K04", description: "calendar_years_inclusive: 2020 is older in 2026", configure: { $0.copyright.borrowing.windowMode = .calendarYearsInclusive }, request: article("2020"), requestDate: march2026, expected: .init(exemption: .older)),
        ClassifierCase(rule: "K04", description: "unknown date is not exempt", request: article("n.d."), requestDate: march2026, expected: .init()),
        ClassifierCase(rule: "K04", description: "works have no window", request: chapter("2001"), requestDate: march2026, expected: .init(kind: .work)),
        // K05
        ClassifierCase(rule: "K05", description: "owned serial by an unhyphenated EISSN", configure: { $0.copyright.borrowing.ownedSerials = ["1111-1119"] }, request: article("2025", ids: [("EISSN", "11111119")]), requestDate: march2026, expected: .init(exemption: .owned)),
        ClassifierCase(rule: "K05", description: "owned serial by title key", configure: { $0.copyright.borrowing.ownedSerials = ["The Journal of Owned Things"] }, request: article("2025", ids: [], title: "Journal of Owned Things (Online)"), requestDate: march2026, expected: .init(exemption: .owned)),
        ClassifierCase(rule: "K05", description: "on order through the ISSN-L table", configure: {
            $0.copyright.borrowing.onOrderSerials = ["1050-4125"]
            $0.copyright.borrowing.issnL = ["2434-561X": "1050-4125"]
        }, request: article("2025", ids: [("ISSN", "2434-561x")]), requestDate: march2026, expected: .init(exemption: .onOrder)),
        ClassifierCase(rule: "K05", description: "an unowned serial is counted", configure: { $0.copyright.borrowing.ownedSerials = ["1111-1119"] }, request: article("2025"), requestDate: march2026, expected: .init()),
        ClassifierCase(rule: "K05", description: "public domain work (1925 ≤ 2026 − 96)", request: chapter("1925"), requestDate: march2026, expected: .init(kind: .work, exemption: .publicDomain)),
        ClassifierCase(rule: "K05", description: "a 1931 work is not public domain", request: chapter("1931"), requestDate: march2026, expected: .init(kind: .work)),
        ClassifierCase(rule: "K05", description: "public domain disabled", configure: { $0.copyright.borrowing.publicDomainYears = 0 }, request: chapter("1900"), requestDate: march2026, expected: .init(kind: .work)),
        // K06 year in the library's zone
        ClassifierCase(rule: "K06", description: "2026-12-31T23:30 Chicago (05:30Z) counts in 2026", request: article("2026"), requestDate: Support.date(2027, 1, 1, 5, 30), expected: .init(year: 2026)),
        ClassifierCase(rule: "K06", description: "the same instant with a UTC zone counts in 2027", configure: { $0.timeZone = CopyrightTestSupport.utc }, request: article("2026"), requestDate: Support.date(2027, 1, 1, 5, 30), expected: .init(year: 2027)),
    ]

    @Test(arguments: classifierCases)
    func classify(_ testCase: ClassifierCase) {
        let configuration = Support.configuration(testCase.configure)
        let subject = CopyrightClassifier(configuration: configuration).subject(for: testCase.request, requestDate: testCase.requestDate)
        #expect(subject.map { ClassifierCase.Expected(kind: $0.kind, exemption: $0.exemption, year: $0.requestYear) } == testCase.expected)
    }

    @Test("K03 subject identity inputs: canonical ISSNs, ISBN-13, title key, weak title")
    func identityInputs() throws {
        let classifier = CopyrightClassifier(configuration: Support.configuration())
        let withISSN = try #require(classifier.subject(for: Self.article("2025", ids: [("issn", "2434561x"), ("ISSN", "1234-5678")], title: "J. Synth. Stud."), requestDate: Self.march2026))
        #expect(withISSN.issns == ["2434-561X"])
        #expect(withISSN.titleKey == "j synth stud")
        #expect(withISSN.isWeakTitle == false)
        #expect(withISSN.publication == PublicationInterval(earliest: CalendarDay(year: 2025, month: 1, day: 1), latest: CalendarDay(year: 2025, month: 12, day: 31)))

        let weak = try #require(classifier.subject(for: Self.article("2025", ids: [], title: "J. Synth. Stud."), requestDate: Self.march2026))
        #expect(weak.isWeakTitle)

        let work = try #require(classifier.subject(for: Self.chapter("2020"), requestDate: Self.march2026))
        #expect(work.isbn13 == "9780306406157")
        #expect(work.workKey == "isbn:9780306406157")

        let noISBN = Support.request(title: "The Synthetic Handbook", titleOfComponent: "Chapter 2", author: "Doe, Jane", volume: [], issue: nil, ids: [], publicationType: "Chapter")
        let workByTitle = try #require(classifier.subject(for: noISBN, requestDate: Self.march2026))
        #expect(workByTitle.workKey == "work:synthetic handbook / doe")
    }

    // MARK: K03 identity resolution

    struct IdentityCase: Sendable, CustomTestStringConvertible {
        var rule = "K03"
        var description: String
        var subject: CopyrightSubject
        var candidates: [TitleCluster]
        var issnL: [String: String] = [:]
        var expected: TitleResolution
        var testDescription: String { "\(rule) \(description)" }
    }

    static let identityCases: [IdentityCase] = [
        IdentityCase(
            description: "print + electronic ISSN on one request links them",
            subject: Support.subject(issns: ["1234-5679", "2434-561X"]),
            candidates: [TitleCluster(id: 1, issns: ["1234-5679"], titleKeys: ["journal of synthetic studies"])],
            expected: .existing(id: 1, learnedISSNs: ["2434-561X"], learnedTitleKey: nil)
        ),
        IdentityCase(
            description: "the ISSN-L table maps a new ISSN to a cluster's ISSN-L",
            subject: Support.subject(issns: ["2434-561X"], titleKey: "synthetic studies online"),
            candidates: [TitleCluster(id: 7, issns: ["1050-4125"], titleKeys: ["synthetic studies"])],
            issnL: ["2434-561X": "1050-4125"],
            expected: .existing(id: 7, learnedISSNs: ["2434-561X"], learnedTitleKey: "synthetic studies online")
        ),
        IdentityCase(
            description: "the ISSN-L table links two ISSNs sharing an ISSN-L",
            subject: Support.subject(issns: ["2434-561X"]),
            candidates: [TitleCluster(id: 7, issns: ["1111-1119"], titleKeys: ["journal of synthetic studies"])],
            issnL: ["11111119": "1050-4125", "2434561X": "1050-4125"],
            expected: .existing(id: 7, learnedISSNs: ["2434-561X", "1050-4125"], learnedTitleKey: nil)
        ),
        IdentityCase(
            description: "title fallback without an ISSN",
            subject: Support.subject(issns: []),
            candidates: [TitleCluster(id: 3, issns: ["1234-5679"], titleKeys: ["journal of synthetic studies"])],
            expected: .existing(id: 3, learnedISSNs: [], learnedTitleKey: nil)
        ),
        IdentityCase(
            description: "a title-only cluster learns the ISSN",
            subject: Support.subject(issns: ["1234-5679"]),
            candidates: [TitleCluster(id: 5, issns: [], titleKeys: ["journal of synthetic studies"])],
            expected: .existing(id: 5, learnedISSNs: ["1234-5679"], learnedTitleKey: nil)
        ),
        IdentityCase(
            description: "two ISSNs with the same generic title \"Bulletin\" stay apart",
            subject: Support.subject(issns: ["2434-561X"], titleKey: "bulletin"),
            candidates: [TitleCluster(id: 4, issns: ["1234-5679"], titleKeys: ["bulletin"])],
            expected: .new(issns: ["2434-561X"], titleKey: "bulletin")
        ),
        IdentityCase(
            description: "\"Bulletin\" without an ISSN is not put in one of two ISSN clusters",
            subject: Support.subject(issns: [], titleKey: "bulletin"),
            candidates: [
                TitleCluster(id: 4, issns: ["1234-5679"], titleKeys: ["bulletin"]),
                TitleCluster(id: 6, issns: ["2434-561X"], titleKeys: ["bulletin"]),
            ],
            expected: .new(issns: [], titleKey: "bulletin")
        ),
        IdentityCase(
            description: "a work by ISBN joins its cluster",
            subject: Support.subject(kind: .work, issns: [], isbn13: "9780306406157", titleKey: "synthetic handbook", publication: nil),
            candidates: [TitleCluster(id: 9, issns: [], titleKeys: ["isbn:9780306406157"])],
            expected: .existing(id: 9, learnedISSNs: [], learnedTitleKey: nil)
        ),
        IdentityCase(
            description: "a new work gets a cluster keyed by its work key",
            subject: Support.subject(kind: .work, issns: [], isbn13: "9780306406157", titleKey: "synthetic handbook", publication: nil),
            candidates: [TitleCluster(id: 9, issns: ["1234-5679"], titleKeys: ["synthetic handbook"])],
            expected: .new(issns: [], titleKey: "isbn:9780306406157")
        ),
        IdentityCase(
            description: "nothing known: a new periodical cluster",
            subject: Support.subject(issns: ["1234-5679"]),
            candidates: [],
            expected: .new(issns: ["1234-5679"], titleKey: "journal of synthetic studies")
        ),
    ]

    @Test(arguments: identityCases)
    func resolve(_ testCase: IdentityCase) {
        #expect(TitleIdentityResolver.resolve(testCase.subject, candidates: testCase.candidates, issnL: testCase.issnL) == testCase.expected)
    }

    // MARK: Retention

    struct RetentionCase: Sendable, CustomTestStringConvertible {
        var rule = "K10"
        var description: String
        var retention: CopyrightBorrowingConfiguration.Retention
        var year: Int
        var requestDate: Date
        var zone: TimeZone
        var purge: Date
        var testDescription: String { "\(rule) \(description)" }
    }

    static let retentionCases: [RetentionCase] = [
        RetentionCase(description: "contu: a 2025 request is purged from 2029-01-01 in the library zone",
                      retention: .contu, year: 2025, requestDate: Support.date(2025, 6, 15), zone: Support.chicago,
                      purge: Support.date(2029, 1, 1, 6, 0)),
        RetentionCase(description: "contu: a request on New Year's Eve (Chicago) belongs to its local year",
                      retention: .contu, year: 2026, requestDate: Support.date(2027, 1, 1, 5, 30), zone: Support.chicago,
                      purge: Support.date(2030, 1, 1, 0, 0, zone: Support.chicago)),
        RetentionCase(description: "3y: date-based",
                      retention: .years(3), year: 2025, requestDate: Support.date(2025, 6, 15, 9, 30), zone: Support.chicago,
                      purge: Support.date(2028, 6, 15, 9, 30)),
    ]

    @Test(arguments: retentionCases)
    func retention(_ testCase: RetentionCase) {
        let purge = testCase.retention.purgeDate(forRequestYear: testCase.year, requestDate: testCase.requestDate, calendar: Support.calendar(testCase.zone))
        #expect(purge == testCase.purge)
    }
}
