import Foundation
import ISO18626
import Policy
import Testing

/// K03, N01, N03 and the periodical test after them, from the rule text (issue 12): a request whose title
/// key is a known periodical's counts with it; a new valid ISSN joins the cluster whose title key matches
/// (§5.2 step 3, "so print and electronic ISSNs join"), except under a generic title.
@Suite("K03 identity and K02 periodical test: the rule text")
struct TitleIdentityRuleTextTests {
    typealias Support = CopyrightTestSupport
    static let march2026 = Support.date(2026, 3, 10, 12, zone: Support.chicago)
    static let known: Set<String> = ["journal of synthetic studies"]

    struct PeriodicalCase: Sendable, CustomTestStringConvertible {
        var description: String
        var request: Request
        var known: Set<String>
        var kind: CopyrightSubject.Kind
        var byTitle: Bool
        var invalidISSNs: [String] = []
        var testDescription: String { "K02/K03 \(description)" }
    }

    static let periodicalCases: [PeriodicalCase] = [
        PeriodicalCase(
            description: "no ISSN, no type, no volume or issue, title of a known periodical: periodical",
            request: Support.request(volume: [], issue: nil, ids: [], publicationType: nil),
            known: known, kind: .periodical, byTitle: true
        ),
        PeriodicalCase(
            description: "an ISSN with a wrong check digit is ignored (reported) and the title decides",
            request: Support.request(volume: [], issue: nil, ids: [("ISSN", "1234-5678")], publicationType: nil),
            known: known, kind: .periodical, byTitle: true, invalidISSNs: ["1234-5678"]
        ),
        PeriodicalCase(
            description: "a title spelled differently but with the same key (article, case, qualifier) matches",
            request: Support.request(title: "The JOURNAL of Synthetic Studies (Online)", volume: [], issue: nil, ids: [], publicationType: nil),
            known: known, kind: .periodical, byTitle: true
        ),
        PeriodicalCase(
            description: "the same request with no known periodical of that title stays a work",
            request: Support.request(volume: [], issue: nil, ids: [], publicationType: nil),
            known: [], kind: .work, byTitle: false
        ),
        PeriodicalCase(
            description: "an ISBN makes it a work whatever the title",
            request: Support.request(volume: [], issue: nil, ids: [("ISBN", "0-306-40615-2")], publicationType: "Book"),
            known: known, kind: .work, byTitle: false
        ),
        PeriodicalCase(
            description: "a periodical by its own evidence is not 'by title'",
            request: Support.request(),
            known: known, kind: .periodical, byTitle: false
        ),
    ]

    @Test(arguments: periodicalCases)
    func periodicalTest(_ testCase: PeriodicalCase) throws {
        let classifier = CopyrightClassifier(configuration: Support.configuration())
        let subject = try #require(classifier.subject(for: testCase.request, requestDate: Self.march2026, knownPeriodicalTitleKeys: testCase.known))
        #expect(subject.kind == testCase.kind)
        #expect(subject.isPeriodicalByTitle == testCase.byTitle)
        #expect(subject.invalidISSNs == testCase.invalidISSNs)
        if testCase.kind == .periodical {
            #expect(subject.titleKey == "journal of synthetic studies")
            #expect(subject.workKey == nil)
        }
    }

    @Test("a request that is a periodical by title gets the periodical window: an old article is exempt")
    func periodicalByTitleGetsTheWindow() throws {
        let classifier = CopyrightClassifier(configuration: Support.configuration())
        let old = Support.request(volume: [], issue: nil, ids: [], publicationType: nil, publicationDate: "2015")
        let subject = try #require(classifier.subject(for: old, requestDate: Self.march2026, knownPeriodicalTitleKeys: Self.known))
        #expect(subject.kind == .periodical)
        #expect(subject.exemption == .older)
    }

    struct LinkCase: Sendable, CustomTestStringConvertible {
        var description: String
        var subject: CopyrightSubject
        var candidates: [TitleCluster]
        var genericTitles = CopyrightBorrowingConfiguration.defaultGenericTitles
        var expected: TitleResolution
        var testDescription: String { "K03 step 3: \(description)" }
    }

    static let linkCases: [LinkCase] = [
        LinkCase(
            description: "a new electronic ISSN joins the print cluster of the same title (learned)",
            subject: Support.subject(issns: ["2434-561X"]),
            candidates: [TitleCluster(id: 1, issns: ["1234-5679"], titleKeys: ["journal of synthetic studies"])],
            expected: .existing(id: 1, learnedISSNs: ["2434-561X"], learnedTitleKey: nil)
        ),
        LinkCase(
            description: "two new ISSNs on one request both join",
            subject: Support.subject(issns: ["2434-561X", "1050-4125"]),
            candidates: [TitleCluster(id: 1, issns: ["1234-5679"], titleKeys: ["journal of synthetic studies"])],
            expected: .existing(id: 1, learnedISSNs: ["2434-561X", "1050-4125"], learnedTitleKey: nil)
        ),
        LinkCase(
            description: "\"Newsletter\" is generic: a second ISSN stays apart",
            subject: Support.subject(issns: ["2434-561X"], titleKey: "newsletter"),
            candidates: [TitleCluster(id: 4, issns: ["1234-5679"], titleKeys: ["newsletter"])],
            expected: .new(issns: ["2434-561X"], titleKey: "newsletter")
        ),
        LinkCase(
            description: "\"Annual Report\" is generic",
            subject: Support.subject(issns: ["2434-561X"], titleKey: "annual report"),
            candidates: [TitleCluster(id: 4, issns: ["1234-5679"], titleKeys: ["annual report"])],
            expected: .new(issns: ["2434-561X"], titleKey: "annual report")
        ),
        LinkCase(
            description: "the generic list is configurable: emptied, \"Bulletin\" ISSNs join",
            subject: Support.subject(issns: ["2434-561X"], titleKey: "bulletin"),
            candidates: [TitleCluster(id: 4, issns: ["1234-5679"], titleKeys: ["bulletin"])],
            genericTitles: [],
            expected: .existing(id: 4, learnedISSNs: ["2434-561X"], learnedTitleKey: nil)
        ),
        LinkCase(
            description: "a configured generic title keeps a specific one apart",
            subject: Support.subject(issns: ["2434-561X"]),
            candidates: [TitleCluster(id: 1, issns: ["1234-5679"], titleKeys: ["journal of synthetic studies"])],
            genericTitles: ["The Journal of Synthetic Studies"],
            expected: .new(issns: ["2434-561X"], titleKey: "journal of synthetic studies")
        ),
        LinkCase(
            description: "a generic title with an ISSN still joins a title-only cluster",
            subject: Support.subject(issns: ["2434-561X"], titleKey: "bulletin"),
            candidates: [TitleCluster(id: 8, issns: [], titleKeys: ["bulletin"])],
            expected: .existing(id: 8, learnedISSNs: ["2434-561X"], learnedTitleKey: nil)
        ),
        LinkCase(
            description: "an ISSN already in a cluster stays there (step 1), whatever the title",
            subject: Support.subject(issns: ["2434-561X"]),
            candidates: [
                TitleCluster(id: 1, issns: ["1234-5679"], titleKeys: ["journal of synthetic studies"]),
                TitleCluster(id: 2, issns: ["2434-561X"], titleKeys: ["synthetic studies online"]),
            ],
            expected: .existing(id: 2, learnedISSNs: [], learnedTitleKey: "journal of synthetic studies")
        ),
    ]

    @Test(arguments: linkCases)
    func link(_ testCase: LinkCase) {
        #expect(TitleIdentityResolver.resolve(testCase.subject, candidates: testCase.candidates, issnL: [:], genericTitles: testCase.genericTitles) == testCase.expected)
    }

    @Test("B06 trace: a periodical by title and an ignored ISSN are named; the count is the periodical's")
    func borrowingTrace() throws {
        let configuration = Support.configuration()
        let request = Support.request(volume: [], issue: nil, ids: [("ISSN", "1234-5678")], publicationType: nil)
        var subject = try #require(CopyrightClassifier(configuration: configuration).subject(for: request, requestDate: Self.march2026, knownPeriodicalTitleKeys: Self.known))
        subject.displayTitle = "Journal of Synthetic Studies"
        var input = BorrowingInput(
            request: request,
            patronType: "faculty",
            history: BorrowingHistory(),
            localItem: .notHeld,
            copyright: CopyrightCount(subject: subject, countInBucket: 5),
            lenders: Support.lenders,
            now: Self.march2026
        )
        input.waivedRules = []
        let decision = BorrowingPolicy(configuration: configuration).decide(input)
        #expect(decision.trace.contains { $0.rule == .k02 && $0.detail.contains("known periodical") })
        #expect(decision.trace.contains { $0.rule == .k03 && $0.detail.contains("1234-5678") })
        // Five counted already: the sixth copy of the periodical takes on_limit (pay_royalty).
        #expect(decision.trace.contains { $0.rule == .k09 && $0.verdict == .fired })
        #expect(decision.code == .send)
    }

    @Test("K03 weak identity holds with the code weak_identity")
    func weakIdentityCode() throws {
        let configuration = Support.configuration()
        let request = Support.request(title: "J. Syn. St.", ids: [])
        let subject = try #require(CopyrightClassifier(configuration: configuration).subject(for: request, requestDate: Self.march2026))
        #expect(subject.isWeakTitle)
        let decision = BorrowingPolicy(configuration: configuration).decide(
            BorrowingInput(request: request, patronType: "faculty", history: BorrowingHistory(), localItem: .notHeld, copyright: CopyrightCount(subject: subject, countInBucket: 0), lenders: Support.lenders, now: Self.march2026)
        )
        #expect(decision.decidingRule == .k03)
        #expect(decision.code == .weakIdentity)
    }
}
