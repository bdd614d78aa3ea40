import Foundation
import ISO18626
import Policy
import Testing

@Suite("Normalisation (N01–N04, citation keys)")
struct NormalisationTests {
    // MARK: N01 ISSN

    struct ISSNCase: Sendable, CustomTestStringConvertible {
        var rule = "N01"
        var description: String
        var raw: String
        var canonical: String?
        var testDescription: String { "\(rule) \(description)" }
    }

    static let issnCases: [ISSNCase] = [
        ISSNCase(description: "hyphenated", raw: "1234-5679", canonical: "1234-5679"),
        ISSNCase(description: "no hyphen", raw: "12345679", canonical: "1234-5679"),
        ISSNCase(description: "lowercase x check digit", raw: "2434-561x", canonical: "2434-561X"),
        ISSNCase(description: "spaces around and inside", raw: " 1050 4125 ", canonical: "1050-4125"),
        ISSNCase(description: "valid 1111-1119", raw: "1111-1119", canonical: "1111-1119"),
        ISSNCase(description: "wrong check digit", raw: "1234-5678", canonical: nil),
        ISSNCase(description: "too short", raw: "1234-567", canonical: nil),
        ISSNCase(description: "letters", raw: "ABCD-5679", canonical: nil),
        ISSNCase(description: "X not in last place", raw: "123X-5679", canonical: nil),
    ]

    @Test(arguments: issnCases)
    func issn(_ testCase: ISSNCase) {
        #expect(ISSN(testCase.raw)?.canonical == testCase.canonical)
    }

    @Test("N01 ISSNs of a request: every ISSN code in any case, invalid and non-ISSN ids skipped, no repeats")
    func issnsOfRequest() {
        let request = CopyrightTestSupport.request(ids: [
            ("eissn", "2434-561x"), ("ISSN", "1234-5678"), ("E-ISSN", "24345-61X"), ("ISBN", "0-306-40615-2"),
            ("issn-l", "1050-4125"), ("PISSN", "11111119"), ("DOI", "10.1000/xyz"), ("ISSN", "2434561X"),
        ])
        #expect(ISSN.valid(in: request).map(\.canonical) == ["2434-561X", "1050-4125", "1111-1119"])
    }

    // MARK: N02 ISBN

    struct ISBNCase: Sendable, CustomTestStringConvertible {
        var rule = "N02"
        var description: String
        var raw: String
        var isbn13: String?
        var testDescription: String { "\(rule) \(description)" }
    }

    static let isbnCases: [ISBNCase] = [
        ISBNCase(description: "ISBN-10 with hyphens becomes 978 + recomputed check", raw: "0-306-40615-2", isbn13: "9780306406157"),
        ISBNCase(description: "ISBN-13 with hyphens", raw: "978-0-306-40615-7", isbn13: "9780306406157"),
        ISBNCase(description: "ISBN-10 with X check digit", raw: "080442957x", isbn13: "9780804429573"),
        ISBNCase(description: "qualifier after the number", raw: "0306406152 (pbk.)", isbn13: "9780306406157"),
        ISBNCase(description: "ISBN-10 with a wrong check digit", raw: "0-306-40615-3", isbn13: nil),
        ISBNCase(description: "ISBN-13 with a wrong check digit", raw: "9780306406158", isbn13: nil),
        ISBNCase(description: "not an ISBN", raw: "12345", isbn13: nil),
    ]

    @Test(arguments: isbnCases)
    func isbn(_ testCase: ISBNCase) {
        #expect(ISBN.isbn13(testCase.raw) == testCase.isbn13)
    }

    // MARK: N03 title key

    struct TitleCase: Sendable, CustomTestStringConvertible {
        var rule = "N03"
        var description: String
        var title: String
        var articles: [String] = []
        var key: String
        var weak: Bool
        var testDescription: String { "\(rule) \(description)" }
    }

    static let titleCases: [TitleCase] = [
        TitleCase(description: "leading article dropped", title: "The Journal of Synthetic Studies", key: "journal of synthetic studies", weak: false),
        TitleCase(description: "only one leading article dropped", title: "A The Review", key: "the review", weak: true),
        TitleCase(description: "a lone article is kept", title: "The", key: "the", weak: true),
        TitleCase(description: "diacritics stripped and & read as and", title: "Études & Recherches", key: "etudes and recherches", weak: false),
        TitleCase(description: "trailing (Online) qualifier dropped", title: "Journal of Physics (Online)", key: "journal of physics", weak: false),
        TitleCase(description: "trailing place qualifier dropped", title: "Bulletin (London, England)", key: "bulletin", weak: false),
        TitleCase(description: "punctuation dropped, apostrophe joins, white space collapsed", title: "  Nature's   Review:  Letters! ", key: "natures review letters", weak: false),
        TitleCase(description: "NFKC folds full-width letters", title: "Ｔｈｅ Lancet", key: "lancet", weak: false),
        TitleCase(description: "configured article dropped", title: "Der Spiegel", articles: ["der"], key: "spiegel", weak: false),
        TitleCase(description: "unconfigured article kept", title: "Der Spiegel", key: "der spiegel", weak: false),
        TitleCase(description: "abbreviated with dots is weak", title: "J. Biol. Chem.", key: "j biol chem", weak: true),
        TitleCase(description: "short words are weak", title: "Cell Biol Int", key: "cell biol int", weak: true),
    ]

    @Test(arguments: titleCases)
    func titleKey(_ testCase: TitleCase) {
        #expect(TitleKey.make(testCase.title, leadingArticles: testCase.articles) == testCase.key)
        #expect(TitleKey.isWeak(testCase.title) == testCase.weak)
    }

    // MARK: N04 publication dates

    struct DateCase: Sendable, CustomTestStringConvertible {
        var rule = "N04"
        var description: String
        var raw: String
        var periodical = true
        /// `earliest…latest` as `YYYY-MM-DD`, or nil for unknown.
        var expected: (String, String)?
        var testDescription: String { "\(rule) \(description): \(raw)" }
    }

    static let dateCases: [DateCase] = [
        DateCase(description: "ISO day", raw: "2021-03-15", expected: ("2021-03-15", "2021-03-15")),
        DateCase(description: "compact day", raw: "20210315", expected: ("2021-03-15", "2021-03-15")),
        DateCase(description: "timestamp", raw: "2021-03-15T10:00:00Z", expected: ("2021-03-15", "2021-03-15")),
        DateCase(description: "day month year", raw: "15 March 2021", expected: ("2021-03-15", "2021-03-15")),
        DateCase(description: "month day, year", raw: "March 15, 2021", expected: ("2021-03-15", "2021-03-15")),
        DateCase(description: "ISO month", raw: "2021-03", expected: ("2021-03-01", "2021-03-31")),
        DateCase(description: "abbreviated month", raw: "Mar 2021", expected: ("2021-03-01", "2021-03-31")),
        DateCase(description: "abbreviated month with dot", raw: "Sept. 2021", expected: ("2021-09-01", "2021-09-30")),
        DateCase(description: "full month", raw: "February 2024", expected: ("2024-02-01", "2024-02-29")),
        DateCase(description: "year then month", raw: "2021 Mar", expected: ("2021-03-01", "2021-03-31")),
        DateCase(description: "year", raw: "2021", expected: ("2021-01-01", "2021-12-31")),
        DateCase(description: "copyright year", raw: "c2018", expected: ("2018-01-01", "2018-12-31")),
        DateCase(description: "bracketed year", raw: "[2017]", expected: ("2017-01-01", "2017-12-31")),
        DateCase(description: "spring", raw: "Spring 2021", expected: ("2021-03-01", "2021-05-31")),
        DateCase(description: "summer", raw: "Summer 2021", expected: ("2021-06-01", "2021-08-31")),
        DateCase(description: "fall", raw: "Fall 2020", expected: ("2020-09-01", "2020-11-30")),
        DateCase(description: "autumn after the year", raw: "2020 Autumn", expected: ("2020-09-01", "2020-11-30")),
        DateCase(description: "winter is the whole year", raw: "Winter 2021", expected: ("2021-01-01", "2021-12-31")),
        DateCase(description: "year range", raw: "2019-2020", expected: ("2019-01-01", "2020-12-31")),
        DateCase(description: "year range with two-digit end", raw: "2019/20", expected: ("2019-01-01", "2020-12-31")),
        DateCase(description: "month range", raw: "Mar./Apr. 2020", expected: ("2020-03-01", "2020-04-30")),
        DateCase(description: "month range across years", raw: "Dec 2019 – Jan 2020", expected: ("2019-12-01", "2020-01-31")),
        DateCase(description: "next year is allowed", raw: "2027", expected: ("2027-01-01", "2027-12-31")),
        DateCase(description: "a long range is fine for a work", raw: "2015-2020", periodical: false, expected: ("2015-01-01", "2020-12-31")),
        DateCase(description: "open range is unknown", raw: "1954-", expected: nil),
        DateCase(description: "empty is unknown", raw: "  ", expected: nil),
        DateCase(description: "n.d. is unknown", raw: "n.d.", expected: nil),
        DateCase(description: "forthcoming is unknown", raw: "Forthcoming", expected: nil),
        DateCase(description: "unparseable is unknown", raw: "sometime soon", expected: nil),
        DateCase(description: "impossible day is unknown", raw: "2021-02-30", expected: nil),
        DateCase(description: "year before 1450 is unknown", raw: "1300", expected: nil),
        DateCase(description: "year after next is unknown", raw: "2028", expected: nil),
        DateCase(description: "a periodical range over two years is unknown", raw: "2015-2020", expected: nil),
    ]

    @Test(arguments: dateCases)
    func publicationDate(_ testCase: DateCase) {
        let now = CopyrightTestSupport.date(2026, 3, 1)
        let parsed = PublicationInterval.parse(testCase.raw, now: now, calendar: CopyrightTestSupport.calendar(CopyrightTestSupport.utc), isPeriodical: testCase.periodical)
        #expect(parsed.map { "\($0.earliest)…\($0.latest)" } == testCase.expected.map { "\($0.0)…\($0.1)" })
    }

    // MARK: Citation keys

    @Test("citation keys: ISSN first, lowercase, |-separated, issue key only with an issue")
    func citationKeys() {
        let article = CopyrightTestSupport.request(ids: [("ISSN", "1234-5678"), ("EISSN", "2434-561x")])
        let keys = CitationKeys(request: article)
        #expect(keys.title == "2434-561x")
        #expect(keys.citation == "2434-561x|12|3|10-19")
        #expect(keys.issue == "2434-561x|12|3")

        let book = CopyrightTestSupport.request(title: "Some Book", titleOfComponent: "Chapter One", volume: [], issue: nil, pages: nil, ids: [("ISBN", "0-306-40615-2")], publicationDate: "2019")
        let bookKeys = CitationKeys(request: book)
        #expect(bookKeys.title == "9780306406157")
        #expect(bookKeys.citation == "9780306406157|2019||chapter one")
        #expect(bookKeys.issue == nil)

        let untitled = CopyrightTestSupport.request(title: "The Journal of Synthetic Studies (Print)", ids: [])
        #expect(CitationKeys(request: untitled).title == "journal of synthetic studies")
    }
}
